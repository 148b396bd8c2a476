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
  /** The server could not be reached: this is the caller of the last visit, kept on the device (field capture). */
  offline?: boolean;
}

/** Where the last caller is remembered, so that a page reloaded without a network still knows who captures. */
const ME_STORAGE_KEY = 'orpaille.me';

function remember(me: Me | undefined): void {
  try {
    if (me) localStorage.setItem(ME_STORAGE_KEY, JSON.stringify({ principal: me.principal, email: me.email }));
    else localStorage.removeItem(ME_STORAGE_KEY);
  } catch {
    // Storage disabled: the app still works online.
  }
}

function remembered(): Me | undefined {
  try {
    const kept = localStorage.getItem(ME_STORAGE_KEY);
    return kept ? ({ ...(JSON.parse(kept) as Me), offline: true } as Me) : undefined;
  } catch {
    return undefined;
  }
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
    remember(me);
    setState({ status: 'signedIn', me });
  }, []);
  const expired = useCallback(() => {
    setCsrfToken(undefined);
    remember(undefined);
    setState({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    api.get<Me>('/auth/me').then(signedIn, (err: unknown) => {
      // Offline: the last caller goes on capturing; the server checks the session again when the captures sync.
      const kept = err instanceof ApiError && err.code === 'ORP_NETWORK' ? remembered() : undefined;
      if (kept) return setState({ status: 'signedIn', me: kept });
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
