import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, type Query } from './api';
import { ErrorMessage } from './errors';
import { useI18n } from './i18n';

/** What a load gives a screen: the data, or the error (an ApiError for the API's refusals), and ways to change it. */
export interface Resource<T> {
  data?: T;
  error?: unknown;
  /** True while the first answer for the key, or a reload's, is awaited. */
  loading: boolean;
  /** Asks again (after a write); the data shown stays until the new answer arrives. */
  reload(): void;
  /** Replaces the data with the answer of a write (which returns the record as it now is). */
  set(data: T): void;
}

interface State<T> {
  key: string;
  data?: T;
  error?: unknown;
  pending: boolean;
}

/**
 * Runs `load` when `key` changes (or on reload) and keeps its answer; an answer that arrives after the key changed
 * (the reader moved on) or after a newer reload is dropped, so a slow request never overwrites a newer one. A new
 * key forgets the old data; an empty key loads nothing.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<State<T>>({ key: '', pending: false });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!key) return;
    let live = true;
    setState((s) => (s.key === key && s.data !== undefined ? { key, data: s.data, pending: true } : { key, pending: true }));
    load().then(
      (data) => live && setState({ key, data, pending: false }),
      (error: unknown) => live && setState({ key, error, pending: false }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure on every render; `key` names what it loads.
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const set = useCallback((data: T) => setState({ key, data, pending: false }), [key]);
  const current = state.key === key;
  return {
    ...(current && state.data !== undefined ? { data: state.data } : {}),
    ...(current && state.error !== undefined ? { error: state.error } : {}),
    loading: !!key && (!current || state.pending),
    reload,
    set,
  };
}

/** The answer of `GET path?query`, asked again when the path or the query's values change (no path: nothing). */
export function useResource<T>(path: string | undefined, query?: Query): Resource<T> {
  // The key stands for path and query: a new query object with the same values does not fetch again.
  const key = path ? JSON.stringify([path, query ?? {}]) : '';
  return useLoad(key, () => api.get<T>(path!, query));
}

/** Shows the failure, the loading line, or the content once the data is there. */
export function Loaded<T>({ resource, children }: { resource: Pick<Resource<T>, 'data' | 'error'>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (resource.error !== undefined) return <ErrorMessage error={resource.error} />;
  if (resource.data === undefined) return <p aria-live="polite">{t('app.loading')}</p>;
  return <>{children(resource.data)}</>;
}
