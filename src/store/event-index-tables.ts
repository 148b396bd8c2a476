/*
 * Tables of the EPCIS event index and named queries (migration 0002_event_index). The query interface
 * reads only these indexed columns and tables, never the JSON body of an event.
 */

/** Columns the event index adds to `events` (event_type, biz_step, event_time, record_time were there). */
export interface EventIndexColumns {
  action: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
}

/** One identifier of an event in one role (epc, parent, child, input, output, class, child_class, input_class, output_class). */
export interface EventEpcsTable {
  seq: number;
  role: string;
  epc: string;
}

export interface EventBizTxTable {
  seq: number;
  type: string | null;
  id: string;
}

export interface EventSrcDestTable {
  seq: number;
  dir: string;
  type: string;
  id: string;
}

/** One ilmd or extension field value; `name` is the field's full IRI. */
export interface EventFieldsTable {
  seq: number;
  scope: string;
  name: string;
  text_value: string | null;
  num_value: number | null;
}

/** Which parties may see which event: the basis of access control. */
export interface EventPartiesTable {
  party: string;
  seq: number;
}

/** A named query of the REST binding, kept per organisation; `query` is its parameters as JSON. */
export interface NamedQueriesTable {
  owner: string;
  name: string;
  query: string;
  created_at: number;
}

export interface EventIndexTables {
  events: EventIndexColumns;
  event_epcs: EventEpcsTable;
  event_biz_tx: EventBizTxTable;
  event_src_dest: EventSrcDestTable;
  event_fields: EventFieldsTable;
  event_parties: EventPartiesTable;
  named_queries: NamedQueriesTable;
}
