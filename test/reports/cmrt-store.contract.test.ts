import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cmrt } from '../../src/reporting/cmrt.js';
import { syntheticReference } from '../support/cmrt.js';
import { testStores } from '../support/stores.js';
import { makeWorld, type World } from '../support/world.js';

const V65 = 'Revision 6.5\nApril 25, 2025';
const V64 = 'Revision 6.4\nApril 26, 2024';

for (const store of testStores) {
  describe(`CMRT smelter reference and company answers (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('replaces the rows of a version imported again, and uses the newest template revision as the reference', async () => {
      const c = cmrt(w.orp);
      await c.importSmelters(await syntheticReference(V64, [['Gold', 'Old Refinery', 'ITALY', 'CID000009']]), 'RMI_CMRT_6.4.xlsx');
      await c.importSmelters(await syntheticReference(V65, [['Gold', 'A Refinery', 'ITALY', 'CID000001'], ['Tin', 'A Smelter', 'PERU', 'CID000002']]), 'RMI_CMRT_6.5.xlsx');
      const again = await c.importSmelters(await syntheticReference(V65, [['Gold', 'B Refinery', 'SWITZERLAND', 'CID000003']]), 'RMI_CMRT_6.5b.xlsx');
      expect(again).toMatchObject({ version: '6.5', revisionDate: '2025-04-25', smelters: 1, metals: { Gold: 1 } });
      expect((await c.store.referenceVersions()).map((v) => [v.version, v.smelters, v.fileName])).toEqual([
        ['6.5', 1, 'RMI_CMRT_6.5b.xlsx'],
        ['6.4', 1, 'RMI_CMRT_6.4.xlsx'],
      ]);
      const ref = await c.store.reference();
      expect(ref?.smelters.map((s) => [s.smelterId, s.standardName, s.country])).toEqual([['CID000003', 'B Refinery', 'SWITZERLAND']]);
    });

    it('writes nothing when the workbook is malformed', async () => {
      const c = cmrt(w.orp);
      const bad = await syntheticReference(V65, [['Gold', 'A Refinery', 'ITALY', 'CID000001'], ['Gold', 'B Refinery', 'ITALY', '12345']]);
      await expect(c.importSmelters(bad, 'bad.xlsx')).rejects.toMatchObject({ code: 'ORP_IMPORT_INVALID' });
      expect(await c.store.referenceVersions()).toEqual([]);
    });

    it('records the company answers, and refuses an answer the template does not allow without changing them', async () => {
      const c = cmrt(w.orp);
      await c.setProfile('refiner', { company: { contactName: 'A. Keller' }, policy: { A: 'Yes', E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' } }, questions: { '1': { tin: 'No' } }, smelterId: 'CID000001' });
      await expect(c.setProfile('refiner', { policy: { H: 'Maybe' } })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT', details: { field: 'policy.H' } });
      await expect(c.setProfile('refiner', { questions: { '3': { silver: 'No' } } })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
      expect(await c.profile(w.refiner.uri)).toEqual({ company: { contactName: 'A. Keller' }, policy: { A: { answer: 'Yes' }, E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' } }, questions: { '1': { tin: { answer: 'No' } } }, smelterId: 'CID000001' });
    });
  });
}
