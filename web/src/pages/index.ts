import { lazy, type ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { Location } from '../router';

/** What a page receives: the client location (path and query parameters). */
export interface PageProps {
  location: Location;
}

/**
 * A page loaded on first visit (code splitting, docs/web.md): each page is its own chunk, so a phone opening the
 * capture page does not download the dashboard's world map. The service worker precaches every chunk for offline use.
 */
function page<M>(load: () => Promise<M>, name: keyof M): ComponentType<PageProps> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<PageProps> }));
}

/** A client route. Add a page with one line here (docs/web.md). */
export interface PageDef {
  /** Hash path (`#/trace`); sub-paths (`#/trace/LOT`) go to the page whose path is their longest prefix. */
  path: string;
  /** Label of its navigation link; pages without one are reached by links only. */
  nav?: MessageKey;
  component: ComponentType<PageProps>;
  /** Shown without logging in (consumer verification). */
  public?: boolean;
}

export const PAGES: PageDef[] = [
  { path: '/', nav: 'nav.dashboard', component: page(() => import('./dashboard'), 'Dashboard') },
  { path: '/trace', nav: 'nav.trace', component: page(() => import('./trace'), 'TraceExplorer') },
  { path: '/capture', nav: 'nav.capture', component: page(() => import('./capture'), 'Capture') },
  { path: '/diligence', nav: 'nav.diligence', component: page(() => import('./diligence'), 'Diligence') },
  { path: '/certificates', nav: 'nav.certificates', component: page(() => import('./certificates'), 'Certificates') },
  { path: '/reports', nav: 'nav.reports', component: page(() => import('./reports'), 'Reports') },
];

/** The page of a path: exact match, else the longest page path that is a prefix at a `/` boundary. */
export function pageOf(path: string): PageDef | undefined {
  const exact = PAGES.find((p) => p.path === path);
  if (exact) return exact;
  return PAGES.filter((p) => p.path !== '/' && path.startsWith(`${p.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
}
