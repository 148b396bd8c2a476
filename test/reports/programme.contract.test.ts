import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoldEvent, PurchaseEvent } from '../../src/custody/index.js';
import { updateIncident, type RedFlagHit } from '../../src/diligence/index.js';
import { buildApp } from '../../src/http/index.js';
import { makeSite } from '../../src/parties/index.js';
import { siteStatus } from '../../src/registrar/index.js';
import { programmeReport } from '../../src/reporting/programme.js';
import { reportStore } from '../../src/store/index.js';
import { seedLbma } from '../premiums/world.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const MARCH = { from: '2026-03-01', to: '2026-04-01' };
const AT = '2026-12-01T09:00:00.000Z';
const LBMA = 2000;

const csvFigures = (text: string) => Object.fromEntries(text.trimEnd().split('\r\n').slice(1).map((l) => l.split(',') as [string, string]));

describe.each(testStores)('programme figures on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  // What the test bought: grams, fineness (per mille), price (USD), from a licensed site or not, certified or not.
  const bought = [
    { n: 'G1', grams: 1000, fineness: 850, price: 52000, site: 0, licensed: true, certified: true },
    { n: 'G2', grams: 100, fineness: 900, price: 5000, site: 2, licensed: false, certified: true },
    { n: 'G3', grams: 200, fineness: 800, price: 9000, site: 1, licensed: true, certified: false },
  ];
  const fineMg = (b: (typeof bought)[number]) => b.grams * b.fineness;

  const purchase = (b: (typeof bought)[number]): GoldEvent[] => {
    const [production, p] = w.buy(b.n, { grams: b.grams, fineness: b.fineness, ...(b.certified ? { scheme: 'fairmined' } : {}), site: b.site, at: w.at(2) });
    return [production!, { ...(p as PurchaseEvent), price: b.price.toFixed(2), currency: 'USD' }];
  };
  const hit = (key: string, org: string): RedFlagHit => ({ rule: 'tag_reused', key, org, subject: key, eventTime: w.at(2), seqs: [1], summary: key, numbers: {}, threshold: {}, ruleVersion: { rule: 'test', key: 'test', effectiveFrom: '2020-01-01', source: 'test', confidence: 'firm' } });

  beforeAll(async () => {
    w = await makeWorld(store);
    await seedLbma(w);
    const unlicensed = makeSite(w.asmo, 3, { id: 'site-3', name: 'Site 3', country: 'CD', geometry: { type: 'Point', coordinates: [30.2, 1.7] }, licenceType: 'none', capacityGramsPerMonth: 3000 });
    await w.orp.registry.addSites([unlicensed]);
    w.sites.push(unlicensed);
    for (const b of bought) await appendOk(w, purchase(b));
    // After buying G3 the house assays it higher and sells it on to the exporter: neither changes what was bought from the ASMO.
    const g3 = w.lot(w.house, 'dore', 'G3');
    await appendOk(w, [
      { type: 'assay', eventTime: w.at(4), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lot: g3, fineness: 9000, assay: { method: 'fire_assay', date: '2026-03-04' } },
      { type: 'purchase', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [g3], seller: w.house.uri, buyer: w.exporter.uri, purchaseNumber: 'S-G3', price: '12000.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false },
    ] as GoldEvent[]);
    await w.orp.premiums.pay({ producer: w.asmo.uri, payer: w.house.uri, reference: 'PR-1', paidOn: '2026-03-20', method: 'bank_transfer', amount: '750.00', currency: 'USD' }, 'test');
    const record = (id: string, site: number, goldProducedMg: number, mercuryUsedMg: number) =>
      w.orp.assessments.addIndicators({ id, owner: w.asmo.uri, site: w.sites[site]!.uri, periodFrom: '2026-03-01', periodTo: '2026-03-31', goldProducedMg, mercuryUsedMg, practicesObserved: [], mercuryFreeMethods: [], source: 'test', recordedBy: 'test' });
    await record('ind-1', 0, 1_000_000, 0);
    await record('ind-2', 1, 3_000_000, 500_000);
    let k = 0;
    const raised = await w.orp.incidents.raise([hit('a', w.asmo.uri), hit('b', w.asmo.uri), hit('c', w.house.uri)], Date.parse('2026-03-15T00:00:00Z'), () => `inc-${++k}`);
    await w.orp.incidents.update(raised[0]!.id, (i) => updateIncident(i, { by: 'test', status: 'closed', note: 'checked' }, '2026-03-25T10:00:00.000Z'));
    app = await buildApp(w.orp, { rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('counts miners by gender, legal fine gold, price as % of LBMA, premiums, mercury-free share, sites and incidents of the organisation', async () => {
    const r = await programmeReport(w.orp, { org: 'asmo', period: MARCH, format: 'json', generatedAt: AT });
    const j = JSON.parse(r.bytes.toString('utf8'));
    const miners = await w.orp.registry.miners('asmo');
    expect(j.miners).toEqual({ registered: miners.length, newInPeriod: 0, byGender: { male: miners.filter((m) => m.gender === 'male').length, female: miners.filter((m) => m.gender === 'female').length } });
    const all = bought.reduce((a, b) => a + fineMg(b), 0);
    const legal = bought.filter((b) => b.licensed).reduce((a, b) => a + fineMg(b), 0);
    const certified = bought.filter((b) => b.certified).reduce((a, b) => a + fineMg(b), 0);
    expect(j.gold).toEqual({ purchases: 3, fineBoughtGrams: (all / 1000).toFixed(3), fineBoughtLegallyGrams: (legal / 1000).toFixed(3), certifiedPurchases: 2, fineBoughtCertifiedGrams: (certified / 1000).toFixed(3) });
    const lbmaValue = bought.reduce((a, b) => a + (fineMg(b) / 31_103.4768) * LBMA, 0);
    expect(j.averagePricePercentOfLbma).toBe(((bought.reduce((a, b) => a + b.price, 0) / lbmaValue) * 100).toFixed(1));
    expect(j.premiumsPaidUsd).toBe('750.00');
    expect(j.mercuryFreeSharePercent).toBe(((1_000_000 / 4_000_000) * 100).toFixed(1));
    const statuses: Record<string, number> = {};
    for (const s of await w.orp.registry.sites('asmo')) {
      const st = (await siteStatus(w.orp, s, '2026-03-31')).status.status;
      statuses[st] = (statuses[st] ?? 0) + 1;
    }
    expect(j.sitesByIcglrStatus).toEqual(statuses);
    expect(j.incidents).toEqual({ opened: 2, closed: 1 });
    const head = await reportStore(w.orp.db).head();
    expect(j.ledger).toEqual({ seq: head.seq, head: head.hash });
  });

  it('counts every purchase from the organisation, certified or not, at the fineness bought; a certified and an uncertified one both count', async () => {
    const j = JSON.parse((await programmeReport(w.orp, { org: 'asmo', period: MARCH, format: 'json', generatedAt: AT })).bytes.toString('utf8'));
    const premiumLedger = await w.orp.premiums.dues({ producer: w.asmo.uri });
    expect(premiumLedger.map((d) => d.purchaseNumber).sort()).toEqual(['P-G1', 'P-G2']);
    expect(j.gold).toMatchObject({ purchases: 3, certifiedPurchases: 2, fineBoughtGrams: ((1000 * 850 + 100 * 900 + 200 * 800) / 1000).toFixed(3) });
    // Every organisation: purchases from producers and their miners only, not the house's sale to the exporter.
    const everyone = JSON.parse((await programmeReport(w.orp, { period: MARCH, format: 'json', generatedAt: AT })).bytes.toString('utf8'));
    expect(everyone.gold).toMatchObject({ purchases: 3, certifiedPurchases: 2 });
  });

  it('counts nothing outside the period', async () => {
    const r = await programmeReport(w.orp, { org: 'asmo', period: { from: '2026-04-01', to: '2026-05-01' }, format: 'json', generatedAt: AT });
    const j = JSON.parse(r.bytes.toString('utf8'));
    expect(j.gold.purchases).toBe(0);
    expect(j.premiumsPaidUsd).toBe('0.00');
    expect(j.incidents).toEqual({ opened: 0, closed: 0 });
    expect(j.mercuryFreeSharePercent).toBeNull();
  });

  it('orpaille report programme writes CSV figures, the same bytes for the same ledger and time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'programme-'));
    const args = (out: string) => ['report', 'programme', '--org', 'asmo', '--from', MARCH.from, '--to', MARCH.to, '--format', 'csv', '--out', out, '--generated-at', AT];
    expect((await run(w, ...args(join(dir, 'a.csv')))).code).toBe(0);
    expect((await run(w, ...args(join(dir, 'b.csv')))).code).toBe(0);
    const a = readFileSync(join(dir, 'a.csv'));
    expect(a.equals(readFileSync(join(dir, 'b.csv')))).toBe(true);
    const f = csvFigures(a.toString('utf8'));
    expect(f).toMatchObject({ organisation: w.asmo.uri, purchases: '3', certified_purchases: '2', incidents_opened: '2', incidents_closed: '1', miners_female: '1' });
    const bad = await run(w, 'report', 'programme', '--from', MARCH.from, '--to', 'soon', '--out', join(dir, 'c.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--to must be a calendar date');
  });

  it('GET /reports/programme answers the caller its own programme, and 404 for an organisation it may not see', async () => {
    const mine = await app.inject({ method: 'GET', url: `/reports/programme?from=${MARCH.from}&to=${MARCH.to}`, headers: await authHeaders(w.orp, 'asmo', 'viewer') });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(mine.body).organisation.id).toBe('asmo');
    const house = await app.inject({ method: 'GET', url: `/reports/programme?from=${MARCH.from}&to=${MARCH.to}&format=csv`, headers: await authHeaders(w.orp, 'house', 'viewer') });
    expect(csvFigures(house.body)).toMatchObject({ organisation: w.house.uri, incidents_opened: '1', miners_registered: '0' });
    const other = await app.inject({ method: 'GET', url: `/reports/programme?org=asmo&from=${MARCH.from}&to=${MARCH.to}`, headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(other.statusCode).toBe(404);
  });
});
