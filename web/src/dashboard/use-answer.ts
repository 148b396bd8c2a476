import { useEffect, useState } from 'react';
import { api, type Query } from '../api';

/** The answer of a GET, fetched again when `path` or `query` change; an answer that arrives after a newer request is dropped. */
export function useAnswer<T>(path: string, query?: Query): { data?: T; error?: unknown } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const key = JSON.stringify([path, query ?? {}]);
  useEffect(() => {
    let live = true;
    setState({});
    api.get<T>(path, query).then(
      (data) => live && setState({ data }),
      (error: unknown) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
    // `key` stands for path and query: a new query object with the same values does not fetch again.
  }, [key]);
  return state;
}
