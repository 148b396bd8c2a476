import { toEpcis, type GoldEvent } from '../custody/index.js';
import { ORPAILLE_CONTEXT, eventHash, eventIndex, type EventIndex } from '../epcis/index.js';
import { badInput, canonicalJson, isOrpailleError, parseIsoDateTime, sha256Hex } from '../kernel/index.js';
import { readPendingGold } from './entry.js';
import type { EpcisEntry, ItemResult, LedgerEntry } from './types.js';

/** What preparing an event yields: its id (CBV 2.0 hash), canonical bytes and index fields. */
export interface Prepared {
  eventId: string;
  body: string;
  /** SHA-256 hex of `body`, for the record hash. */
  bodyHash: string;
  epcisType: string;
  bizStep: string | null;
  eventTime: number;
  /** What the query interface looks up about the event (written in the same transaction as the record). */
  index: EventIndex;
  /** The gold reading of a captured event whose reading was pending (see EpcisEntry.goldPending). */
  gold?: GoldEvent;
}

/** An event ready for the ledger. */
export interface PreparedEvent extends Prepared {
  event: GoldEvent;
}

export type PrepareOutcome = Prepared | { error: NonNullable<ItemResult['error']> };

/** Renders a gold event as EPCIS, computes its CBV 2.0 hash id and its canonical bytes. Pure. */
export function prepareEvent(event: GoldEvent): PreparedEvent {
  return { event, ...prepare(event) };
}

function prepare(entry: LedgerEntry): Prepared {
  if (entry.type === 'epcis') return prepareCaptured(entry);
  const epcis = toEpcis(entry);
  const eventId = eventHash(epcis, ORPAILLE_CONTEXT);
  const body = canonicalJson({ ...epcis, eventID: eventId });
  return {
    eventId,
    body,
    bodyHash: sha256Hex(body),
    epcisType: epcis.type,
    bizStep: typeof epcis['bizStep'] === 'string' ? epcis['bizStep'] : null,
    eventTime: parseIsoDateTime(entry.eventTime),
    index: eventIndex(epcis, entry.recorder),
  };
}

/**
 * A captured event is stored as it came (normalised); its ledger id is its CBV 2.0 hash, which
 * ignores eventID, so the same event captured twice under two eventIDs is one event.
 */
function prepareCaptured(entry: EpcisEntry): Prepared {
  const e = entry.event;
  const gold = entry.goldPending ? readPendingGold(entry) : undefined;
  const eventId = eventHash(e, ORPAILLE_CONTEXT);
  const body = canonicalJson(e['eventID'] === undefined ? { ...e, eventID: eventId } : e);
  const type = e['type'];
  const time = e['eventTime'];
  if (typeof type !== 'string' || typeof time !== 'string') throw badInput('an EPCIS event needs a type and an eventTime');
  return {
    eventId,
    body,
    bodyHash: sha256Hex(body),
    epcisType: type,
    bizStep: typeof e['bizStep'] === 'string' ? e['bizStep'] : null,
    eventTime: parseIsoDateTime(time),
    index: eventIndex(e, entry.recorder),
    ...(gold ? { gold } : {}),
  };
}

/** Prepares a list of events, one outcome per event (a failure does not stop the others). */
export function prepareAll(events: LedgerEntry[]): PrepareOutcome[] {
  return events.map((e) => {
    try {
      return prepare(e);
    } catch (err) {
      return { error: errorOf(err) };
    }
  });
}

/** The per-item error form of anything thrown. */
export function errorOf(err: unknown): NonNullable<ItemResult['error']> {
  if (isOrpailleError(err)) return { code: err.code, message: err.message, details: err.details };
  return { code: 'ORP_INTERNAL', message: err instanceof Error ? err.message : String(err), details: {} };
}
