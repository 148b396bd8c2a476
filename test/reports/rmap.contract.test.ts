import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import type { RedFlagHit } from '../../src/diligence/index.js';
import { documentEventHashes, readEpcisDocument } from '../../src/epcis/index.js';
import { buildApp } from '../../src/http/index.js';
import type { LedgerRecord } from '../../src/ledger/index.js';
import { rmapPack } from '../../src/reporting/rmap.js';
import type { PackIndex } from '../../src/reports/rmap/index.js';
import { zipEntries } from '../../src/reports/zip.js';
import { reportStore } from '../../src/store/index.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, NOW, type World } from '../support/world.js';

const MARCH = { from: '2026-03-01', to: '2026-04-01' };
const AT = '2026-12-01T09:00:00.000Z';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ruleVersion = { rule: 'test', key: 'test', effectiveFrom: '2020-01-01', source: 'test', confidence: 'firm' as const };

/**
 * The house buys two doré lots from miners at two sites and sells them to the exporter, which melts them into
 * one export lot, exports it to the refiner; the refiner receives and buys it, then assays and refines it.
 */
function chain(w: World): GoldEvent[] {
  const at = (day: number, recorder: string, hour = 8) => ({ eventTime: w.at(day, hour), eventTimeZoneOffset: '+01:00', recorder });
  const dore = ['1', '2'].map((n) => w.lot(w.house, 'dore', n));
  const exportLot = w.lot(w.exporter, 'dore', 'E1');
  return [
    ...w.buy('1', { site: 0 }),
    ...w.buy('2', { site: 1, miner: 1 }),
    { ...at(4, w.exporter.uri), type: 'purchase', lots: dore, seller: w.house.uri, buyer: w.exporter.uri, purchaseNumber: 'X-1', price: '1500.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true },
    { ...at(5, w.exporter.uri), type: 'transform', operation: 'melt', inputs: dore.map((lot) => ({ lot, massMg: 10_000 })), outputs: [{ lot: exportLot, form: 'dore', grossMg: 19_800, fineness: 8500, cocModel: 'segregated' }] },
    { ...at(8, w.exporter.uri), type: 'export', lots: [exportLot], exporter: w.exporter.uri, destination: w.refiner.uri, destinationCountry: 'CH' },
    { ...at(9, w.refiner.uri), type: 'receive', lots: [exportLot], from: w.exporter.uri, to: w.refiner.uri },
    { ...at(9, w.refiner.uri, 10), type: 'purchase', lots: [exportLot], seller: w.exporter.uri, buyer: w.refiner.uri, purchaseNumber: 'R-1', price: '1600.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false },
    { ...at(10, w.refiner.uri), type: 'assay', lot: exportLot, fineness: 8480, assay: { method: 'fire_assay', lab: 'refiner lab', date: w.at(10).slice(0, 10) } },
    { ...at(11, w.refiner.uri), type: 'transform', operation: 'refine', inputs: [{ lot: exportLot, massMg: 19_800 }], outputs: [{ lot: w.lot(w.refiner, 'bar', 'B1'), form: 'bar', grossMg: 16_790, fineness: 9999, cocModel: 'segregated' }] },
  ] as GoldEvent[];
}

/** The pack's files by path. */
const unzip = (zip: Buffer) => new Map(zipEntries(zip).map((e) => [e.name, e.data]));
const jsonOf = <T = Record<string, unknown>>(files: Map<string, Buffer>, path: string): T => JSON.parse(files.get(path)!.toString('utf8')) as T;

describe.each(testStores)('RMAP evidence pack on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let records: LedgerRecord[];
  let evidenceSha: string;

  beforeAll(async () => {
    w = await makeWorld(store);
    await appendOk(w, chain(w));
    records = await w.orp.queries.eventsBetween(undefined, undefined, 0, 100);
    // The refiner's due diligence of the exporter, with a stored evidence file.
    evidenceSha = (await w.orp.evidence.add({ org: w.refiner.uri, name: 'route-assessment.pdf', mediaType: 'application/pdf', bytes: Buffer.from('on-the-ground assessment of the Bunia route'), uploadedAt: NOW, uploadedBy: 'refiner dd' })).file.sha256;
    await w.orp.risks.addRisk({ id: 'risk-refiner', owner: w.refiner.uri, subject: { kind: 'supplier', uri: w.exporter.uri }, risk: 'armed-groups', catalogueVersion: '1', observedOn: '2026-03-03', source: 'NGO report', evidence: [{ kind: 'report', reference: `sha256:${evidenceSha}` }], recordedBy: 'refiner dd', history: [{ status: 'identified', on: '2026-03-03', by: 'refiner dd' }] });
    // The house's register entry about a mine site the gold came from: its own due diligence, not the refiner's.
    await w.orp.risks.addRisk({ id: 'risk-house', owner: w.house.uri, subject: { kind: 'site', uri: w.sites[0]!.uri }, risk: 'mercury-whole-ore', catalogueVersion: '1', observedOn: '2026-03-02', source: 'site visit', evidence: [], recordedBy: 'house dd', history: [{ status: 'confirmed', on: '2026-03-02', by: 'house dd' }] });
    // Dated after the period: not in a March pack.
    await w.orp.risks.addRisk({ id: 'risk-late', owner: w.refiner.uri, subject: { kind: 'supplier', uri: w.exporter.uri }, risk: 'bribery-fraud', catalogueVersion: '1', observedOn: '2026-05-02', source: 'media', evidence: [], recordedBy: 'refiner dd', history: [{ status: 'identified', on: '2026-05-02', by: 'refiner dd' }] });
    await w.orp.assessments.addKyc({ id: 'kyc-licence', kind: 'licence', owner: w.refiner.uri, supplier: w.exporter.uri, evidence: [], recordedBy: 'refiner dd', licenceType: 'exporter approval', number: 'CEEC/EXP/031', issuer: 'CEEC', validFrom: '2026-01-01', validUntil: '2026-12-31' });
    await w.orp.assessments.addKyc({ id: 'kyc-owner', kind: 'beneficial_owner', owner: w.refiner.uri, supplier: w.exporter.uri, evidence: [], recordedBy: 'refiner dd', name: 'J. Lossa', shareBasisPoints: 7000, identifiedOn: '2026-01-12' });
    await w.orp.crafts.addCraft({ id: 'craft-asmo', producer: w.asmo.uri, buyer: w.house.uri, questionnaireVersion: '2.1', assessedOn: '2026-01-15', stage: 'self', answers: [], submittedBy: 'president' });
    await w.orp.certification.add({ id: 'cert-asmo', kind: 'producer_certificate', scheme: 'fairmined', holder: w.asmo.uri, issuer: 'urn:example:arm', scope: { sites: [w.sites[0]!.uri] }, issuedOn: '2025-01-01', validUntil: '2027-12-31', statusChanges: [] });
    await w.orp.gating.addDecision({ id: 'dec-exporter', organisation: w.refiner.uri, supplier: w.exporter.uri, decision: 'continue', decidedBy: 'refiner dd', decidedAt: '2026-03-05T10:00:00.000Z', reason: 'route assessed' });
    await w.orp.gating.addDecision({ id: 'dec-miner', organisation: w.house.uri, supplier: w.miners[1]!.uri, decision: 'suspend', decidedBy: 'house dd', decidedAt: '2026-03-06T10:00:00.000Z', reason: 'Miner 2 is too young' });
    const production = records.find((r) => r.eventType === 'ObjectEvent' && r.recorder === w.house.uri)!;
    const hits: RedFlagHit[] = [
      { rule: 'miner_under_age', key: 'age', org: w.house.uri, subject: w.miners[0]!.uri, eventTime: w.at(2), seqs: [production.seq], summary: 'miner asmo-m0001 is named on production of 2026-03-02 aged at most 14', numbers: { miner: 'asmo-m0001', birthYear: 2012, ageAtLeast: 13, ageAtMost: 14, country: 'CD' }, threshold: { minimumAge: 18 }, ruleVersion },
      { rule: 'site_over_capacity', key: 'cap', org: w.house.uri, subject: w.sites[1]!.uri, eventTime: w.at(2), seqs: [], summary: 'Site 2 over capacity', numbers: { grams: 4000 }, threshold: { grams: 3000 }, ruleVersion },
      { rule: 'tag_reused', key: 'elsewhere', org: w.refiner.uri, subject: 'tag:other', eventTime: w.at(2), seqs: [], summary: 'another chain', numbers: {}, threshold: {}, ruleVersion },
    ];
    let n = 0;
    await w.orp.incidents.raise(hits, Date.parse(w.at(12)), () => `inc-${++n}`);
    app = await buildApp(w.orp, { rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it("packs the refiner's ASM input under the supplier it came from, with its fine gold as received and its origins", async () => {
    const { index } = await rmapPack(w.orp, { org: 'refiner', period: MARCH, generatedAt: AT });
    const head = await reportStore(w.orp.db).head();
    expect(index).toMatchObject({ refiner: { id: 'refiner' }, period: MARCH, ledger: { seq: head.seq, head: head.hash }, generatedAt: AT, received: { lots: 1 }, asmInputs: { lots: 1, fineGrams: '16.830' } });
    expect(index.note).toBeUndefined();
    expect(index.suppliers).toHaveLength(1);
    const [s] = index.suppliers;
    const exportLot = w.lot(w.exporter, 'dore', 'E1');
    // Received by the export, the receipt and the purchase; fine gold 19.8 g x 850.0 as the exporter assayed it (the refiner's later assay is its own).
    expect(s).toMatchObject({ id: 'exporter', folder: 'suppliers/exporter/', fineGrams: '16.830', lots: [{ lot: exportLot, number: 'E1', fineGrams: '16.830' }], withheldEvents: [] });
    expect(s!.lots[0]!.receipts).toHaveLength(3);
    expect(s!.lots[0]!.origins.map((o) => [o.site, o.sharePercent])).toEqual([['site-1', '50.0'], ['site-2', '50.0']]);
    expect(s!.subjects).toEqual({ organisations: [w.asmo.uri, w.exporter.uri].sort(), sites: w.sites.map((x) => x.uri).sort() });
  });

  it('lists every file in the index with its size and SHA-256, in a zip whose entries are sorted', async () => {
    const { bytes, index } = await rmapPack(w.orp, { org: 'refiner', period: MARCH, generatedAt: AT });
    const entries = zipEntries(bytes);
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(['index.csv', 'index.json', 'suppliers/exporter/assessments.json', 'suppliers/exporter/certificates.json', 'suppliers/exporter/decisions.json', 'suppliers/exporter/epcis.jsonld', `suppliers/exporter/evidence/${evidenceSha}`, 'suppliers/exporter/incidents.json']);
    const files = unzip(bytes);
    expect(jsonOf(files, 'index.json')).toEqual(JSON.parse(JSON.stringify(index)));
    expect(index.files.map((f) => f.path)).toEqual(names.filter((n) => !n.startsWith('index.')));
    for (const f of index.files) expect({ path: f.path, bytes: files.get(f.path)!.length, sha256: sha256(files.get(f.path)!) }).toEqual(f);
    const csv = files.get('index.csv')!.toString('utf8').trimEnd().split('\r\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['kind', 'subject', 'value', 'fine_grams', 'bytes', 'sha256']);
    expect(csv).toContainEqual(['ledger', 'head', index.ledger.head, '', '', '']);
    expect(csv).toContainEqual(['supplier', 'exporter', w.exporter.name, '16.830', '', '']);
    for (const f of index.files) expect(csv).toContainEqual(['file', f.path, '', '', String(f.bytes), f.sha256]);
    expect(files.get(`suppliers/exporter/evidence/${evidenceSha}`)!.toString()).toBe('on-the-ground assessment of the Bunia route');
  });

  it('writes the stored events of the chain back to the mine as an EPCIS 2.0 document that validates, up to the receipt', async () => {
    const files = unzip((await rmapPack(w.orp, { org: 'refiner', period: MARCH, generatedAt: AT })).bytes);
    const text = files.get('suppliers/exporter/epcis.jsonld')!.toString('utf8');
    const read = readEpcisDocument(text, 'json');
    expect(read.ok, JSON.stringify(read.ok ? [] : read.problems)).toBe(true);
    // Productions and purchases from the miners, the sale to the exporter, the melt, the export, the receipt and the purchase: not the refiner's own assay and refining.
    const chainRecords = records.slice(0, 9);
    expect(documentEventHashes(JSON.parse(text))).toEqual(chainRecords.map((r) => r.eventId));
    for (const r of chainRecords) expect(text).toContain(r.body);
    expect(JSON.parse(text).creationDate).toBe(AT);
  });

  it("puts the supplier's and its sites' assessments, certificates, incidents and decisions in its folder, dated before the end of the period", async () => {
    const files = unzip((await rmapPack(w.orp, { org: 'refiner', period: MARCH, generatedAt: AT })).bytes);
    const ids = (path: string, key: string) => (jsonOf(files, `suppliers/exporter/${path}`)[key] as { id: string }[]).map((x) => x.id);
    expect(ids('assessments.json', 'riskRegister')).toEqual(['risk-house', 'risk-refiner']);
    expect(ids('assessments.json', 'kyc')).toEqual(['kyc-owner']);
    expect(ids('assessments.json', 'craft')).toEqual(['craft-asmo']);
    expect(ids('certificates.json', 'licences')).toEqual(['kyc-licence']);
    expect(ids('certificates.json', 'authorisations')).toEqual(['cert-asmo']);
    // The red-flag engine's own incidents about the chain are there too; the one about another chain is not.
    expect(ids('incidents.json', 'incidents')).toEqual(expect.arrayContaining(['inc-1', 'inc-2']));
    expect(ids('incidents.json', 'incidents')).not.toContain('inc-3');
    expect(ids('decisions.json', 'decisions')).toEqual(['dec-exporter']);
  });

  it("keeps miners' personal data out: no registry id, birth year or name, no decision about a miner", async () => {
    const files = unzip((await rmapPack(w.orp, { org: 'refiner', period: MARCH, generatedAt: AT })).bytes);
    const incidents = jsonOf<{ incidents: { rule: string; summary: string; evidence: { numbers: Record<string, unknown> }; history: { note: string }[] }[] }>(files, 'suppliers/exporter/incidents.json').incidents;
    const age = incidents.find((i) => i.rule === 'miner_under_age')!;
    expect(age.evidence.numbers).toEqual({ country: 'CD' });
    expect(age.summary).toContain('withheld');
    expect(age.history.map((h) => h.note)).toEqual([age.summary]);
    const all = [...files.values()].map((b) => b.toString('utf8')).join('\n');
    for (const personal of ['asmo-m0001', '2012', 'Miner 1', 'Miner 2', 'too young']) expect(all).not.toContain(personal);
  });

  it('orpaille report rmap writes the same bytes for the same ledger and time of generation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmap-'));
    const args = (out: string) => ['report', 'rmap', '--org', 'refiner', '--from', MARCH.from, '--to', MARCH.to, '--out', out, '--generated-at', AT, '--json'];
    const a = await run(w, ...args(join(dir, 'a.zip')));
    expect(a.code, a.err).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({ suppliers: 1, lots: 1, fineGrams: '16.830', files: 8 });
    expect((await run(w, ...args(join(dir, 'b.zip')))).code).toBe(0);
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'b.zip')))).toBe(true);
  });

  it('makes a valid pack that says so when the period holds no ASM input', async () => {
    const { bytes, index } = await rmapPack(w.orp, { org: 'refiner', period: { from: '2026-04-01', to: '2026-05-01' }, generatedAt: AT });
    expect(index).toMatchObject({ received: { lots: 0 }, asmInputs: { lots: 0, fineGrams: '0.000' }, suppliers: [], files: [] });
    expect(index.note).toContain('no ASM inputs');
    expect(zipEntries(bytes).map((e) => e.name)).toEqual(['index.csv', 'index.json']);
    expect(unzip(bytes).get('index.csv')!.toString()).toContain('no ASM inputs');
  });

  it('refuses an unknown organisation (ORP_NOT_FOUND) and a bad period, writing no file', async () => {
    await expect(rmapPack(w.orp, { org: 'nobody', period: MARCH })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
    await expect(rmapPack(w.orp, { org: 'refiner', period: { from: '2026-04-01', to: '2026-03-01' } })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    const dir = mkdtempSync(join(tmpdir(), 'rmap-'));
    const bad = await run(w, 'report', 'rmap', '--org', 'refiner', '--from', '2026-03-01', '--to', '2026-02-30', '--out', join(dir, 'x.zip'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--to must be a calendar date');
    const unknown = await run(w, 'report', 'rmap', '--org', 'nobody', '--from', MARCH.from, '--to', MARCH.to, '--out', join(dir, 'y.zip'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('nobody');
    expect(existsSync(join(dir, 'x.zip')) || existsSync(join(dir, 'y.zip'))).toBe(false);
  });

  it("GET /reports/rmap answers the caller's pack with the events and records it may see, the others withheld by id", async () => {
    const res = await app.inject({ method: 'GET', url: `/reports/rmap?from=${MARCH.from}&to=${MARCH.to}`, headers: await authHeaders(w.orp, 'refiner', 'auditor') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="rmap-refiner-${MARCH.from}-${MARCH.to}.zip"`);
    const head = await reportStore(w.orp.db).head();
    expect([res.headers['x-ledger-seq'], res.headers['x-ledger-head']]).toEqual([String(head.seq), head.hash]);
    const files = unzip(res.rawPayload);
    const index = jsonOf<PackIndex>(files, 'index.json');
    // The refiner is a party to the export, the receipt and its purchase only.
    const seen = records.slice(6, 9);
    expect(index.suppliers[0]!.events).toBe(3);
    expect(index.suppliers[0]!.withheldEvents).toEqual(records.slice(0, 6).map((r) => r.eventId));
    expect(documentEventHashes(JSON.parse(files.get('suppliers/exporter/epcis.jsonld')!.toString('utf8')))).toEqual(seen.map((r) => r.eventId));
    const risks = (jsonOf(files, 'suppliers/exporter/assessments.json')['riskRegister'] as { id: string }[]).map((r) => r.id);
    expect(risks).toEqual(['risk-refiner']);
    const incidents = jsonOf<{ incidents: { id: string; org: string }[] }>(files, 'suppliers/exporter/incidents.json').incidents;
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((i) => i.org === w.refiner.uri)).toBe(true);
  });

  it('GET /reports/rmap answers another organisation its own pack, and refuses a bad period', async () => {
    const res = await app.inject({ method: 'GET', url: `/reports/rmap?from=${MARCH.from}&to=${MARCH.to}`, headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(res.statusCode).toBe(200);
    const index = jsonOf<PackIndex>(unzip(res.rawPayload), 'index.json');
    // The exporter bought the house's lots: its supplier is the house, and nothing of the refiner's is in it.
    expect(index.refiner.id).toBe('exporter');
    expect(index.suppliers.map((s) => s.id)).toEqual(['house']);
    const bad = await app.inject({ method: 'GET', url: `/reports/rmap?from=2026-04-01&to=2026-03-01`, headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('ORP_BAD_INPUT');
  });
});
