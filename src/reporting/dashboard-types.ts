/*
 * What the dashboard routes answer (GET /dashboard/sites, GET /dashboard/flows). No imports but other such
 * shape files: the web app (web/src/dashboard/model.ts) reads these types too, so server and client cannot drift apart.
 */
import type { IcglrStatus } from '../certification/shapes.js';

/** A mine site on the dashboard map. */
export interface DashboardSite {
  id: string;
  uri: string;
  name: string;
  country: string;
  icglrId: string;
  latitude: number;
  longitude: number;
  icglr: { status: IcglrStatus; since?: string; until?: string; exportAllowed: boolean };
  /** Open entries of the caller's risk register about the site (identified or confirmed). */
  openRisks: number;
  /** The caller's open incidents (open or under review) about the site. */
  openIncidents: number;
}

/** Columns of the flow diagram, upstream first: a site, then organisations by their role in the chain. */
export const FLOW_STAGES = ['site', 'producer', 'trading_house', 'exporter', 'refiner', 'manufacturer', 'other'] as const;
export type FlowStage = (typeof FLOW_STAGES)[number];

export interface FlowNode {
  /** Site or party URI. */
  id: string;
  kind: 'site' | 'organisation';
  stage: FlowStage;
  /** The GS1 key of the URI (GLN): how another organisation is shown. */
  key: string;
  /** Site name, or the organisation's name when the caller may read it (its own or a grantor's). */
  name?: string;
  country?: string;
}

export interface FlowLink {
  source: string;
  target: string;
  /** Fine gold, grams (decimal string, 3 decimals). */
  fineGrams: string;
  events: number;
}

export interface Flows {
  /** From inclusive, to exclusive (YYYY-MM-DD). */
  period: { from: string; to: string };
  nodes: FlowNode[];
  links: FlowLink[];
  totalFineGrams: string;
}
