import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { standingOn, type Authorisation, type SiteInspection } from '../../src/certification/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

describe.each(testStores)('certification registry store on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  const cert = (over: Partial<Authorisation> = {}): Authorisation => ({
    id: 'fm-cert-1',
    kind: 'producer_certificate',
    scheme: 'fairmined',
    holder: w.asmo.uri,
    issuer: w.refiner.uri,
    scope: { sites: [w.sites[0]!.uri], activities: ['mining'], ecological: false },
    issuedOn: '2026-01-01',
    validUntil: '2026-12-31',
    statusChanges: [],
    ...over,
  });

  const inspection = (over: Partial<SiteInspection> = {}): SiteInspection => ({
    id: 'insp-1',
    site: w.sites[0]!.uri,
    date: '2026-02-01',
    status: 1,
    report: 'https://example.org/reports/1',
    purpose: 'initial',
    inspector: 'J. Mbala',
    agency: 'CEEC',
    ...over,
  });

  it('gives back an authorisation as it was added, scope and history included', async () => {
    const a = cert({ statusChanges: [{ status: 'suspended', from: '2026-03-01', reason: 'audit finding' }] });
    await w.orp.certification.add(a);
    expect(await w.orp.certification.get(a.id)).toEqual(a);
    expect(await w.orp.certification.get('nope')).toBeUndefined();
  });

  it('refuses a second authorisation with the same id and keeps the first', async () => {
    await w.orp.certification.add(cert());
    await expect(w.orp.certification.add(cert({ holder: w.house.uri }))).rejects.toMatchObject({ code: 'ORP_AUTHORISATION_EXISTS' });
    expect((await w.orp.certification.get('fm-cert-1'))!.holder).toBe(w.asmo.uri);
  });

  it('refuses an authorisation whose validity ends before it starts, and records nothing', async () => {
    await expect(w.orp.certification.add(cert({ validUntil: '2025-12-31' }))).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    expect(await w.orp.certification.list()).toEqual([]);
  });

  it('answers the authorisations of a set of holders, of any kind', async () => {
    await w.orp.certification.add(cert());
    await w.orp.certification.add(cert({ id: 'ptt-1', kind: 'permit_to_trade', holder: w.house.uri, scope: { suppliers: [w.asmo.uri], firstAuthorisedBuyer: true }, issuedOn: '2026-02-01' }));
    await w.orp.certification.add(cert({ id: 'rmap-1', kind: 'rmap', scheme: 'rmap', holder: w.refiner.uri, scope: { assessmentCycleYears: 2, lastAssessedOn: '2025-06-01' } }));
    const found = await w.orp.certification.authorisations([w.asmo.uri, w.house.uri]);
    expect(found.map((a) => a.id)).toEqual(['fm-cert-1', 'ptt-1']);
    expect(await w.orp.certification.authorisations([])).toEqual([]);
  });

  it('lists by holder, kind, scheme, issuer and covered site', async () => {
    await w.orp.certification.add(cert());
    await w.orp.certification.add(cert({ id: 'ft-cert-1', scheme: 'fairtrade', scope: { sites: [w.sites[1]!.uri] } }));
    await w.orp.certification.add(cert({ id: 'lic-1', kind: 'licence', holder: w.exporter.uri, scope: { products: ['jewellery'] } }));
    const ids = async (f: Parameters<World['orp']['certification']['list']>[0]) => (await w.orp.certification.list(f)).map((a) => a.id);
    expect(await ids({ holder: w.asmo.uri })).toEqual(['fm-cert-1', 'ft-cert-1']);
    expect(await ids({ kind: 'licence' })).toEqual(['lic-1']);
    expect(await ids({ scheme: 'fairtrade' })).toEqual(['ft-cert-1']);
    expect(await ids({ issuer: w.refiner.uri, holder: w.exporter.uri })).toEqual(['lic-1']);
    expect(await ids({ site: w.sites[1]!.uri })).toEqual(['ft-cert-1']);
    expect(await ids({})).toEqual(['fm-cert-1', 'ft-cert-1', 'lic-1']);
  });

  it('records a suspension from its date on: the day before stays valid', async () => {
    await w.orp.certification.add(cert());
    const after = await w.orp.certification.changeStatus('fm-cert-1', 'suspended', '2026-06-01', 'non-conformity');
    expect(after.statusChanges).toEqual([{ status: 'suspended', from: '2026-06-01', reason: 'non-conformity' }]);
    const stored = (await w.orp.certification.get('fm-cert-1'))!;
    expect(standingOn(stored, '2026-05-31').valid).toBe(true);
    expect(standingOn(stored, '2026-06-01')).toMatchObject({ valid: false, reason: 'suspended' });
  });

  it('reinstates a suspended authorisation and keeps the whole history in order', async () => {
    await w.orp.certification.add(cert());
    await w.orp.certification.changeStatus('fm-cert-1', 'suspended', '2026-06-01');
    await w.orp.certification.changeStatus('fm-cert-1', 'active', '2026-07-01', 'corrective actions closed');
    const stored = (await w.orp.certification.get('fm-cert-1'))!;
    expect(stored.statusChanges.map((c) => c.status)).toEqual(['suspended', 'active']);
    expect(standingOn(stored, '2026-07-01').valid).toBe(true);
  });

  it('refuses a change dated before the last one, or after a withdrawal, and records nothing', async () => {
    await w.orp.certification.add(cert());
    await w.orp.certification.changeStatus('fm-cert-1', 'suspended', '2026-06-01');
    await expect(w.orp.certification.changeStatus('fm-cert-1', 'withdrawn', '2026-05-01')).rejects.toMatchObject({ code: 'ORP_STATUS_CHANGE_REFUSED' });
    await w.orp.certification.changeStatus('fm-cert-1', 'withdrawn', '2026-06-15');
    await expect(w.orp.certification.changeStatus('fm-cert-1', 'active', '2026-08-01')).rejects.toMatchObject({ code: 'ORP_STATUS_CHANGE_REFUSED' });
    expect((await w.orp.certification.get('fm-cert-1'))!.statusChanges).toHaveLength(2);
  });

  it('answers ORP_NOT_FOUND for a status change of an unknown authorisation', async () => {
    await expect(w.orp.certification.changeStatus('nope', 'suspended', '2026-06-01')).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
  });

  it('gives back the inspections of the sites asked, by site then date', async () => {
    await w.orp.certification.addInspection(inspection({ id: 'i-2', date: '2026-05-01', status: 2, report: undefined, purpose: undefined }));
    await w.orp.certification.addInspection(inspection());
    await w.orp.certification.addInspection(inspection({ id: 'i-3', site: w.sites[1]!.uri, status: 3 }));
    const mine = await w.orp.certification.siteInspections([w.sites[0]!.uri]);
    expect(mine).toEqual([inspection(), { id: 'i-2', site: w.sites[0]!.uri, date: '2026-05-01', status: 2, inspector: 'J. Mbala', agency: 'CEEC' }]);
    expect((await w.orp.certification.siteInspections([w.sites[0]!.uri, w.sites[1]!.uri])).map((i) => i.id)).toEqual(['insp-1', 'i-2', 'i-3']);
    expect(await w.orp.certification.siteInspections([])).toEqual([]);
  });

  it('refuses an inspection with a status code outside 0-3, or an id already used', async () => {
    await expect(w.orp.certification.addInspection(inspection({ status: 4 as 1 }))).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    await w.orp.certification.addInspection(inspection());
    await expect(w.orp.certification.addInspection(inspection())).rejects.toMatchObject({ code: 'ORP_INSPECTION_EXISTS' });
  });
});
