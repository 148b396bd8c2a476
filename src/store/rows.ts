import type { Selectable } from 'kysely';
import type { AssayMethod, CocModel, CreditEntry, LotForm, LotState, LotStatus } from '../custody/index.js';
import { lotNumberOf } from '../kernel/index.js';
import type { LedgerRecord } from '../ledger/index.js';
import type { CreditEntriesTable, EventsTable, LotsTable } from './schema.js';

/** Lot projection row to domain state. */
export function lotFromRow(r: Selectable<LotsTable>): LotState {
  const lot: LotState = {
    lot: r.lot_id,
    form: r.form as LotForm,
    initialMg: Number(r.initial_mg),
    heldMg: Number(r.held_mg),
    fineness: Number(r.fineness),
    custodian: r.custodian,
    owner: r.owner,
    status: r.status as LotStatus,
    cocModel: r.coc_model as CocModel,
    createdAt: Number(r.created_at),
    lastEventAt: Number(r.last_event_at),
  };
  if (r.in_transit_to !== null) lot.inTransitTo = r.in_transit_to;
  if (r.bag !== null) lot.bag = r.bag;
  if (r.site !== null) lot.site = r.site;
  if (r.tag !== null) lot.tag = r.tag;
  if (r.seal !== null) lot.seal = r.seal;
  if (r.scheme !== null) lot.scheme = r.scheme;
  if (r.assay_method !== null && r.assay_date !== null) {
    lot.assay = { method: r.assay_method as AssayMethod, date: r.assay_date };
    if (r.assay_lab !== null) lot.assay.lab = r.assay_lab;
    if (r.assay_sample !== null) lot.assay.sampleId = r.assay_sample;
  }
  return lot;
}

/** Domain lot state to its projection row. */
export function lotToRow(l: LotState): Selectable<LotsTable> {
  return {
    lot_id: l.lot,
    lot_number: lotNumberOf(l.lot) ?? l.lot,
    form: l.form,
    initial_mg: l.initialMg,
    held_mg: l.heldMg,
    fineness: l.fineness,
    custodian: l.custodian,
    owner: l.owner,
    status: l.status,
    in_transit_to: l.inTransitTo ?? null,
    bag: l.bag ?? null,
    site: l.site ?? null,
    tag: l.tag ?? null,
    seal: l.seal ?? null,
    coc_model: l.cocModel,
    scheme: l.scheme ?? null,
    assay_method: l.assay?.method ?? null,
    assay_lab: l.assay?.lab ?? null,
    assay_date: l.assay?.date ?? null,
    assay_sample: l.assay?.sampleId ?? null,
    created_at: l.createdAt,
    last_event_at: l.lastEventAt,
  };
}

export function recordToRow(r: LedgerRecord): Selectable<EventsTable> {
  return {
    seq: r.seq,
    event_id: r.eventId,
    event_type: r.eventType,
    biz_step: r.bizStep,
    event_time: r.eventTime,
    record_time: r.recordTime,
    recorder: r.recorder,
    body: r.body,
    prev_hash: r.prevHash,
    record_hash: r.recordHash,
    key_id: r.keyId,
    signature: r.signature,
  };
}

export function recordFromRow(r: Selectable<EventsTable>): LedgerRecord {
  return {
    seq: Number(r.seq),
    eventId: r.event_id,
    eventType: r.event_type,
    bizStep: r.biz_step,
    eventTime: Number(r.event_time),
    recordTime: Number(r.record_time),
    recorder: r.recorder,
    body: r.body,
    prevHash: r.prev_hash,
    recordHash: r.record_hash,
    keyId: r.key_id,
    signature: r.signature,
  };
}

/** Credit entry row to domain entry. */
export function creditEntryFromRow(r: Pick<Selectable<CreditEntriesTable>, 'entry' | 'earned_at' | 'expires_at' | 'amount_mg' | 'remaining_mg'>): CreditEntry {
  return {
    entry: Number(r.entry),
    earnedAt: Number(r.earned_at),
    ...(r.expires_at !== null ? { expiresAt: Number(r.expires_at) } : {}),
    amountMg: Number(r.amount_mg),
    remainingMg: Number(r.remaining_mg),
  };
}
