import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRisk, submitCraft } from '../../src/assessor/index.js';
import type { GoldEvent } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { makeSite } from '../../src/parties/index.js';
import { adoptPlan, recordDecision, recordStep } from '../../src/registrar/index.js';
import { step5Report } from '../../src/reporting/step5.js';
import { reportStore } from '../../src/store/index.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { pdfText } from '../support/pdf-text.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const AT = '2026-12-01T09:00:00.000Z';

/** The PDF's text with words rejoined where a line broke after a hyphen ("HOUSE- policy" -> "HOUSE-policy"). */
const textOf = async (bytes: Uint8Array) => (await pdfText(bytes)).replace(/(\S)- (?=\S)/g, '$1-');
/** Expects every line in the text. */
const holds = (text: string, lines: readonly string[]) => {
  for (const l of lines) expect(text).toContain(l);
};
const OFFICER = 'Aline Mbuyi (compliance officer)';

/*
 * The scenario: in March 2026 the house buys four doré lots (100 g at 850 certified Fairmined and 200 g at 900
 * from the ASMO's two sites in the DRC, 50 g at 800 from a small-scale site in Ghana, 25 g at 800 from a site in
 * Peru under an exploration licence), melts the 200 g and 50 g lots into one lot and sells it to the refiner.
 * Fine gold: house 85 + 180 + 40 + 20 = 325 g; refiner 220 g (180 g DRC, 40 g Ghana).
 */
function scenario(w: World): GoldEvent[] {
  const [, lot2, lot3] = ['1', '2', '3', '4'].map((n) => w.lot(w.house, 'dore', n));
  const melted = w.lot(w.house, 'dore', 'M');
  const base = (day: number, recorder: string) => ({ eventTime: w.at(day), eventTimeZoneOffset: '+02:00', recorder });
  return [
    ...w.buy('1', { grams: 100, fineness: 850, site: 0, scheme: 'fairmined' }),
    ...w.buy('2', { grams: 200, fineness: 900, site: 1 }),
    ...w.buy('3', { grams: 50, fineness: 800, site: 2 }),
    ...w.buy('4', { grams: 25, fineness: 800, site: 3 }),
    { ...base(5, w.house.uri), type: 'transform', operation: 'melt', inputs: [{ lot: lot2!, massMg: 200_000 }, { lot: lot3!, massMg: 50_000 }], outputs: [{ lot: melted, form: 'dore', grossMg: 250_000, fineness: 8800, cocModel: 'mass_balance' }] },
    { ...base(8, w.refiner.uri), type: 'purchase', lots: [melted], seller: w.house.uri, buyer: w.refiner.uri, purchaseNumber: 'R-1', price: '13000.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true },
  ] as GoldEvent[];
}

describe.each(testStores)('OECD Step 5 report on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let miner3: string;

  beforeAll(async () => {
    w = await makeWorld(store);
    const extra = [
      makeSite(w.asmo, 3, { id: 'site-gh', name: 'Site Ghana', country: 'GH', geometry: { type: 'Point', coordinates: [-1.6, 6.2] }, licenceType: 'small_scale', licensedOn: '2025-01-01', capacityGramsPerMonth: 3000 }),
      makeSite(w.asmo, 4, { id: 'site-pe', name: 'Site Peru', country: 'PE', geometry: { type: 'Point', coordinates: [-69.9, -13.1] }, licenceType: 'exploration', licensedOn: '2025-01-01', capacityGramsPerMonth: 3000 }),
    ];
    await w.orp.registry.addSites(extra);
    w.sites.push(...extra);
    await appendOk(w, scenario(w));
    miner3 = w.miners[2]!.uri;

    // The house's due diligence: checklist, a CRAFT self-assessment, a register entry, a plan and decisions.
    for (const [item, status, evidence, note] of [
      ['1.policy', 'done', ['HOUSE-policy-2026.pdf'], undefined],
      ['1.structure', 'done', ['Board resolution 2026-01-10'], undefined],
      ['1.grievance', 'in_progress', [], 'hotline posted at both sites'],
      ['4.audit', 'not_applicable', [], 'not a refiner'],
    ] as const) {
      await recordStep(w.orp, w.house, { item, status, updatedBy: OFFICER, evidence: [...evidence], ...(note ? { note } : {}), updatedOn: '2026-02-01' });
    }
    await submitCraft(w.orp, { id: 'CRAFT-ASMO-2026', producer: 'asmo', buyer: 'house', assessedOn: '2026-02-15', submittedBy: 'ASMO president', answers: [{ criterion: '1.1', answer: 'yes', evidence: [] }, { criterion: '1.2', answer: 'no', evidence: [] }] });
    await submitCraft(w.orp, { id: 'CRAFT-ASMO-2025', producer: 'asmo', buyer: 'house', assessedOn: '2025-06-15', submittedBy: 'ASMO president', answers: [] });
    await recordRisk(w.orp, { id: 'RISK-H-1', owner: 'house', supplier: 'asmo', risk: 'taxes-royalties', observedOn: '2026-03-03', source: 'site visit', recordedBy: OFFICER });
    await adoptPlan(w.orp, w.house, { id: 'PLAN-H-1', supplier: 'asmo', adoptedOn: '2026-03-10', createdBy: OFFICER, measures: [{ description: 'tax receipts', indicator: 'miners with a tax receipt (%)', baseline: 30, target: 80, direction: 'at_least' }] });
    await recordDecision(w.orp, w.house, { id: 'DEC-2025', supplier: 'asmo', decision: 'continue', decidedBy: 'Director', decidedAt: '2025-12-01T10:00:00+02:00', reason: 'first assessment' });
    await recordDecision(w.orp, w.house, { id: 'DEC-1', supplier: 'asmo', decision: 'mitigate', decidedBy: 'Director', decidedAt: '2026-03-10T10:00:00+02:00', reason: 'taxes unpaid: plan adopted', planId: 'PLAN-H-1' });
    await recordDecision(w.orp, w.house, { id: 'DEC-2', supplier: 'asmo', decision: 'suspend', decidedBy: 'Director', decidedAt: '2026-09-01T10:00:00+02:00', reason: 'no measurable improvement by the deadline' });
    await recordDecision(w.orp, w.house, { id: 'DEC-3', supplier: miner3, decision: 'disengage', decidedBy: 'Director', decidedAt: '2026-10-01T10:00:00+02:00', reason: 'sold gold from outside the sites' });
    // A new version of a red-flag rule in the year: both versions were in force in 2026.
    await w.orp.rules.addVersion({ rule: 'redflag.cash_without_approval', key: 'USD', effectiveFrom: '2026-06-01', value: { enabled: true, above: '5000.00' }, source: 'house policy 2026', confidence: 'assumed' });
    // The refiner's Step 4 audit is recorded on its checklist.
    await recordStep(w.orp, w.refiner, { item: '4.audit', status: 'done', updatedBy: 'Refiner compliance', evidence: ['RMAP-audit-2026.pdf'], updatedOn: '2026-05-01' });
    app = await buildApp(w.orp, { rateLimit: false });
  });
  afterAll(async () => {
    await app?.close();
    await w.cleanup();
  });

  it('prints fine gold in kg by country of origin, the ASM share and the certified share', async () => {
    const r = await step5Report(w.orp, { org: 'house', year: 2026, format: 'pdf', generatedAt: AT });
    expect(r.report.figures).toMatchObject({ lots: 4, totalMg: 325_000, byCountry: [{ country: 'CD', fineMg: 265_000 }, { country: 'GH', fineMg: 40_000 }, { country: 'PE', fineMg: 20_000 }], certifiedMg: 85_000 });
    const text = await textOf(r.bytes);
    holds(text, ['Fine gold bought or received in 2026: 0.325 kg in 4 lots', 'CD (Congo - Kinshasa) 0.265 81.5%', 'GH (Ghana) 0.040 12.3%', 'PE (Peru) 0.020 6.2%', 'Total 0.325 100.0%']);
    // Peru is mined under an exploration licence: not ASM.
    holds(text, ['Artisanal and small-scale mining (ASM) 0.305 93.8%', 'ASM share: 93.8%', 'fairmined 0.085 26.2%', 'Certified share: 26.2%']);
  });

  it('traces a melted lot back through the melt to the countries of its mine sites', async () => {
    const r = await step5Report(w.orp, { org: 'refiner', year: 2026, format: 'pdf', generatedAt: AT });
    expect(r.report.figures.byCountry).toEqual([{ country: 'CD', fineMg: 180_000 }, { country: 'GH', fineMg: 40_000 }]);
    const text = await textOf(r.bytes);
    holds(text, ['CD (Congo - Kinshasa) 0.180 81.8%', 'GH (Ghana) 0.040 18.2%', 'Certified share: 0.0%', 'RMAP-audit-2026.pdf']);
  });

  it('prints "n/a" for shares of nothing, and "not recorded" for what the organisation did not record', async () => {
    const r = await step5Report(w.orp, { org: 'exporter', year: 2026, format: 'pdf', generatedAt: AT });
    const text = await textOf(r.bytes);
    expect(text).toContain('ASM share: n/a');
    expect(text).toContain('Certified share: n/a');
    expect(text).not.toContain('NaN');
    holds(text, ['Supply chain policy not recorded', 'Grievance mechanism not recorded', 'Checklist: not recorded.', 'Independent third-party audit: not recorded.', 'Risk management plans: not recorded.']);
  });

  it('lists the management system, the red-flag rule versions in force in the year and the CRAFT assessments of the year', async () => {
    const text = await textOf((await step5Report(w.orp, { org: 'house', year: 2026, format: 'pdf', generatedAt: AT })).bytes);
    holds(text, ['done (2026-02-01, Aline Mbuyi (compliance officer)); evidence: HOUSE-policy-2026.pdf', 'in progress (2026-02-01, Aline Mbuyi (compliance officer)); note: hotline posted at both sites', 'redflag.cash_without_approval USD 2000-01-01 to 2026-06-01, enabled, assumed', 'redflag.cash_without_approval USD 2026-06-01, enabled, assumed house policy 2026', 'redflag.site_over_capacity', 'CMRT covered countries (DRC and adjoining countries)', 'CRAFT assessments carried out in 2026: 1.', 'CRAFT-ASMO-2026']);
    expect(text).not.toContain('CRAFT-ASMO-2025');
  });

  it('counts the red flags of the year per rule with their status, and the risk register, plans and decisions', async () => {
    const { incidents } = await w.orp.incidents.list({ orgs: [w.house.uri], limit: 1000 });
    expect(incidents.length).toBeGreaterThan(0);
    const closed = incidents[0]!;
    await w.orp.redFlags.updateIncident(closed.id, { by: OFFICER, status: 'closed', note: 'checked' });
    const r = await step5Report(w.orp, { org: 'house', year: 2026, format: 'pdf', generatedAt: AT });
    const rule = r.report.redFlags.counts.find((c) => c.rule === closed.rule)!;
    expect(rule.found).toBe(incidents.filter((i) => i.rule === closed.rule).length);
    expect(rule.byStatus.closed).toBe(1);
    expect(r.report.redFlags.total).toBe(incidents.length);
    expect(r.report.actions).toMatchObject({ incidentsOpened: incidents.length, incidentsClosed: 1 });
    const text = await textOf(r.bytes);
    holds(text, [`Red-flag incidents on events of 2026: ${incidents.length}.`, `${closed.rule} ${rule.found} ${rule.byStatus.open} 0 0 1`, 'RISK-H-1', 'PLAN-H-1']);
    expect(text).toMatch(/miners with a tax receipt \(%\): 30 -> no report, target >= 80/);
    expect(text).toContain('continue with mitigation');
    expect(text).not.toContain('first assessment');
  });

  it('lists the suppliers suspended or disengaged in the year, never a miner by name', async () => {
    const r = await step5Report(w.orp, { org: 'house', year: 2026, format: 'pdf', generatedAt: AT });
    expect(r.report.suspended.map((s) => [s.decision, s.date])).toEqual([['suspend', '2026-09-01T10:00:00+02:00'], ['disengage', '2026-10-01T10:00:00+02:00']]);
    const text = await textOf(r.bytes);
    expect(text).toContain(`${w.asmo.name} suspended 2026-09-01 no measurable improvement by the deadline yes`);
    expect(text).toContain(`a registered miner of ${w.asmo.name} (identity withheld) disengaged`);
    expect(text).not.toContain('Miner 3');
    expect(text).not.toContain(miner3);
  });

  it('is stamped with the ledger head on every page, the HTML holds the same, and the same time gives the same bytes', async () => {
    const head = await reportStore(w.orp.db).head();
    const a = await step5Report(w.orp, { org: 'house', year: 2026, format: 'pdf', generatedAt: AT });
    const b = await step5Report(w.orp, { org: 'house', year: 2026, format: 'pdf', generatedAt: AT });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const pages = (await textOf(a.bytes)).split('\f');
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p).toContain(`Ledger head #${head.seq} ${head.hash}`);
    expect(pages[0]).toContain('Period 2026-01-01 – 2027-01-01');
    const html = await step5Report(w.orp, { org: 'house', year: 2026, format: 'html', generatedAt: AT });
    expect(html.bytes.equals((await step5Report(w.orp, { org: 'house', year: 2026, format: 'html', generatedAt: AT })).bytes)).toBe(true);
    const page = html.bytes.toString('utf8');
    for (const s of [`#${head.seq} ${head.hash}`, 'OECD Step 5 annual due diligence report', '<td>CD (Congo - Kinshasa)</td><td class="num">0.265</td><td class="num">81.5%</td>', 'ASM share: 93.8%', 'Certified share: 26.2%', 'no measurable improvement by the deadline', '2000-01-01 to 2026-06-01', 'HOUSE-policy-2026.pdf']) expect(page).toContain(s);
    expect(page).not.toContain('Miner 3');
  });

  it('reads nothing after the ledger head: gold recorded later is in a later report only', async () => {
    const before = await step5Report(w.orp, { org: 'house', year: 2026, format: 'html', generatedAt: AT });
    await appendOk(w, w.buy('5', { grams: 10, fineness: 900, site: 0, at: w.at(20) }));
    const after = await step5Report(w.orp, { org: 'house', year: 2026, format: 'html', generatedAt: AT });
    expect(after.stamp.ledgerSeq).toBeGreaterThan(before.stamp.ledgerSeq);
    expect(after.report.figures.totalMg - before.report.figures.totalMg).toBe(9_000);
    expect((await step5Report(w.orp, { org: 'house', year: 2025, format: 'html', generatedAt: AT })).report.figures.lots).toBe(0);
  });

  it('reads a supply of more than 500 lots (SQLite allows 500 terms in one compound select)', async () => {
    const before = (await step5Report(w.orp, { org: 'house', year: 2026, format: 'html', generatedAt: AT })).report.figures;
    await appendOk(w, Array.from({ length: 501 }, (_, k) => w.buy(`B${k}`, { grams: 1, fineness: 900, site: 0, at: w.at(21) })).flat());
    const after = (await step5Report(w.orp, { org: 'house', year: 2026, format: 'html', generatedAt: AT })).report.figures;
    expect([after.lots - before.lots, after.totalMg - before.totalMg]).toEqual([501, 501 * 900]);
  });

  it('orpaille report step5 writes the PDF or HTML; an unknown organisation or a bad year writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'step5-'));
    const html = join(dir, 'r.html');
    const ok = await run(w, 'report', 'step5', '--org', 'house', '--year', '2026', '--out', html, '--json', '--generated-at', AT);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ file: html, period: { from: '2026-01-01', to: '2027-01-01' }, suspendedOrDisengaged: 2 });
    expect(readFileSync(html, 'utf8')).toContain('OECD Step 5 annual due diligence report');
    const pdf = join(dir, 'r.pdf');
    expect((await run(w, 'report', 'step5', '--org', 'house', '--year', '2026', '--out', pdf)).code).toBe(0);
    expect(await textOf(readFileSync(pdf))).toContain(w.house.name);
    const bad = join(dir, 'bad.pdf');
    for (const year of ['26', '2026-01', 'year', '1999']) {
      const r = await run(w, 'report', 'step5', '--org', 'house', '--year', year, '--out', bad);
      expect(r.code, year).toBe(2);
      expect(r.err).toContain(`the year is a calendar year YYYY (2000-9998), got "${year}"`);
    }
    const unknown = await run(w, 'report', 'step5', '--org', 'nobody', '--year', '2026', '--out', bad);
    expect(unknown.err).toContain('no organisation "nobody"');
    expect(unknown.code).not.toBe(0);
    const badExt = await run(w, 'report', 'step5', '--org', 'house', '--year', '2026', '--out', join(dir, 'r.docx'));
    expect(badExt.err).toContain('--out must end in .pdf or .html');
    expect(existsSync(bad)).toBe(false);
    await expect(step5Report(w.orp, { org: 'nobody', year: 2026, format: 'pdf' })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });

  it("GET /reports/step5 answers the caller's own organisation only, with the ledger head in the headers", async () => {
    const head = await reportStore(w.orp.db).head();
    const house = await app.inject({ method: 'GET', url: '/reports/step5?year=2026', headers: await authHeaders(w.orp, 'house', 'viewer') });
    expect(house.statusCode).toBe(200);
    expect(house.headers['content-type']).toBe('application/pdf');
    expect(house.headers['content-disposition']).toBe('attachment; filename="step5-house-2026.pdf"');
    expect([house.headers['x-ledger-seq'], house.headers['x-ledger-head']]).toEqual([String(head.seq), head.hash]);
    expect(await textOf(house.rawPayload)).toContain('no measurable improvement by the deadline');
    const exporter = await app.inject({ method: 'GET', url: '/reports/step5?year=2026&format=html', headers: await authHeaders(w.orp, 'exporter', 'auditor') });
    expect(exporter.statusCode).toBe(200);
    expect(exporter.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(exporter.body).toContain(w.exporter.name);
    expect(exporter.body).not.toContain('no measurable improvement by the deadline');
    expect(exporter.body).not.toContain('HOUSE-policy-2026.pdf');
    const badYear = await app.inject({ method: 'GET', url: '/reports/step5?year=26', headers: await authHeaders(w.orp, 'house', 'viewer') });
    expect(badYear.statusCode).toBe(400);
  });
});
