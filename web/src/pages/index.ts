import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { Location } from '../router';
import { ComingSoon } from './coming-soon';
import { Dashboard } from './dashboard';
import { Diligence } from './diligence';
import { TraceExplorer } from './trace';
import { Reports } from './reports';
import { Certificates } from './certificates';
import { Capture } from './capture';

/** What a page receives: the client location (path and query parameters). */
export interface PageProps {
  location: Location;
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
  { path: '/', nav: 'nav.dashboard', component: Dashboard },
  { path: '/trace', nav: 'nav.trace', component: TraceExplorer },
  { path: '/capture', nav: 'nav.capture', component: Capture },
  { path: '/diligence', nav: 'nav.diligence', component: Diligence },
  { path: '/certificates', nav: 'nav.certificates', component: Certificates },
  { path: '/reports', nav: 'nav.reports', component: Reports },
];

/** The page of a path: exact match, else the longest page path that is a prefix at a `/` boundary. */
export function pageOf(path: string): PageDef | undefined {
  const exact = PAGES.find((p) => p.path === path);
  if (exact) return exact;
  return PAGES.filter((p) => p.path !== '/' && path.startsWith(`${p.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
}
