import { fromEpcis } from '../custody/index.js';
import type { EpcisEntry } from './types.js';

/** True when an event uses the gold extension (top level or in its ilmd). */
function usesGoldExtension(event: Record<string, unknown>): boolean {
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
