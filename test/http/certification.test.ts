import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addGrant, addUser } from '../../src/accounts/index.js';
import { buildApp } from '../../src/http/index.js';
import { makeOrganisation } from '../../src/parties/index.js';
import { makeAccessWorld } from '../support/access-world.js';
import { authHeaders } from '../support/auth.js';
import { addCertifier } from '../support/certifier.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

const PASSWORD = 'a long password!';

describe.each(testStores)('the certification registry over HTTP on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const h: Record<string, Record<string, string>> = {};
  const req = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: h[who]!, ...(payload ? { payload } : {}) });
  const permit = { id: 'PTT-HOUSE', kind: 'permit_to_trade', scheme: 'fairmined', holder: 'house', issuedOn: '2026-01-01', validUntil: '2026-12-31', scope: { suppliers: ['asmo'], firstAuthorisedBuyer: true } };

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    await addCertifier(w);
    await w.orp.addOrganisation(makeOrganisation({ id: 'ceec', name: 'CEEC (test)', roles: ['authority'], country: 'CD', companyPrefix: '6150099' }));
    app = await buildApp(w.orp, { rateLimit: false });
    h['certifier'] = await authHeaders(w.orp, 'certifier', 'admin');
    h['certifierViewer'] = await authHeaders(w.orp, 'certifier', 'viewer');
    h['house'] = await authHeaders(w.orp, 'house', 'admin');
    h['exporter'] = await authHeaders(w.orp, 'exporter', 'admin');
    h['refiner'] = await authHeaders(w.orp, 'refiner', 'auditor');
    h['ceec'] = await authHeaders(w.orp, 'ceec', 'operator');
    await addUser(w.orp, { org: null, email: 'root@orpaille.test', role: 'admin', password: PASSWORD });
    const login = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'root@orpaille.test', password: PASSWORD } });
    h['platform'] = { cookie: `orp_session=${login.cookies.find((c) => c.name === 'orp_session')!.value}`, 'x-orpaille-csrf': login.json().csrfToken };
    await addGrant(w.orp, { from: 'house', to: 'refiner' });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it("lets a certifier's admin record a permit in its own name", async () => {
    const res = await req('certifier', 'POST', '/certificates', permit);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: 'PTT-HOUSE', holder: w.house.uri, scope: { suppliers: [w.asmo.uri], firstAuthorisedBuyer: true }, standing: { status: 'active', valid: true } });
    expect(res.json().issuer).toContain('7709001');
  });

  it('refuses to issue for an organisation that is not a certifier or auditor, or in another issuer name', async () => {
    expect((await req('house', 'POST', '/certificates', { ...permit, id: 'SELF' })).json()).toMatchObject({ code: 'ORP_FORBIDDEN' });
    expect((await req('certifier', 'POST', '/certificates', { ...permit, id: 'OTHER', issuer: 'exporter' })).statusCode).toBe(403);
    expect((await req('certifierViewer', 'POST', '/certificates', { ...permit, id: 'VIEW' })).statusCode).toBe(403);
  });

  it('lets the platform admin record in the name of an issuing organisation it names', async () => {
    const res = await req('platform', 'POST', '/certificates', { ...permit, id: 'LBMA-GD-1', kind: 'lbma_good_delivery', scheme: 'lbma', holder: 'refiner', issuer: 'certifier', scope: {} });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('lets the holder, the issuer and an auditor the holder granted access read it; others get 404', async () => {
    for (const who of ['house', 'certifier', 'refiner', 'platform']) expect((await req(who, 'GET', '/certificates/PTT-HOUSE')).statusCode, who).toBe(200);
    expect((await req('exporter', 'GET', '/certificates/PTT-HOUSE')).json()).toMatchObject({ code: 'ORP_NOT_FOUND' });
    expect((await req('exporter', 'GET', '/certificates')).json().certificates).toEqual([]);
    expect((await req('house', 'GET', '/certificates')).json().certificates.map((c: { id: string }) => c.id)).toEqual(['PTT-HOUSE']);
    expect((await req('refiner', 'GET', '/certificates?kind=lbma_good_delivery')).json().certificates.map((c: { id: string }) => c.id)).toEqual(['LBMA-GD-1']);
  });

  it("lets only the issuer's admins change the status, never back-dated", async () => {
    expect((await req('house', 'POST', '/certificates/PTT-HOUSE/status', { status: 'suspended' })).statusCode).toBe(403);
    expect((await req('exporter', 'POST', '/certificates/PTT-HOUSE/status', { status: 'suspended' })).statusCode).toBe(404);
    const back = await req('certifier', 'POST', '/certificates/PTT-HOUSE/status', { status: 'suspended', from: '2026-06-01' });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('ORP_STATUS_CHANGE_REFUSED');
    const later = await req('certifier', 'POST', '/certificates/PTT-HOUSE/status', { status: 'suspended', from: '2026-12-15', reason: 'audit finding' });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ standing: { status: 'active', valid: true }, statusChanges: [{ status: 'suspended', from: '2026-12-15', reason: 'audit finding' }] });
  });

  it('serves a signed credential that POST /vc/verify accepts, and refuses it with one byte of the subject flipped', async () => {
    const vc = await req('house', 'GET', '/certificates/PTT-HOUSE/vc');
    expect(vc.statusCode, vc.body).toBe(200);
    expect(vc.json()).toMatchObject({ credentialSubject: { id: w.house.uri }, proof: { cryptosuite: 'eddsa-jcs-2022' } });
    const ok = await req('exporter', 'POST', '/vc/verify', vc.json());
    expect(ok.json()).toMatchObject({ valid: true, problems: [], subject: w.house.uri });
    const flipped = JSON.parse(vc.body.replace(`"id":"${w.house.uri}"`, `"id":"${w.house.uri.slice(0, -1)}${w.house.uri.endsWith('1') ? '2' : '1'}"`));
    const bad = await req('exporter', 'POST', '/vc/verify', flipped);
    expect(bad.json()).toMatchObject({ valid: false, problems: [{ code: 'signature_invalid' }] });
  });

  it('lets an authority record an inspection of any site; a site visible to the house shows its status', async () => {
    const rec = await req('ceec', 'POST', '/sites/site-1/inspections', { date: '2026-02-10', status: 'green', inspector: 'J. Mbala', agency: 'CEEC', purpose: 'initial' });
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json()).toMatchObject({ site: w.sites[0]!.uri, status: 1 });
    const status = await req('house', 'GET', '/sites/site-1/inspections?date=2026-06-01');
    expect(status.json()).toMatchObject({ status: { status: 'green', code: 1, exportAllowed: true }, inspections: [{ date: '2026-02-10', status: 1 }] });
    expect((await req('house', 'POST', '/sites/site-1/inspections', { date: '2026-03-01', status: 3, inspector: 'x', agency: 'y' })).statusCode).toBe(403);
    expect((await req('exporter', 'GET', '/sites/site-2/inspections')).statusCode).toBe(404);
    expect((await req('ceec', 'POST', '/sites/site-1/inspections', { date: '2027-03-01', status: 3, inspector: 'x', agency: 'y' })).statusCode).toBe(400);
  });
});
