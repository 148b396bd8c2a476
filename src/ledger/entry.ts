import { fromEpcis } from '../custody/index.js';
import type { EpcisEntry, GoldEvent } from './types.js';

/** True when an event uses the gold extension (top level or in its ilmd). */
export function usesGoldExtension(event: Record<string, unknown>): boolean {
  for (const k of Object.keys(event)) if (k.startsWith('gold:')) return true;
  const ilmd = event['ilmd'];
  if (ilmd && typeof ilmd === 'object') for (const k of Object.keys(ilmd)) if (k.startsWith('gold:')) return true;
  return false;
}

/**
 * The ledger entry for an EPCIS event captured by `recorder` (normalised, see docs/epcis.md).
 * An event that speaks the gold extension must be a well-formed gold event, so that the custody
 * rules can check it: a malformed one throws ORP_EPCIS_INVALID naming the field, rather than
 * slipping into the ledger as an unchecked plain event.
 */
export function captureEntry(event: Record<string, unknown>, recorder: string): EpcisEntry {
  if (!usesGoldExtension(event)) return { type: 'epcis', recorder, event };
  return { type: 'epcis', recorder, event, gold: fromEpcis(event) };
}

/**
 * `captureEntry` with the gold reading left to the ledger's prepare step, which runs in worker
 * threads for large batches: what capture jobs use. A malformed gold event comes back as that
 * event's rejection (ORP_EPCIS_INVALID) instead of a throw.
 */
export function pendingCaptureEntry(event: Record<string, unknown>, recorder: string): EpcisEntry {
  return { type: 'epcis', recorder, event, goldPending: true };
}

/** The gold reading of a captured event whose reading is pending (undefined for a plain EPCIS event). */
export function readPendingGold(entry: EpcisEntry): GoldEvent | undefined {
  return usesGoldExtension(entry.event) ? fromEpcis(entry.event) : undefined;
}
