import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RiskEntry } from '../../src/diligence/index.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

describe.each(testStores)('risk register store on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
  });
  afterEach(async () => {
    await w.cleanup();
  });

  const entry = (over: Partial<RiskEntry> = {}): RiskEntry => ({
    id: 'risk-1',
    owner: w.house.uri,
    subject: { kind: 'supplier', uri: w.asmo.uri },
    risk: 'security-forces',
    catalogueVersion: '1',
    observedOn: '2026-03-01',
    source: 'site visit by the buyer',
    evidence: [{ kind: 'report', reference: 'visit-2026-03-01.pdf', description: 'soldiers collecting a fee at the pit' }],
    note: 'to follow up',
    recordedBy: 'A. Kabila',
    history: [{ status: 'identified', on: '2026-03-01', by: 'A. Kabila' }],
    ...over,
  });

  it('gives back an entry as recorded, evidence and history included', async () => {
    await w.orp.risks.addRisk(entry());
    expect(await w.orp.risks.risk('risk-1')).toEqual(entry());
    expect(await w.orp.risks.risk('nope')).toBeUndefined();
  });

  it('refuses a second entry with the same id and a malformed entry, and records nothing more', async () => {
    await w.orp.risks.addRisk(entry());
    await expect(w.orp.risks.addRisk(entry({ note: 'other' }))).rejects.toMatchObject({ code: 'ORP_RECORD_EXISTS' });
    await expect(w.orp.risks.addRisk(entry({ id: 'risk-2', observedOn: '2026-13-01' }))).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    expect((await w.orp.risks.risks()).map((e) => e.id)).toEqual(['risk-1']);
  });

  it('records status changes with who, when and why, and refuses one dated before the last', async () => {
    await w.orp.risks.addRisk(entry());
    const e = await w.orp.risks.changeRiskStatus('risk-1', { status: 'confirmed', on: '2026-03-10', by: 'B. Mulamba', reason: 'second visit' });
    expect(e.history.map((c) => c.status)).toEqual(['identified', 'confirmed']);
    await expect(w.orp.risks.changeRiskStatus('risk-1', { status: 'mitigated', on: '2026-03-09', by: 'B' })).rejects.toMatchObject({ code: 'ORP_STATUS_CHANGE_REFUSED' });
    await expect(w.orp.risks.changeRiskStatus('nope', { status: 'mitigated', on: '2026-03-11', by: 'B' })).rejects.toMatchObject({ code: 'ORP_NOT_FOUND' });
    expect(await w.orp.risks.risk('risk-1')).toEqual(e);
  });

  it('lists entries per owner, subject, risk and current status', async () => {
    await w.orp.risks.addRisk(entry());
    await w.orp.risks.addRisk(entry({ id: 'risk-2', subject: { kind: 'site', uri: w.sites[0]!.uri }, risk: 'mercury-open-burning', observedOn: '2026-02-01', history: [{ status: 'identified', on: '2026-02-01', by: 'x' }] }));
    await w.orp.risks.addRisk(entry({ id: 'risk-3', owner: w.refiner.uri }));
    await w.orp.risks.changeRiskStatus('risk-1', { status: 'confirmed', on: '2026-03-02', by: 'x' });
    const ids = async (f: Parameters<World['orp']['risks']['risks']>[0]) => (await w.orp.risks.risks(f)).map((e) => e.id);
    expect(await ids({ owners: [w.house.uri] })).toEqual(['risk-2', 'risk-1']);
    expect(await ids({ owners: [] })).toEqual([]);
    expect(await ids({ subject: w.sites[0]!.uri })).toEqual(['risk-2']);
    expect(await ids({ subjectKind: 'supplier', status: 'confirmed' })).toEqual(['risk-1']);
    expect(await ids({ risk: 'security-forces', status: 'identified' })).toEqual(['risk-3']);
  });
});
