import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordIndicators, recordKyc, kycStanding, siteIndicatorSeries } from '../../src/assessor/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

describe.each(testStores)('KYC records and site indicators on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('keeps beneficial owners, licences and watchlist hits and judges the file with the threshold in the rule table', async () => {
    await recordKyc(w.orp, { kind: 'beneficial_owner', id: 'bo-1', owner: 'house', supplier: 'asmo', recordedBy: 'A', name: 'Jeanne M.', sharePercent: '12.5', country: 'CD', identifiedOn: '2026-01-10', evidence: [{ kind: 'document', reference: 'statutes.pdf' }] });
    await recordKyc(w.orp, { kind: 'beneficial_owner', id: 'bo-2', owner: 'house', supplier: 'asmo', recordedBy: 'A', name: 'Paul K.', sharePercent: '20', identifiedOn: '2026-01-10' });
    await recordKyc(w.orp, { kind: 'licence', id: 'lic-1', owner: 'house', supplier: 'asmo', recordedBy: 'A', licenceType: 'artisanal mining zone', number: 'ZEA-117', issuer: 'Ministère des Mines', validFrom: '2025-01-01', validUntil: '2026-06-30' });
    await recordKyc(w.orp, { kind: 'watchlist_hit', id: 'wl-1', owner: 'house', supplier: 'asmo', recordedBy: 'A', list: 'UN 1533', matchedName: 'Paul K.', checkedOn: '2026-01-12', outcome: 'false_positive', checkedBy: 'B. Mulamba', note: 'different date of birth' });
    const mined = await kycStanding(w.orp, { supplier: 'asmo', owners: [w.house.uri], date: '2026-03-01', supply: 'mined' });
    expect(mined).toMatchObject({ complete: true, threshold: { basisPoints: 1000 } });
    expect(mined.beneficialOwners.map((o) => o.name)).toEqual(['Jeanne M.', 'Paul K.']);
    expect(mined.records.map((r) => r.id)).toEqual(['lic-1', 'bo-1', 'bo-2', 'wl-1']);
    const recycled = await kycStanding(w.orp, { supplier: 'asmo', owners: [w.house.uri], date: '2026-03-01', supply: 'recycled' });
    expect(recycled.beneficialOwners).toEqual([]);
    const late = await kycStanding(w.orp, { supplier: 'asmo', owners: [w.house.uri], date: '2026-07-01' });
    expect(late.gaps).toEqual(['no licence valid on 2026-07-01']);
    expect((await kycStanding(w.orp, { supplier: 'asmo', owners: [w.refiner.uri], date: '2026-03-01' })).records).toEqual([]);
  });

  it('refuses a KYC record with a taken id or a bad share, and writes nothing', async () => {
    const input = { kind: 'beneficial_owner' as const, id: 'bo-1', owner: 'house', supplier: 'asmo', recordedBy: 'A', name: 'X', sharePercent: '30', identifiedOn: '2026-01-10' };
    await recordKyc(w.orp, input);
    await expect(recordKyc(w.orp, input)).rejects.toMatchObject({ code: 'ORP_RECORD_EXISTS' });
    await expect(recordKyc(w.orp, { ...input, id: 'bo-2', sharePercent: '12.345' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    await expect(recordKyc(w.orp, { ...input, id: 'bo-3', supplier: 'nobody' })).rejects.toMatchObject({ code: 'ORP_UNKNOWN_PARTY' });
    expect((await w.orp.assessments.kycRecords({})).map((r) => r.id)).toEqual(['bo-1']);
  });

  it('keeps a site’s indicators per period in milligrams and gives the series with its Hg:Au trend', async () => {
    await recordIndicators(w.orp, { id: 'i-2', owner: 'house', site: 'site-1', periodFrom: '2026-02-01', periodTo: '2026-02-28', mercuryUsedGrams: '90', goldProducedGrams: '100', retortsInUse: 4, peopleTrained: 25, practicesObserved: [], source: 'AGC field survey', recordedBy: 'A' });
    await recordIndicators(w.orp, { id: 'i-1', owner: 'house', site: 'site-1', periodFrom: '2026-01-01', periodTo: '2026-01-31', mercuryUsedGrams: '250.5', goldProducedGrams: '100', retortsInUse: 1, practicesObserved: ['mercury-open-burning'], mercuryFreeMethods: [], source: 'AGC field survey', recordedBy: 'A' });
    await expect(recordIndicators(w.orp, { id: 'i-3', owner: 'house', site: 'site-1', periodFrom: '2026-03-01', periodTo: '2026-02-01', source: 's', recordedBy: 'A' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    const s = await siteIndicatorSeries(w.orp, 'site-1', [w.house.uri]);
    expect(s.points.map((p) => [p.id, p.mercuryUsedMg, p.hgAuRatio])).toEqual([['i-1', 250_500, '2.51'], ['i-2', 90_000, '0.90']]);
    expect(s.trend).toEqual({ from: '2.51', to: '0.90', improving: true });
    expect((await siteIndicatorSeries(w.orp, 'site-1', [w.exporter.uri])).points).toEqual([]);
    expect(await w.orp.assessments.indicators({ sites: [] })).toEqual([]);
  });
});
