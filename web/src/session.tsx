import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api';

/** The caller as the server sees it (GET /auth/me, POST /auth/login; src/http/session.ts). */
export interface Me {
  principal: {
    kind: 'user' | 'token';
    id: string;
    org: { id: string; uri: string } | null;
    role: 'admin' | 'operator' | 'auditor' | 'viewer';
    platformAdmin: boolean;
    visibleParties: string[];
  };
  email?: string;
  csrfToken?: string;
  expiresAt?: string;
}

export type SessionState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; me: Me };

export interface Session {
  state: SessionState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Forget the session after the server answered 401 (expired): the login page shows again. */
  expired(): void;
}

const SessionContext = createContext<Session | null>(null);

/** Asks the server who is logged in (the cookie is HttpOnly: only the server can tell), then keeps the answer. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'signedIn', me });
  }, []);
  const expired = useCallback(() => {
    setCsrfToken(undefined);
    setState({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    api.get<Me>('/auth/me').then(signedIn, (err: unknown) => {
      if (!(err instanceof ApiError) || err.status !== 401) console.error(err);
      expired();
    });
  }, [signedIn, expired]);

  const value = useMemo<Session>(
    () => ({
      state,
      login: async (email, password) => signedIn(await api.post<Me>('/auth/login', { email, password })),
      logout: async () => {
        try {
          await api.post('/auth/logout');
        } finally {
          expired();
        }
      },
      expired,
    }),
    [state, signedIn, expired],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session (inside `SessionProvider`). */
export function useSession(): Session {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in caller; only for pages rendered after login. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe before login');
  return state.me;
}
