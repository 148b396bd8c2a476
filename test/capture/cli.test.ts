import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { testStores } from '../support/stores.js';
import { makeWorld, NOW, type World } from '../support/world.js';
import { jsonDocument, plainEvent } from './documents.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

async function run(w: World, ...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), interactive: false };
  const code = await main(['node', 'orpaille', ...args], io, { ...w.config, clock: fixedClock(NOW) });
  return { code, out, err };
}

describe('orpaille epcis capture', () => {
  let w: World;
  let dir: string;
  let events: () => Promise<number>;
  beforeEach(async () => {
    w = await makeWorld(sqliteStore);
    await w.orp.close();
    dir = mkdtempSync(join(tmpdir(), 'orpaille-capture-cli-'));
    events = async () => {
      const orp = await openOrpaille(w.config);
      const n = (await orp.registry.counts()).events;
      await orp.close();
      return n;
    };
  });
  afterEach(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  function file(name: string, text: string): string {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  }

  it('explains `epcis capture` with --help', async () => {
    const r = await run(w, 'epcis', 'capture', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--proceed');
  });

  it('captures a JSON-LD document for the organisation given with --org', async () => {
    const r = await run(w, 'epcis', 'capture', file('doc.jsonld', jsonDocument([plainEvent(1), plainEvent(2), ...w.buy('A')])), '--org', 'house', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ recorder: w.house.uri, committed: true, eventCount: 4, accepted: 4, rejected: 0, problems: [] });
    expect(await events()).toBe(4);
  });

  it('writes nothing of a document with a rejected event and exits 1, unless --proceed keeps the valid ones', async () => {
    // The house may not record the refiner's purchase: the recorder named in the event is not the capturing one.
    const doc = file('doc.jsonld', jsonDocument([plainEvent(1), ...w.buy('A')]));
    const rollback = await run(w, 'epcis', 'capture', doc, '--org', 'refiner');
    expect(rollback.code).toBe(1);
    expect(rollback.out).toContain('ORP_RECORDER_MISMATCH');
    expect(rollback.out).toContain('nothing was written');
    expect(await events()).toBe(0);
    const proceed = await run(w, 'epcis', 'capture', doc, '--org', 'refiner', '--proceed', '--json');
    expect(proceed.code).toBe(1);
    expect(JSON.parse(proceed.out)).toMatchObject({ committed: true, accepted: 1, rejected: 2 });
    expect(await events()).toBe(1);
  });

  it('refuses an invalid document with the codec’s reason and exit 2, writing nothing', async () => {
    const bad = JSON.parse(jsonDocument([plainEvent(1)])) as { epcisBody: { eventList: Record<string, unknown>[] } };
    delete bad.epcisBody.eventList[0]!['eventTime'];
    const r = await run(w, 'epcis', 'capture', file('bad.jsonld', JSON.stringify(bad)), '--org', 'house');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_EPCIS_INVALID');
    expect(r.err).toContain('event 0');
    expect(r.err).toContain('eventTime');
    expect(await events()).toBe(0);
  });

  it('asks for --org when several organisations could record the events', async () => {
    const r = await run(w, 'epcis', 'capture', file('doc.jsonld', jsonDocument([plainEvent(1)])));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--org');
  });
});
