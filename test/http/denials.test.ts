import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiToken, newId } from '../../src/access/index.js';
import { addGrant, addUser, createDisclosure, createToken } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { adoptPlan } from '../../src/registrar/index.js';
import { deviceStore, namedQueryStore } from '../../src/store/index.js';
import { deviceBlock, jwkThumbprint, type DevicePublicKey } from '../../src/field/index.js';
import { jsonDocument, plainEvent } from '../capture/documents.js';
import { newDeviceKey } from '../support/device.js';
import { authHeaders } from '../support/auth.js';
import { makeAccessWorld } from '../support/access-world.js';
import { testStores } from '../support/stores.js';
import { NOW, type World } from '../support/world.js';

/*
 * Every registered route, enumerated with an onRoute hook, is checked against the access rules, so a
 * route added without authentication, without a role check or leaking another organisation's data fails here.
 */

interface RouteRow {
  method: string;
  url: string;
  public: boolean;
}

/** Route options are read after registration: plugins' own onRoute hooks (docs) may still mark them public. */
interface Registered {
  method: string;
  url: string;
  options: { config?: { public?: boolean } };
}

// The only routes anyone may call without credentials.
// (The consumer verification page /verify/{code} and its style sheet show what /v/{code} shows; `/` and `/assets/*`
// are the web app's page and its built files, no data; so are its service worker, manifest and icons.)
// (OPTIONS /capture advertises the capture limits, as the EPCIS REST binding's discovery expects.)
const PUBLIC = (method: string, url: string) =>
  ['/health', '/auth/login', '/v/:code', '/verify/:code', '/verify.css', '/', '/assets/*', '/sw.js', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'].includes(url) || url === '/docs' || url.startsWith('/docs/') || `${method} ${url}` === 'OPTIONS /capture';
// Reads that need more than the viewer role.
// (GET /miners holds personal data: operators and admins only.)
const PRIVILEGED_READS = (url: string) => url.startsWith('/orgs') || ['/verify', '/disclosures', '/miners'].includes(url);
// Unsafe methods any authenticated caller may use.
// (A price quote is a computation over shared reference data: it writes nothing.)
const ANY_ROLE_WRITES = ['POST /auth/logout', 'POST /vc/verify', 'POST /prices/quote'];

/** A valid body for each unsafe route, so that a refusal cannot be a validation error. */
const BODIES: Record<string, { payload: string | object; type: string }> = {
  'POST /orgs/:id/users': { payload: { email: 'new@example.org', role: 'viewer' }, type: 'application/json' },
  'POST /orgs/:id/tokens': { payload: { name: 'n', role: 'viewer' }, type: 'application/json' },
  'POST /orgs/:id/grants': { payload: { to: 'exporter' }, type: 'application/json' },
  'POST /disclosures': { payload: { lot: 'B', fields: ['forms'] }, type: 'application/json' },
  'POST /import': { payload: 'date,miner_id,site_id,gross_grams,fineness,price,currency,payment_method,tag\n', type: 'text/csv' },
  'POST /capture': { payload: jsonDocument([plainEvent(1)]), type: 'application/ld+json' },
  'POST /events': { payload: JSON.stringify(plainEvent(2)), type: 'application/ld+json' },
  'POST /queries': { payload: { name: 'tried', query: { EQ_bizStep: 'shipping' } }, type: 'application/json' },
  'POST /queries/:queryName/subscriptions': { payload: { dest: 'http://127.0.0.1:9/hook', stream: true }, type: 'application/json' },
  'POST /auth/login': { payload: { email: 'clerk@house.example', password: 'a long password!' }, type: 'application/json' },
  'POST /prices/import': { payload: 'date,AM,PM\n2026-03-02,2000,2001\n', type: 'text/csv' },
  'POST /prices/quote': { payload: { scheme: 'fairtrade', grams: '1', fineness: '850.0', benchmarkUsdPerOz: '2000', date: '2026-03-02' }, type: 'application/json' },
  'POST /assays': { payload: { lot: 'A', seller: 'house', buyer: 'refiner' }, type: 'application/json' },
  'POST /assays/:id/results': { payload: { role: 'umpire', method: 'fire_assay', lab: 'L', sampleIds: ['U1'], fineness: '800.0' }, type: 'application/json' },
  'POST /settlements': {
    payload: { lot: 'A', seller: 'house', buyer: 'refiner', netMeltGrams: '10', fineness: '800.0', payablePercent: '99', pricingDate: '2026-03-02', benchmarkUsdPerOz: '2000' },
    type: 'application/json',
  },
  'POST /certificates': { payload: { kind: 'permit_to_trade', scheme: 'fairmined', holder: 'house', issuedOn: '2026-01-01', validUntil: '2026-12-31' }, type: 'application/json' },
  'POST /certificates/:id/status': { payload: { status: 'suspended', reason: 'tried' }, type: 'application/json' },
  'POST /vc/verify': { payload: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }, type: 'application/json' },
  'POST /diligence/plans': { payload: { supplier: 'asmo', measures: [{ description: 'd', indicator: 'i', baseline: 1, target: 2, direction: 'at_least' }] }, type: 'application/json' },
  'POST /diligence/plans/:id/progress': { payload: { measure: 'M1', value: 2 }, type: 'application/json' },
  'POST /diligence/steps': { payload: { item: '1.policy', status: 'in_progress' }, type: 'application/json' },
  'POST /incidents/:id/status': { payload: { status: 'under_review', note: 'tried' }, type: 'application/json' },
  'POST /diligence/decisions': { payload: { supplier: 'asmo', decision: 'suspend', reason: 'tried' }, type: 'application/json' },
  'POST /diligence/risks': { payload: { supplier: 'asmo', risk: 'taxes-royalties', source: 'tried', recordedBy: 'p' }, type: 'application/json' },
  'POST /diligence/risks/:id/status': { payload: { status: 'confirmed', by: 'p' }, type: 'application/json' },
  'POST /diligence/kyc': { payload: { kind: 'licence', supplier: 'asmo', recordedBy: 'p', licenceType: 't', number: 'n', issuer: 'i', validFrom: '2026-01-01' }, type: 'application/json' },
  'POST /diligence/sites/:id/indicators': { payload: { periodFrom: '2026-01-01', periodTo: '2026-01-31', source: 's', recordedBy: 'p' }, type: 'application/json' },
  'POST /diligence/craft': { payload: { buyer: 'exporter', submittedBy: 'p', answers: [{ criterion: '1.1', answer: 'yes' }] }, type: 'application/json' },
  'POST /diligence/craft/:id/review': { payload: { reviewedBy: 'p', answers: [{ criterion: '1.1', answer: 'no' }] }, type: 'application/json' },
  'POST /sites/:id/inspections': { payload: { date: '2026-03-01', status: 'green', inspector: 'J. Mbala', agency: 'CEEC' }, type: 'application/json' },
  'PUT /orgs/:id/settings': { payload: { belowMinimumPolicy: 'flag' }, type: 'application/json' },
  'POST /premiums/:org/payments': { payload: { reference: 'TT-1', paidOn: '2026-04-01', method: 'cash', amount: '1' }, type: 'application/json' },
  'POST /premiums/:org/plans': { payload: { scheme: 'fairmined', from: '2026-01-01', to: '2028-12-31', decidedOn: '2025-12-01' }, type: 'application/json' },
  'POST /premiums/:org/plans/:plan/projects': { payload: { name: 'well', budget: '1', from: '2026-01-01', to: '2026-02-01', decidedOn: '2025-12-01' }, type: 'application/json' },
  'POST /premiums/:org/spending': { payload: { project: 'prj_x', spentOn: '2026-01-02', amount: '1', description: 'pump', receipts: ['R-1'] }, type: 'application/json' },
  'POST /contracts': { payload: { reference: 'C-9', buyer: 'house', seller: 'asmo', scheme: 'fairmined', startsOn: '2026-03-01' }, type: 'application/json' },
  'POST /contracts/:id/deliveries': { payload: { deliveredOn: '2026-04-01', fineGrams: '1', value: '1' }, type: 'application/json' },
  'POST /contracts/:id/failed-deliveries': { payload: { reportedOn: '2026-04-01', reason: 'late', shortGrams: '1' }, type: 'application/json' },
  'POST /contracts/:id/trial-end': { payload: { on: '2026-04-01' }, type: 'application/json' },
  'POST /evidence': { payload: 'a scanned licence', type: 'application/pdf' },
  'POST /reports/icglr': { payload: { lot: 'B', lang: 'en' }, type: 'application/json' },
  'POST /miners': { payload: { displayName: 'M', gender: 'female', birthYear: 1990 }, type: 'application/json' },
  'POST /devices': { payload: { name: 'phone', publicKey: newDeviceKey().jwk }, type: 'application/json' },
  'POST /field/sync': { payload: { device: 'dev_none', items: [] }, type: 'application/json' },
};

describe.each(testStores)('access rules of every route on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const registered: Registered[] = [];
  let routes: RouteRow[] = [];
  const own: Record<string, string> = {};
  const others: Record<string, string> = {};
  const tokens: Record<string, { authorization: string }> = {};

  const call = (r: RouteRow, params: Record<string, string>, headers: Record<string, string> = {}) => {
    const segments = r.url.split('/');
    const url = segments
      .map((seg, i) => {
        if (seg === '*') return 'index.html';
        if (!seg.startsWith(':')) return seg;
        const key = `${segments[i - 1]}${seg}`;
        const v = params[key];
        if (v === undefined) throw new Error(`say which resource of another organisation ${r.method} ${r.url} reaches (param ${key})`);
        return encodeURIComponent(v);
      })
      .join('/');
    const body = BODIES[`${r.method} ${r.url}`];
    return app.inject({ method: r.method as 'GET', url, headers: { ...headers, ...(body ? { 'content-type': body.type } : {}) }, ...(body ? { payload: body.payload } : {}) });
  };

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    app = await buildApp(w.orp, { rateLimit: false, onRoute: (r) => {
      for (const method of [r.method].flat()) registered.push({ method, url: r.url, options: r });
    } });
    await app.ready();
    routes = registered.map((r) => ({ method: r.method, url: r.url, public: Boolean(r.options.config?.public) }));

    const houseUser = (await addUser(w.orp, { org: 'house', email: 'clerk@house.example', role: 'viewer', password: 'a long password!' })).user;
    const houseToken = (await createToken(w.orp, { org: 'house', role: 'viewer', name: 'scale' })).token;
    const houseGrant = await addGrant(w.orp, { from: 'house', to: 'refiner' });
    const B = (await w.orp.queries.lot('B'))!;
    const disclosure = await createDisclosure(w.orp, { lot: B, org: 'house', createdBy: 'test', fields: ['forms'] });
    await namedQueryStore(w.orp.db).create('house', { name: 'houseGold', params: {}, prefixes: {}, createdAt: 0 });
    // A Permit to Trade held by the house: the exporter is neither its holder nor its issuer, nor granted.
    await w.orp.certification.add({ id: 'ptt-house', kind: 'permit_to_trade', scheme: 'fairmined', holder: w.house.uri, issuer: w.asmo.uri, scope: {}, issuedOn: '2026-01-01', validUntil: '2026-12-31', statusChanges: [] });
    // A risk entry and a KYC record in the house's due diligence: the exporter keeps none.
    await w.orp.risks.addRisk({ id: 'risk-house', owner: w.house.uri, subject: { kind: 'supplier', uri: w.asmo.uri }, risk: 'security-forces', catalogueVersion: '1', observedOn: '2026-03-01', source: 'visit', evidence: [], recordedBy: 'p', history: [{ status: 'identified', on: '2026-03-01', by: 'p' }] });
    await w.orp.assessments.addKyc({ id: 'kyc-house', kind: 'licence', owner: w.house.uri, supplier: w.asmo.uri, evidence: [], recordedBy: 'p', licenceType: 't', number: 'n', issuer: 'i', validFrom: '2026-01-01' });
    // A risk management plan of the house: the exporter neither reads nor reports on it.
    const housePlan = await adoptPlan(w.orp, w.house, { supplier: 'asmo', createdBy: 'test', measures: [{ description: 'd', indicator: 'i', baseline: 1, target: 2, direction: 'at_least' }] });
    await w.orp.crafts.addCraft({ id: 'craft-house', producer: w.asmo.uri, buyer: w.house.uri, questionnaireVersion: '2.1', assessedOn: '2026-01-15', stage: 'self', answers: [], submittedBy: 'p' });
    // An evidence file of the house: the exporter holds none.
    const houseEvidence = await w.orp.evidence.add({ org: w.house.uri, name: 'licence.pdf', mediaType: 'application/pdf', bytes: Buffer.from('the house licence'), uploadedAt: NOW, uploadedBy: 'p' });
    const houseOperator = await authHeaders(w.orp, 'house', 'operator');
    const sub = await app.inject({ method: 'POST', url: '/queries/houseGold/subscriptions', headers: houseOperator, payload: BODIES['POST /queries/:queryName/subscriptions']!.payload as object });
    const exchange = await app.inject({ method: 'POST', url: '/assays', headers: houseOperator, payload: { lot: 'B', seller: 'house', buyer: 'refiner' } });
    const settlement = await app.inject({ method: 'POST', url: '/settlements', headers: houseOperator, payload: { ...(BODIES['POST /settlements']!.payload as object), lot: 'B' } });
    expect([exchange.statusCode, settlement.statusCode], `${exchange.body} ${settlement.body}`).toEqual([201, 201]);
    // The ASMO's premium ledger (plan) and a contract between the house and the ASMO: the exporter is party to neither.
    const plan = await w.orp.premiums.addPlan({ producer: w.asmo.uri, scheme: 'fairmined', from: '2026-01-01', to: '2028-12-31', decidedOn: '2025-12-01' });
    const contract = await w.orp.premiums.createContract({ reference: 'C-1', buyer: w.house.uri, seller: w.asmo.uri, scheme: 'fairmined', startsOn: '2026-03-01' }, 'test');
    // A field device of the house.
    const houseKey = newDeviceKey().jwk as DevicePublicKey;
    const houseDevice = await deviceStore(w.orp.db).register({ id: 'dev_house', org: 'house', name: 'phone', publicKey: houseKey, thumbprint: jwkThumbprint(houseKey), registeredBy: 'test', registeredAt: 0, blockOf: (n) => deviceBlock(w.house.companyPrefix, n) });
    const job = await app.inject({ method: 'POST', url: '/capture', headers: { ...(await authHeaders(w.orp, 'house', 'operator')), 'content-type': 'application/ld+json' }, payload: jsonDocument([plainEvent(0)]) });
    Object.assign(others, {
      'lots:id': 'B',
      'claims:claim': 'fairmined-labelled',
      'orgs:id': 'house',
      'sites:id': 'site-2',
      'users:user': houseUser.id,
      'tokens:token': houseToken.id,
      'grants:grant': houseGrant.id,
      'disclosures:code': disclosure.code,
      'v:code': disclosure.code,
      'verify:code': disclosure.code,
      'capture:captureID': job.json().captureID,
      // EPCIS query resources with events of the house only (the exporter is a party to A's shipping alone).
      'eventTypes:value': 'TransactionEvent',
      'epcs:value': w.lot(w.house, 'dore', 'B'),
      'bizSteps:value': 'commissioning',
      'dispositions:value': 'active',
      'readPoints:value': w.sites[1]!.uri,
      'bizLocations:value': w.sites[1]!.uri,
      'queries:queryName': 'houseGold',
      'subscriptions:subscriptionID': sub.json().subscriptionID,
      'assays:id': exchange.json().id,
      'settlements:id': settlement.json().id,
      'certificates:id': 'ptt-house',
      'plans:id': housePlan.id,
      // The house's sites are in a CMRT covered country: its production raised a risk-area incident.
      'incidents:id': (await w.orp.incidents.list({ orgs: [w.house.uri] })).incidents[0]!.id,
      'risks:id': 'risk-house',
      'kyc:id': 'asmo',
      'craft:id': 'craft-house',
      'premiums:org': 'asmo',
      'plans:plan': plan.id,
      'contracts:id': contract.id,
      'evidence:sha256': houseEvidence.file.sha256,
      'devices:id': houseDevice.device.id,
      // B's first record: an event of the house alone.
      'records:seq': String((await w.orp.visibility.lotEvents(w.lot(w.house, 'dore', 'B'), [w.house.uri]))[0]!.seq),
    });
    Object.assign(own, others, { 'lots:id': 'A', 'sites:id': 'site-1' });
    for (const role of ['admin', 'operator', 'auditor', 'viewer'] as const) tokens[role] = await authHeaders(w.orp, 'house', role);
    tokens['exporterAdmin'] = await authHeaders(w.orp, 'exporter', 'admin');
    const expired = newApiToken();
    await w.orp.access.addToken({ id: newId('tok'), org: 'house', role: 'admin', name: 'old', createdAt: 0, expiresAt: Date.parse(NOW) - 1 }, expired.hash);
    tokens['expired'] = { authorization: `Bearer ${expired.token}` };
    const revoked = await createToken(w.orp, { org: 'house', role: 'admin', name: 'leaked' });
    await w.orp.access.revokeToken(revoked.token.id, Date.parse(NOW));
    tokens['revoked'] = { authorization: `Bearer ${revoked.secret}` };
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  const privateRoutes = () => routes.filter((r) => !r.public);

  it('registers the API routes and marks public only health, login, /v/{code}, the verification page, /docs, the capture limits and the web app', () => {
    expect(privateRoutes().length).toBeGreaterThan(15);
    for (const r of routes.filter((x) => x.public)) expect(PUBLIC(r.method, r.url), `${r.method} ${r.url} is public`).toBe(true);
  });

  it('answers 401 ORP_UNAUTHENTICATED on every non-public route called without credentials', async () => {
    for (const r of privateRoutes()) {
      const res = await call(r, own);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      if (r.method !== 'HEAD') expect(res.json().code, `${r.method} ${r.url}`).toBe('ORP_UNAUTHENTICATED');
    }
  });

  it('lets anyone reach the public routes without credentials', async () => {
    for (const r of routes.filter((x) => x.public)) {
      const res = await call(r, own);
      expect([401, 403], `${r.method} ${r.url}`).not.toContain(res.statusCode);
    }
  });

  it('answers 401 to an expired, a revoked or a malformed token on every non-public route', async () => {
    for (const headers of [tokens['expired']!, tokens['revoked']!, { authorization: 'Bearer orp_not-a-token' }, { authorization: 'Basic YTpi' }]) {
      for (const r of privateRoutes()) {
        const res = await call(r, own, headers);
        expect(res.statusCode, `${r.method} ${r.url} with ${headers.authorization.slice(0, 12)}`).toBe(401);
        if (r.method !== 'HEAD') expect(res.json().code).toBe('ORP_UNAUTHENTICATED');
      }
    }
  });

  it('refuses a viewer every write and every administrative route with 403, and serves it the reads', async () => {
    for (const r of privateRoutes()) {
      const res = await call(r, own, tokens['viewer']!);
      const where = `${r.method} ${r.url}: ${res.body.slice(0, 200)}`;
      const isRead = r.method === 'GET' || r.method === 'HEAD';
      if ((isRead && !PRIVILEGED_READS(r.url)) || ANY_ROLE_WRITES.includes(`${r.method} ${r.url}`)) {
        expect([401, 403], where).not.toContain(res.statusCode);
      } else {
        expect(res.statusCode, where).toBe(403);
        if (r.method !== 'HEAD') expect(res.json().code, where).toBe('ORP_FORBIDDEN');
      }
    }
  });

  it('refuses an operator the administrative routes and lets it write', async () => {
    for (const r of privateRoutes().filter((x) => x.url.startsWith('/orgs'))) {
      expect((await call(r, own, tokens['operator']!)).statusCode, `${r.method} ${r.url}`).toBe(403);
    }
    const imported = await call({ method: 'POST', url: '/import', public: false }, own, tokens['operator']!);
    expect(imported.statusCode).toBe(200);
  });

  it('lets admins and auditors verify the ledger, not operators or viewers', async () => {
    const verify = { method: 'GET', url: '/verify', public: false };
    expect((await call(verify, own, tokens['admin']!)).json()).toMatchObject({ ok: true });
    expect((await call(verify, own, tokens['auditor']!)).statusCode).toBe(200);
    expect((await call(verify, own, tokens['operator']!)).statusCode).toBe(403);
    expect((await call(verify, own, tokens['viewer']!)).statusCode).toBe(403);
  });

  it("answers 404 ORP_NOT_FOUND with no data to an admin reaching another organisation's resource on every route that names one", async () => {
    // POST /disclosures and POST /reports/icglr name the lot in their body.
    const reaching = privateRoutes().filter((r) => r.url.includes(':') || (r.method === 'POST' && ['/disclosures', '/reports/icglr'].includes(r.url)));
    expect(reaching.length).toBeGreaterThan(10);
    for (const r of reaching) {
      if (r.method === 'HEAD') continue;
      const res = await call(r, others, tokens['exporterAdmin']!);
      const where = `${r.method} ${r.url}: ${res.body.slice(0, 200)}`;
      // A list scoped to the caller may answer, empty (e.g. subscriptions to a query name it has none of).
      if (r.method === 'GET' && res.statusCode === 200 && res.body === '[]') continue;
      expect(res.statusCode, where).toBe(404);
      const body = res.json();
      expect(Object.keys(body).sort(), where).toEqual(['code', 'details', 'message']);
      expect(body.code, where).toBe('ORP_NOT_FOUND');
      for (const secret of [w.house.uri, 'clerk@house.example', 'heldGrams', 'scale']) expect(res.body, where).not.toContain(secret);
    }
  });
});
