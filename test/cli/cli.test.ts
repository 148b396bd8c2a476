import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

function csv(dir: string, name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const HEADER = 'date,miner_id,site_id,gross_grams,fineness,price,currency,payment_method,tag';

describe('the orpaille command', () => {
  let w: World;
  let dir: string;
  beforeEach(async () => {
    w = await makeWorld(sqliteStore);
    await appendOk(w, [...w.buy('A', { grams: 10, fineness: 800 }), ...w.buy('B', { grams: 30, fineness: 800, site: 1 })]);
    await w.orp.close();
    dir = mkdtempSync(join(tmpdir(), 'orpaille-cli-'));
  });
  afterEach(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['demo'], ['serve'], ['org', 'list'], ['site', 'list'], ['lot', 'list'], ['lot', 'show'], ['trace'], ['verify'], ['import'], ['export'], ['epcis', 'hash'], ['claim', 'check']])(
    'explains `%s` with --help',
    async (...cmd) => {
      const r = await run(w, ...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: orpaille');
    },
  );

  it('lists organisations, sites and lots as JSON for scripts', async () => {
    const orgs = JSON.parse((await run(w, 'org', 'list', '--json')).out) as { id: string; roles: string[] }[];
    expect(orgs.map((o) => o.id)).toEqual(['asmo', 'exporter', 'house', 'refiner']);
    const sites = JSON.parse((await run(w, 'site', 'list', '--json')).out) as { icglrId: string }[];
    expect(sites.map((s) => s.icglrId)).toEqual(['CD-1.5000-30.0000-00001', 'CD-1.6000-30.1000-00002']);
    const lots = JSON.parse((await run(w, 'lot', 'list', '--org', 'house', '--form', 'dore', '--json')).out) as { lotNumber: string; fineGoldGrams: string }[];
    expect(lots.map((l) => [l.lotNumber, l.fineGoldGrams])).toEqual([
      ['A', '8.000'],
      ['B', '24.000'],
    ]);
    expect(JSON.parse((await run(w, 'lot', 'list', '--org', 'refiner', '--json')).out)).toEqual([]);
  });

  it('shows a lot with its events', async () => {
    const r = await run(w, 'lot', 'show', 'A', '--json');
    const shown = JSON.parse(r.out) as { lot: { owner: string }; events: { bizStep: string }[] };
    expect(shown.lot.owner).toBe(w.house.uri);
    expect(shown.events.map((e) => e.bizStep)).toEqual(['commissioning', 'accepting']);
    const missing = await run(w, 'lot', 'show', 'NOPE');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ORP_LOT_NOT_FOUND');
  });

  it('traces a lot back to its site', async () => {
    const t = JSON.parse((await run(w, 'trace', 'B', '--backward', '--json')).out) as { origins: { site: string; sharePercent: number }[] };
    expect(t.origins).toMatchObject([{ site: w.sites[1]!.uri, sharePercent: 100 }]);
    const f = JSON.parse((await run(w, 'trace', 'site-1', '--forward', '--json')).out) as { descendants: { lot: string }[] };
    expect(f.descendants.map((d) => d.lot)).toEqual([w.lot(w.house, 'dore', 'A')]);
  });

  it('verifies the ledger: exit 0 when intact, exit 1 naming the first bad record', async () => {
    expect((await run(w, 'verify')).code).toBe(0);
    const orp = await openOrpaille(w.config);
    await sql`update events set body = replace(body, 'T-A', 'T-X') where seq = 1`.execute(orp.db.kysely);
    await orp.close();
    const r = await run(w, 'verify', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, failure: { seq: 1 } });
  });

  it('exports an EPCIS document whose event hashes match the ledger ids', async () => {
    const exported = (await run(w, 'export')).out;
    const doc = JSON.parse(exported) as { type: string; epcisBody: { eventList: { eventID: string }[] } };
    expect(doc.type).toBe('EPCISDocument');
    const file = csv(dir, 'events.jsonld', exported);
    const hashes = (await run(w, 'epcis', 'hash', file)).out.trim().split('\n');
    expect(hashes).toEqual(doc.epcisBody.eventList.map((e) => e.eventID));
    expect(hashes).toHaveLength(4);
    const later = JSON.parse((await run(w, 'export', '--from', '2026-03-03')).out) as { epcisBody: { eventList: unknown[] } };
    expect(later.epcisBody.eventList).toHaveLength(0);
  });

  describe('logbook import', () => {
    const row = (tag: string, extra: Partial<Record<'date' | 'miner' | 'site' | 'grams' | 'fineness' | 'price' | 'currency' | 'payment', string>> = {}) =>
      [extra.date ?? '2026-03-10', extra.miner ?? 'asmo-m00001', extra.site ?? 'site-1', extra.grams ?? '5.250', extra.fineness ?? '850.0', extra.price ?? '390.00', extra.currency ?? 'USD', extra.payment ?? 'cash', tag].join(',');

    it('turns each row into production and purchase events', async () => {
      const file = csv(dir, 'ok.csv', [HEADER, row('T100'), row('T101', { miner: 'asmo-m00002', payment: 'mobile_money' })].join('\n') + '\n');
      const r = await run(w, 'import', file, '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ rows: 2, written: 2, events: 4, problems: [] });
      const lot = JSON.parse((await run(w, 'lot', 'show', 'T100', '--json')).out) as { lot: { heldGrams: string; fineness: string; owner: string } };
      expect(lot.lot).toMatchObject({ heldGrams: '5.250', fineness: '850.0', owner: w.house.uri });
    });

    it('lists every rejected row by line and writes nothing, unless --partial', async () => {
      const file = csv(
        dir,
        'mixed.csv',
        [HEADER, row('T200'), row('T201', { grams: '-3' }), row('T202', { miner: 'nobody' }), row('T203', { date: '2026-02-30' }), row('T204', { currency: 'XYZ' }), row('T205', { date: '2027-06-01' })].join('\n'),
      );
      const before = (await openOrpaille(w.config).then(async (o) => [await o.registry.counts(), await o.close()]))[0] as { events: number };
      const r = await run(w, 'import', file, '--json');
      expect(r.code).toBe(1);
      const outcome = JSON.parse(r.out) as { written: number; problems: { line: number; message: string; code?: string }[] };
      expect(outcome.written).toBe(0);
      expect(outcome.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
      expect(outcome.problems[0]!.message).toMatch(/gross_grams/);
      expect(outcome.problems[1]!.message).toMatch(/miner "nobody"/);
      expect(outcome.problems[2]!.message).toMatch(/date/);
      expect(outcome.problems[3]!.message).toMatch(/currency/);
      expect(outcome.problems[4]!.code).toBe('ORP_EVENT_TIME_IMPLAUSIBLE');
      const after = await openOrpaille(w.config);
      expect((await after.registry.counts()).events).toBe(before.events);
      await after.close();
      const partial = await run(w, 'import', file, '--partial', '--json');
      expect(partial.code).toBe(1);
      expect(JSON.parse(partial.out)).toMatchObject({ written: 1, events: 2 });
    });

    it('refuses a file that is not a logbook with a clear message and no stack trace', async () => {
      const cases: [string, string | Buffer, RegExp][] = [
        ['latin1.csv', Buffer.from(`${HEADER}\n2026-03-10,asmo-m00001,site-1,5,850,10,USD,cash,T\u00e9`, 'latin1'), /not UTF-8/],
        ['columns.csv', 'date,miner,grams\n2026-03-10,a,5\n', /header must be/],
        ['empty.csv', '', /empty/],
      ];
      for (const [name, content, message] of cases) {
        const r = await run(w, 'import', csv(dir, name, content));
        expect(r.code, name).toBe(2);
        expect(r.err, name).toMatch(message);
        expect(r.err, name).not.toMatch(/\bat .*\.(ts|js):\d+/);
      }
      const short = await run(w, 'import', csv(dir, 'short.csv', `${HEADER}\n2026-03-10,asmo-m00001,site-1\n`), '--json');
      expect(JSON.parse(short.out).problems).toEqual([{ line: 2, message: 'expected 9 columns, found 3' }]);
    });
  });

  it('prints the CBV 2.0 hash of every event of a document in order', async () => {
    const fixtures = join(import.meta.dirname, '../fixtures/epcis/hash-vectors/examples');
    const r = await run(w, 'epcis', 'hash', join(fixtures, 'epcisDocWithVariousEventTypes.jsonld'));
    expect(r.out.trim().split('\n')).toEqual(readFileSync(join(fixtures, 'epcisDocWithVariousEventTypes.hashes'), 'utf8').trim().split('\n'));
  });
});
