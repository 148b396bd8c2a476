/*
 * Table types. Hot query fields are real, indexed columns; an event's canonical bytes live in
 * `events.body` as text, hashed and signed exactly as stored.
 */

export interface OrganisationsTable {
  id: string;
  uri: string;
  name: string;
  roles: string; // JSON array of roles
  country: string;
  gln: string;
  company_prefix: string;
  created_at: number;
}

export interface KeysTable {
  key_id: string;
  org_id: string;
  public_key: string;
  private_key: string;
  created_at: number;
}

export interface MinersTable {
  id: string;
  uri: string;
  org_id: string;
  display_name: string;
  gender: string;
  birth_year: number;
  registered_on: string;
  /** The mine site URI the miner was registered at (migration 0017), if known. */
  site: string | null;
}

export interface SitesTable {
  id: string;
  uri: string;
  org_id: string;
  name: string;
  icglr_id: string;
  country: string;
  geometry: string;
  latitude: number;
  longitude: number;
  licence_type: string;
  licensed_on: string | null;
  capacity_g_month: number;
}

export interface EventsTable {
  seq: number;
  event_id: string;
  event_type: string;
  biz_step: string | null;
  event_time: number;
  record_time: number;
  recorder: string;
  body: string;
  prev_hash: string;
  record_hash: string;
  key_id: string;
  signature: string | null;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  record_hash: string;
  locked_at: number;
}

export interface LotsTable {
  lot_id: string;
  lot_number: string;
  form: string;
  initial_mg: number;
  held_mg: number;
  fineness: number;
  custodian: string;
  owner: string;
  status: string;
  in_transit_to: string | null;
  bag: string | null;
  site: string | null;
  tag: string | null;
  seal: string | null;
  coc_model: string;
  scheme: string | null;
  assay_method: string | null;
  assay_lab: string | null;
  assay_date: string | null;
  assay_sample: string | null;
  created_at: number;
  last_event_at: number;
}

export interface LotInputsTable {
  output_lot: string;
  input_lot: string;
  fine_mg: number;
}

export interface EventLotsTable {
  lot_id: string;
  seq: number;
}

/** A mass-balance credit account (holder, scheme, metal) and the number of its last entry (migration 0008). */
export interface CreditAccountsTable {
  holder: string;
  scheme: string;
  metal: string;
  last_entry: number;
}

/** One dated credit entry: earned by a transformation, spent oldest first, void after `expires_at`. */
export interface CreditEntriesTable {
  holder: string;
  scheme: string;
  metal: string;
  entry: number;
  earned_at: number;
  expires_at: number | null;
  amount_mg: number;
  remaining_mg: number;
}

export interface RuleValuesTable {
  rule: string;
  key: string;
  effective_from: string;
  effective_to: string | null;
  value: string;
  source: string;
  confidence: string;
}

export interface Database {
  organisations: OrganisationsTable;
  keys: KeysTable;
  miners: MinersTable;
  sites: SitesTable;
  events: EventsTable;
  ledger_head: LedgerHeadTable;
  lots: LotsTable;
  lot_inputs: LotInputsTable;
  event_lots: EventLotsTable;
  credit_accounts: CreditAccountsTable;
  credit_entries: CreditEntriesTable;
  rule_values: RuleValuesTable;
}
