import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { configFromEnv } from '../../src/cli/config.js';
import { HASH_VECTORS, OPENEPCIS, text } from '../epcis/fixtures.js';

/** Runs `orpaille …`; the epcis commands read files only and never open the database. */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t.endsWith('\n') ? t : t + '\n'), err: (t) => (err += t.endsWith('\n') ? t : t + '\n'), interactive: false };
  const code = await main(['node', 'orpaille', ...args], io, configFromEnv());
  return { code, out, err };
}

const fixture = (path: string) => join(OPENEPCIS, path);

describe('orpaille epcis validate', () => {
  it('says a valid JSON-LD document is valid, with its number of events, and exits 0', async () => {
    const r = await run('epcis', 'validate', fixture('JSON/Capture/Documents/Combination_of_different_event.json'));
    expect([r.code, r.out.trim()]).toEqual([0, 'valid: 6 events']);
  });

  it('says a valid XML document is valid and exits 0', async () => {
    const r = await run('epcis', 'validate', fixture('XML/Capture/Documents/ObjectEvent.xml'));
    expect([r.code, r.out.trim()]).toEqual([0, 'valid: 2 events']);
  });

  it('prints one line per problem of an invalid JSON-LD document and exits 1', async () => {
    const r = await run('epcis', 'validate', fixture('JSON/Capture/Invalid/Combination_of_non_standard_bizStep_and_disposition.json'));
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual([
      'events[0].bizStep: "transforming" is neither a CBV 2.0 business step nor a URI',
      'events[1].disposition: "in_transport" is neither a CBV 2.0 disposition nor a URI',
    ]);
  });

  it('prints the problem of an invalid XML document and exits 1', async () => {
    const r = await run('epcis', 'validate', fixture('XML/Capture/Invalid/ObjectEvent_with_near_miss_action.xml'));
    expect([r.code, r.out.trim()]).toEqual([1, 'events[0].action: "OBSERV" is not one of ADD, OBSERVE, DELETE (line 13)']);
  });

  it('validates a lone event and reports as JSON for scripts', async () => {
    const r = await run('epcis', 'validate', fixture('XML/Capture/Events/AggregationEvent.xml'), '--json');
    expect(JSON.parse(r.out)).toMatchObject({ valid: true, kind: 'event', format: 'xml', events: 1, problems: [] });
  });

  it('exits 2 for a file it cannot read', async () => {
    const r = await run('epcis', 'validate', '/nonexistent/events.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_BAD_INPUT');
  });
});

describe('orpaille epcis hash', () => {
  it.each(['epcisDocWithVariousEventTypes.xml', 'epcisDocWithVariousEventTypes.jsonld'])('prints the expected event hashes of %s', async (file) => {
    const r = await run('epcis', 'hash', join(HASH_VECTORS, 'examples', file));
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(text(join(HASH_VECTORS, 'examples', 'epcisDocWithVariousEventTypes.hashes')).trim());
  });
});
