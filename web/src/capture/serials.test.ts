import { describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../../../src/kernel/gs1.js';
import { isGln, offeredSerials, queuedSerials } from './serials';
import type { QueuedCapture } from './store';

const item = (what: QueuedCapture['what'], status: QueuedCapture['status'], body: object): QueuedCapture => ({
  id: String(Math.random()),
  org: 'o',
  device: 'd',
  kind: 'epcis',
  what,
  label: '',
  body: JSON.stringify(body),
  signature: '',
  createdAt: '',
  status,
});

describe('capture choices', () => {
  it('checks the GS1 check digit of a GLN', () => {
    // Every last digit of a few GLNs: only the one the server's GS1 check digit computes passes.
    for (const body of ['061414100000', '400638133393', '762000000000', '999999999999']) {
      for (let d = 0; d <= 9; d++) expect(isGln(`${body}${d}`)).toBe(d === gs1CheckDigit(body));
    }
    expect(isGln('4006381333931')).toBe(true);
    expect(isGln('400638133393')).toBe(false);
    expect(isGln('400638133393a')).toBe(false);
  });

  it('does not offer the serials of pack captures still waiting', () => {
    const ev = (tag: string, seal: string) => ({ epcisBody: { eventList: [{ 'gold:tag': tag, 'gold:seal': seal }] } });
    const used = queuedSerials([item('pack', 'pending', ev('T-1', 'S-"1')), item('pack', 'accepted', ev('T-2', 'S-2')), item('ship', 'pending', ev('T-3', 'S-3'))]);
    expect([...used].sort()).toEqual(['S-"1', 'T-1']);
    expect(offeredSerials(['S-2', 'T-1', 'T-2', 'T-3'], used)).toEqual(['S-2', 'T-2', 'T-3']);
    expect(offeredSerials(undefined, used)).toEqual([]);
  });
});
