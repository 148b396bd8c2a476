import { describe, expect, it } from 'vitest';
import type { GoldEvent } from '../../src/custody/index.js';
import { icglr } from '../../src/reporting/icglr.js';
import { useHttpWorld } from '../support/http-world.js';
import { pdfText } from '../support/pdf-text.js';
import { testStores } from '../support/stores.js';
import { ICGLR_CERT, ICGLR_DETAILS, icglrExport, inspectSite } from '../support/icglr.js';
import { appendOk } from '../support/world.js';

const CERT = ICGLR_CERT;
const DETAILS = { ...ICGLR_DETAILS, issuedOn: '2026-04-01' };

/*
 * Besides the access world's lots A and B: the house exports lot 1 (site 1) to the refiner under CERT. It ships
 * lot 2 (site 1) to the exporter, who receives and holds it (the house still owns it). Lot 3 comes from site 2,
 * inspected red.
 */
describe.each(testStores)('POST /reports/icglr on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { house: ['house', 'operator'], houseViewer: ['house', 'viewer'], exporter: ['exporter', 'operator'], refiner: ['refiner', 'admin'] },
    setup: async (w) => {
      const two = w.lot(w.house, 'dore', '2');
      await appendOk(w, [
        ...w.buy('1', { grams: 1250, fineness: 912.5 }),
        ...w.buy('2'),
        ...w.buy('3', { site: 1 }),
        icglrExport(w),
        { type: 'ship', eventTime: w.at(21), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [two], from: w.house.uri, to: w.exporter.uri },
        { type: 'receive', eventTime: w.at(22), eventTimeZoneOffset: '+02:00', recorder: w.exporter.uri, lots: [two], from: w.house.uri, to: w.exporter.uri },
      ] as GoldEvent[]);
      await inspectSite(w, 1, { id: 'green' });
      await inspectSite(w, 3, { id: 'red', site: 1 });
    },
  });
  const issue = (who: string, body: object) => t.req(who, 'POST', '/reports/icglr', body);
  const issued = async () => (await Promise.all(['1', '2', '3'].map((n) => icglr(t.w.orp).store.forLot(t.w.lot(t.w.house, 'dore', n))))).flat().length;

  it('refuses missing fields with the CLI’s code, naming each, and consumes no certificate number', async () => {
    const before = await issued();
    const r = await issue('house', { lot: '1', lang: 'en' });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'ORP_CERTIFICATE_INCOMPLETE' });
    expect(r.json().details.missing).toEqual(expect.arrayContaining(['customsValueUsd', 'route', 'transportCompany', 'issuingAuthority', 'verifier.name', 'verifier.position', 'verifier.id', 'verificationDate', 'validator']));
    expect(await issued()).toBe(before);
  });

  it('refuses a lot from a red site with ORP_EXPORT_NOT_ALLOWED naming the site, and records nothing', async () => {
    const r = await issue('house', { lot: '3', ...DETAILS, number: 'CD-2026-00043', importer: 'Refiner', destinationCountry: 'CH', shipmentDate: '2026-03-25' });
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json()).toMatchObject({ code: 'ORP_EXPORT_NOT_ALLOWED', details: { sites: [expect.objectContaining({ status: 'red' })] } });
    expect(await icglr(t.w.orp).store.get('CD-2026-00043')).toBeUndefined();
  });

  it('issues the certificate to the exporter of the lot as a PDF download with the ledger head, and records its number', async () => {
    const r = await issue('house', { lot: '1', lang: 'fr', ...DETAILS });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${CERT}.pdf"`);
    const head = await t.w.orp.db.kysely.selectFrom('ledger_head').select(['seq', 'record_hash']).executeTakeFirstOrThrow();
    expect([r.headers['x-ledger-seq'], r.headers['x-ledger-head']]).toEqual([String(head.seq), head.record_hash]);
    const text = await pdfText(r.rawPayload);
    for (const s of ['Certificat régional de la CIRGL', CERT, t.w.house.name, t.w.refiner.name, DETAILS.route, '1.250 kg']) expect(text).toContain(s);
    expect(text).not.toContain('ICGLR Regional Certificate');
    expect(await icglr(t.w.orp).store.get(CERT)).toMatchObject({ lot: t.w.lot(t.w.house, 'dore', '1'), certificate: { issuedOn: DETAILS.issuedOn } });
    // The same number, lot and date: printed again, nothing new recorded.
    const again = await issue('house', { lot: '1', ...DETAILS });
    expect(again.statusCode, again.body).toBe(200);
    expect(await issued()).toBe(1);
  });

  it('lets the exporter holding a lot issue it, not the owner that shipped it away', async () => {
    const body = { lot: t.w.lot(t.w.house, 'dore', '2'), ...DETAILS, number: 'CD-2026-00044', importer: 'Refiner', destinationCountry: 'CH', shipmentDate: '2026-03-25' };
    const owner = await issue('house', body);
    expect(owner.statusCode, owner.body).toBe(403);
    expect(owner.json().code).toBe('ORP_FORBIDDEN');
    expect(await icglr(t.w.orp).store.get('CD-2026-00044')).toBeUndefined();
    const holder = await issue('exporter', body);
    expect(holder.statusCode, holder.body).toBe(201);
    expect(await pdfText(holder.rawPayload)).toContain(t.w.exporter.name);
  });

  it('answers 403 to the importer that sees the lot, 404 to an organisation that does not, 403 to a viewer', async () => {
    const before = await issued();
    const importer = await issue('refiner', { lot: t.w.lot(t.w.house, 'dore', '1'), ...DETAILS, issuedOn: '2026-04-02' });
    expect([importer.statusCode, importer.json().code]).toEqual([403, 'ORP_FORBIDDEN']);
    const stranger = await issue('exporter', { lot: t.w.lot(t.w.house, 'dore', '3'), ...DETAILS });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'ORP_NOT_FOUND']);
    expect((await issue('houseViewer', { lot: '1', ...DETAILS })).statusCode).toBe(403);
    expect(await issued()).toBe(before);
  });
});
