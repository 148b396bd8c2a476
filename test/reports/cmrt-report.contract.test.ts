import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import { areasContainingPoint } from '../../src/diligence/index.js';
import { lotNumberOf } from '../../src/kernel/index.js';
import { cellText } from '../../src/reports/cmrt/index.js';
import { cmrt, countryName } from '../../src/reporting/cmrt.js';
import { syntheticReference, withCells } from '../support/cmrt.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const GENERATED = '2026-12-01T09:00:00.000Z';

/** Two doré lots bought by the house at two sites, sold to the refiner, refined into one bar, cast into a product. */
function supplyChain(w: World): GoldEvent[] {
  const base = (day: number, recorder = w.refiner.uri) => ({ eventTime: w.at(day), eventTimeZoneOffset: '+01:00', recorder });
  const dore = ['1', '2'].map((n) => w.lot(w.house, 'dore', n));
  const bar = w.lot(w.refiner, 'bar', '1');
  return [
    ...w.buy('1', { site: 0 }),
    ...w.buy('2', { site: 1 }),
    { ...base(8), type: 'purchase', lots: dore, seller: w.house.uri, buyer: w.refiner.uri, purchaseNumber: 'R-1', price: '3000.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true },
    { ...base(9), type: 'transform', operation: 'refine', inputs: dore.map((lot) => ({ lot, massMg: 10_000 })), outputs: [{ lot: bar, form: 'bar', grossMg: 16_990, fineness: 9999, cocModel: 'segregated' }] },
    { ...base(10), type: 'transform', operation: 'melt', inputs: [{ lot: bar, massMg: 16_990 }], outputs: [{ lot: w.lot(w.refiner, 'product', '1'), form: 'product', grossMg: 16_990, fineness: 9999, cocModel: 'segregated' }] },
  ] as GoldEvent[];
}

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

for (const store of testStores) {
  describe(`the CMRT report computed from the ledger (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
      await appendOk(w, supplyChain(w));
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('answers the gold questions from the traced supply, the rest from the recorded answers, and lists the refiner with its RMI id and mines', async () => {
      const c = cmrt(w.orp);
      await c.importSmelters(await syntheticReference('Revision 6.5\nApril 25, 2025', [['Gold', 'Affinerie du Jura', 'SWITZERLAND', 'CID000777'], ['Tin', 'Affinerie du Jura', 'SWITZERLAND', 'CID000778']]), 'RMI_CMRT_6.5.xlsx');
      await c.setProfile('refiner', { company: { contactName: 'A. Keller', contactEmail: 'cmrt@jura.example' }, policy: { A: 'Yes', H: 'No' }, questions: { '1': { tin: 'No', gold: 'No' } } });
      const { bytes, report } = await c.report('refiner', { year: 2026, generatedAt: GENERATED });
      const wb = await read(bytes);
      const d = wb.getWorksheet('Declaration')!;
      const at = (a: string) => cellText(d.getCell(a));
      expect(at('D8')).toBe(w.refiner.name);
      expect(at('D9')).toBe('A. Company');
      expect(at('D12')).toBe(w.refiner.gln);
      expect(at('D15')).toBe('A. Keller');
      // Gold is row 3 of each question (tantalum, tin, gold, tungsten); the ledger overrides the recorded "No".
      expect([at('D27'), at('D28')]).toEqual(['No', 'Yes']);
      expect(at('D40')).toBe('Yes');
      expect(at('G40')).toContain('CD');
      const sites = await w.orp.registry.sites();
      const areas = (await w.orp.incidents.areas()).filter((a) => a.category === 'cahra');
      const inArea = sites.some((s) => areasContainingPoint(areas, w.at(2).slice(0, 10), s.longitude, s.latitude).length > 0);
      expect(at('D46')).toBe(inArea ? 'Yes' : 'No');
      expect(at('D52')).toBe('No');
      // One supplier organisation (the house) and no CMRT imported from it.
      expect(at('D58')).toBe('None');
      expect(at('D64')).toBe('Yes');
      expect([at('D75'), at('D89')]).toEqual(['Yes', 'No']);
      const list = wb.getWorksheet('Smelter List')!;
      const row = (n: number) => Array.from({ length: 17 }, (_, i) => cellText(list.getRow(n).getCell(i + 1)));
      expect(row(5)).toEqual(['CID000777', 'Gold', 'Affinerie du Jura', 'Affinerie du Jura', 'SWITZERLAND', 'CID000777', 'RMI', '', 'City', 'State', '', '', '', 'Site 1; Site 2', countryName('CD'), 'No', '']);
      expect(row(6).every((x) => x === '')).toBe(true);
      expect(cellText(wb.getWorksheet('Revision')!.getCell('B5'))).toContain(report.stamp.ledgerHead);
      expect(report.stamp.ledgerSeq).toBe(7);
    });

    it('lists the product lots for scope B, and a refiner missing from the reference as "Smelter not listed"', async () => {
      const { bytes } = await cmrt(w.orp).report('refiner', { scope: 'B', year: 2026, generatedAt: GENERATED });
      const wb = await read(bytes);
      expect(cellText(wb.getWorksheet('Declaration')!.getCell('D9'))).toBe('B. Product (or List of Products)');
      const product = lotNumberOf(w.lot(w.refiner, 'product', '1'));
      const p = wb.getWorksheet('Product List')!;
      expect([cellText(p.getCell('B6')), cellText(p.getCell('B7'))]).toEqual([product, '']);
      const list = wb.getWorksheet('Smelter List')!;
      expect([2, 3, 4, 5, 17].map((c) => cellText(list.getRow(5).getCell(c)))).toEqual(['Gold', 'Smelter not listed', 'Affinerie du Jura', countryName('CH'), 'not found in the imported RMI reference']);
    });

    it('answers question 7 "Unknown" for a trading house whose gold is not refined yet, and lists no smelter', async () => {
      const { bytes, facts } = await cmrt(w.orp).report('house', { year: 2026, generatedAt: GENERATED });
      expect(facts).toMatchObject({ lots: 2, refined: 0, unidentifiedRefined: 0 });
      const wb = await read(bytes);
      expect(cellText(wb.getWorksheet('Declaration')!.getCell('D64'))).toBe('Unknown');
      expect(cellText(wb.getWorksheet('Smelter List')!.getCell('B5'))).toBe('');
    });

    it('gives the same bytes for the same ledger and time of generation, and reads nothing after the head', async () => {
      const c = cmrt(w.orp);
      const a = await c.report('refiner', { year: 2026, generatedAt: GENERATED });
      const b = await c.report('refiner', { year: 2026, generatedAt: GENERATED });
      expect(b.bytes.equals(a.bytes)).toBe(true);
      const other = await c.report('refiner', { year: 2025, generatedAt: GENERATED });
      expect(other.facts.lots).toBe(0);
      await expect(c.report('refiner', { scope: 'C', generatedAt: GENERATED })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT', details: { field: 'scopeDescription' } });
    });

    it("imports a supplier's CMRT with its smelters checked against the reference, and counts the supplier as responded (question 6)", async () => {
      const c = cmrt(w.orp);
      await c.importSmelters(await syntheticReference('Revision 6.5\nApril 25, 2025', [['Gold', 'Affinerie du Jura', 'SWITZERLAND', 'CID000777']]), 'RMI_CMRT_6.5.xlsx');
      // The house sends its CMRT to the refiner, one smelter row with an id the reference does not know.
      const house = (await c.report('house', { year: 2026, generatedAt: GENERATED })).bytes;
      const sent = await withCells(house, [['Smelter List', 'A5', 'CID999999'], ['Smelter List', 'B5', 'Gold'], ['Smelter List', 'C5', 'Smelter not listed'], ['Smelter List', 'D5', 'Unknown Refinery'], ['Smelter List', 'E5', 'UGANDA']]);
      const d = await c.importSupplier('refiner', sent, 'house-cmrt.xlsx');
      expect(d).toMatchObject({ supplier: w.house.uri, unknownSmelterIds: ['CID999999'], cmrt: { companyName: w.house.name, version: '6.5', effectiveDate: '2026-12-01' } });
      expect(d.cmrt.questions['3']?.gold?.answer).toBe('Yes');
      await expect(c.importSupplier('refiner', sent, 'again.xlsx')).rejects.toMatchObject({ code: 'ORP_RECORD_EXISTS' });
      const list = await c.declarations('refiner');
      expect(list.map((x) => [x.supplier, x.cmrt.smelters.length, x.unknownSmelterIds])).toEqual([[w.house.uri, 1, ['CID999999']]]);
      const { bytes } = await c.report('refiner', { year: 2026, generatedAt: GENERATED });
      const wb = await read(bytes);
      expect([cellText(wb.getWorksheet('Declaration')!.getCell('D58')), cellText(wb.getWorksheet('Declaration')!.getCell('G58'))]).toEqual(['100%', '1 of 1 supplier organisations sent a CMRT']);
    });

    it('writes nothing for a malformed supplier CMRT, or before a smelter reference is imported', async () => {
      const c = cmrt(w.orp);
      const house = (await c.report('house', { year: 2026, generatedAt: GENERATED })).bytes;
      await expect(c.importSupplier('refiner', house, 'house.xlsx')).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
      await c.importSmelters(await syntheticReference('Revision 6.5\nApril 25, 2025', [['Gold', 'Affinerie du Jura', 'SWITZERLAND', 'CID000777']]), 'RMI_CMRT_6.5.xlsx');
      const bad = await withCells(house, [['Smelter List', 'B5', 'Silver'], ['Smelter List', 'D5', 'X'], ['Smelter List', 'E5', 'PERU']]);
      await expect(c.importSupplier('refiner', bad, 'bad.xlsx')).rejects.toMatchObject({ code: 'ORP_IMPORT_INVALID', details: { sheet: 'Smelter List', cell: 'B5' } });
      expect(await c.declarations('refiner')).toEqual([]);
    });
  });
}
