import { useEffect, useState } from 'react';

/** What a load gave: nothing yet, the data, or the error (an ApiError for the API's refusals). */
export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
}

/**
 * Runs `load` when `key` changes and keeps its answer; an answer that arrives after the key changed (the reader
 * moved on) is dropped, so a slow request never overwrites a newer one. An empty key loads nothing.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key: '' });
  useEffect(() => {
    if (!key) return;
    let live = true;
    setState({ key });
    load().then(
      (data) => live && setState({ key, data }),
      (error: unknown) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure on every render; `key` names what it loads.
  }, [key]);
  const current = state.key === key;
  return {
    ...(current && state.data !== undefined ? { data: state.data } : {}),
    ...(current && state.error !== undefined ? { error: state.error } : {}),
    loading: !!key && (!current || (state.data === undefined && state.error === undefined)),
  };
}
