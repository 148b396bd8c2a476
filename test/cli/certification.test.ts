import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { addCertifier } from '../support/certifier.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the certification subcommands of orpaille', () => {
  let w: World;
  const file = (name: string) => join(tmpdir(), `orpaille-cert-${process.pid}-${name}`);
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await addCertifier(w);
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['cert', 'add'], ['cert', 'list'], ['cert', 'show'], ['cert', 'suspend'], ['cert', 'reinstate'], ['cert', 'withdraw'], ['cert', 'vc'], ['vc', 'verify'], ['site', 'inspect'], ['site', 'status']])(
    'explains `%s %s` with --help',
    async (...cmd) => {
      const r = await run(w, ...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: orpaille');
    },
  );

  it('records a producer certificate for sites and shows it with its standing', async () => {
    const r = await run(w, 'cert', 'add', '--id', 'FM-001', '--kind', 'producer_certificate', '--scheme', 'fairmined', '--holder', 'asmo', '--issuer', 'certifier', '--issued', '2026-01-01', '--valid-until', '2027-06-30', '--sites', 'site-1', '--ecological', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ id: 'FM-001', holder: w.asmo.uri, scope: { sites: [w.sites[0]!.uri], ecological: true }, standing: { status: 'active', valid: true } });
    const shown = await run(w, 'cert', 'show', 'FM-001');
    expect(shown.out).toMatch(/standing\s+active since 2026-01-01/);
  });

  it('refuses an issuer that is not a certifier or auditor, with exit 2 and nothing written', async () => {
    const r = await run(w, 'cert', 'add', '--id', 'FAKE', '--kind', 'permit_to_trade', '--scheme', 'fairmined', '--holder', 'house', '--issuer', 'exporter', '--issued', '2026-01-01', '--valid-until', '2026-12-31');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_FORBIDDEN');
    expect((await run(w, 'cert', 'show', 'FAKE')).code).toBe(2);
  });

  it('RMAP: the validity defaults to the next assessment date', async () => {
    const r = await run(w, 'cert', 'add', '--id', 'RMAP-1', '--kind', 'rmap', '--scheme', 'rmap', '--holder', 'refiner', '--issuer', 'certifier', '--issued', '2025-03-01', '--cycle', '2', '--last-assessed', '2025-03-01', '--rmap-status', 'conformant', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ validUntil: '2027-03-01', nextAssessmentDue: '2027-03-01' });
  });

  it('suspends from today, refuses a back-dated suspension, reinstates, and lists with standings', async () => {
    await run(w, 'cert', 'add', '--id', 'PTT-1', '--kind', 'permit_to_trade', '--scheme', 'fairmined', '--holder', 'house', '--issuer', 'certifier', '--issued', '2026-01-01', '--valid-until', '2026-12-31', '--suppliers', 'asmo', '--first-buyer');
    const back = await run(w, 'cert', 'suspend', 'PTT-1', '--from', '2026-06-01');
    expect(back.code).toBe(2);
    expect(back.err).toContain('ORP_STATUS_CHANGE_REFUSED');
    const s = await run(w, 'cert', 'suspend', 'PTT-1', '--reason', 'audit finding', '--json');
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out)).toMatchObject({ standing: { status: 'suspended', since: '2026-11-30' }, statusChanges: [{ status: 'suspended', from: '2026-11-30', reason: 'audit finding' }] });
    const before = await run(w, 'cert', 'show', 'PTT-1', '--date', '2026-11-29', '--json');
    expect(JSON.parse(before.out).standing).toMatchObject({ status: 'active', valid: true });
    expect((await run(w, 'cert', 'reinstate', 'PTT-1', '--from', '2026-12-01')).code).toBe(0);
    const listed = JSON.parse((await run(w, 'cert', 'list', '--holder', 'house', '--json')).out) as { id: string }[];
    expect(listed.map((a) => a.id)).toEqual(['PTT-1']);
  });

  it('issues a credential to a file that `vc verify` accepts, and rejects it once a subject byte is flipped', async () => {
    const out = file('fm-001.json');
    const issued = await run(w, 'cert', 'vc', 'FM-001', '--out', out);
    expect(issued.code, issued.err).toBe(0);
    const ok = await run(w, 'vc', 'verify', out, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ valid: true, issuerParty: expect.stringContaining('7709001'), subject: w.asmo.uri });
    const text = readFileSync(out, 'utf8');
    const tampered = file('fm-001-tampered.json');
    writeFileSync(tampered, text.replace('"ecological": true', '"ecological": false'));
    const bad = await run(w, 'vc', 'verify', tampered);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('signature_invalid');
  });

  it('prints the credential on stdout without --out, and refuses an unreadable file with exit 2', async () => {
    const r = await run(w, 'cert', 'vc', 'FM-001');
    expect(JSON.parse(r.out)).toMatchObject({ proof: { cryptosuite: 'eddsa-jcs-2022' } });
    expect((await run(w, 'vc', 'verify', file('missing.json'))).code).toBe(2);
  });

  it('records ICGLR inspections and tells a site status on a date', async () => {
    const r = await run(w, 'site', 'inspect', 'site-1', '--status', 'green', '--date', '2026-02-10', '--inspector', 'J. Mbala', '--agency', 'CEEC', '--purpose', 'initial', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ site: w.sites[0]!.uri, status: 1 });
    const green = JSON.parse((await run(w, 'site', 'status', 'site-1', '--date', '2026-06-01', '--json')).out);
    expect(green.status).toMatchObject({ status: 'green', code: 1, until: '2027-02-09', exportAllowed: true });
    expect((await run(w, 'site', 'status', 'site-1')).out).toContain('GREEN (1) since 2026-02-10');
    expect((await run(w, 'site', 'inspect', 'site-1', '--status', 'purple', '--inspector', 'x', '--agency', 'y')).code).toBe(2);
  });
});
