import type { QueuedCapture } from './store';

/*
 * Choices the capture forms offer instead of typing: the tag and seal serials the organisation holds unused, and
 * a check of a typed GLN before a shipment is queued (a mistyped receiver would send the lots nowhere).
 */

/** The tag and seal serials named by pack captures still waiting in the queue: not to be offered again. */
export function queuedSerials(items: readonly QueuedCapture[]): Set<string> {
  const used = new Set<string>();
  for (const i of items) {
    if (i.what !== 'pack' || i.status !== 'pending') continue;
    // The body is the exact signed EPCIS text; its events carry the serials as gold:tag and gold:seal.
    for (const m of i.body.matchAll(/"gold:(?:tag|seal)":\s*"((?:[^"\\]|\\.)*)"/g)) used.add(JSON.parse(`"${m[1]}"`) as string);
  }
  return used;
}

/** The serials to offer: those on hand, less the ones already used on this device. */
export function offeredSerials(onHand: readonly string[] | undefined, used: ReadonlySet<string>): string[] {
  return (onHand ?? []).filter((s) => !used.has(s));
}

/** Whether 13 digits are a GLN: the last digit is the GS1 check digit of the first 12 (weights 1,3 from the left). */
export function isGln(digits: string): boolean {
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += Number(digits[k]) * (k % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(digits[12]);
}
