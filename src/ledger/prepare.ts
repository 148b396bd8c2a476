import { toEpcis, type GoldEvent } from '../custody/index.js';
import { ORPAILLE_CONTEXT, eventHash, eventIndex, type EventIndex } from '../epcis/index.js';
import { canonicalJson, isOrpailleError, parseIsoDateTime } from '../kernel/index.js';
import type { ItemResult } from './types.js';

/** What preparing an event yields: its id (CBV 2.0 hash), canonical bytes and index fields. */
export interface Prepared {
  eventId: string;
  body: string;
  epcisType: string;
  bizStep: string | null;
  eventTime: number;
  /** What the query interface looks up about the event (written in the same transaction as the record). */
  index: EventIndex;
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

function prepare(event: GoldEvent): Prepared {
  const epcis = toEpcis(event);
  const eventId = eventHash(epcis, ORPAILLE_CONTEXT);
  const body = canonicalJson({ ...epcis, eventID: eventId });
  return {
    eventId,
    body,
    epcisType: epcis.type,
    bizStep: typeof epcis['bizStep'] === 'string' ? epcis['bizStep'] : null,
    eventTime: parseIsoDateTime(event.eventTime),
    index: eventIndex(epcis, event.recorder),
  };
}

/** Prepares a list of events, one outcome per event (a failure does not stop the others). */
export function prepareAll(events: GoldEvent[]): PrepareOutcome[] {
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
