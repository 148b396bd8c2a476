import { useEffect, useState } from 'react';

/**
 * A hash router (`/#/trace?lot=X`): the server answers only `/` with the app, so client routes can never
 * shadow API paths (`/lots`, `/certificates`...), and no server route is needed per page.
 */
export interface Location {
  /** Path after `#`, always starting with `/` (`/` for an empty hash). */
  path: string;
  params: URLSearchParams;
}

function current(): Location {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, params: new URLSearchParams(search) };
}

/** The current client location; re-renders on navigation. */
export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return loc;
}

/** The href of a client route, for `<a href>`. */
export function href(path: string, params?: Record<string, string>): string {
  const q = params ? new URLSearchParams(params).toString() : '';
  return `#${path}${q ? `?${q}` : ''}`;
}

/** Goes to a client route. */
export function navigate(path: string, params?: Record<string, string>): void {
  window.location.hash = href(path, params).slice(1);
}
