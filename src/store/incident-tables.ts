/** Table types of migration 0010_incidents (kept apart from schema.ts; the store uses `kysely.withTables<IncidentTables>()`). */

/** An incident raised by the red-flag engine; `key` makes raising idempotent. */
export interface IncidentsTable {
  id: string;
  /** Party URI of the organisation whose due diligence it concerns. */
  org: string;
  rule: string;
  key: string;
  subject: string;
  summary: string;
  status: string;
  owner: string | null;
  /** JSON: seqs, numbers, threshold, rule version, event time. */
  evidence: string;
  event_time: number;
  raised_at: number;
  updated_at: number;
}

export interface IncidentHistoryTable {
  incident_id: string;
  n: number;
  at: number;
  actor: string;
  status: string;
  owner: string | null;
  note: string;
}

/** A person's approval of a cash purchase (LBMA RGG v9), keyed by buyer and purchase number. */
export interface CashApprovalsTable {
  buyer: string;
  purchase_number: string;
  approved_by: string;
  approved_at: number;
  note: string;
}

/** A dated risk area: country list and polygons as JSON (GeoJSON MultiPolygon coordinates). */
export interface RiskAreasTable {
  id: string;
  effective_from: string;
  effective_to: string | null;
  name: string;
  category: string;
  countries: string;
  polygons: string;
  source: string;
}

// A type alias, not an interface, so it satisfies Kysely's `withTables` constraint.
export type IncidentTables = {
  incidents: IncidentsTable;
  incident_history: IncidentHistoryTable;
  cash_approvals: CashApprovalsTable;
  risk_areas: RiskAreasTable;
};
