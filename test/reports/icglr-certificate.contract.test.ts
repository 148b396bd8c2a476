import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, lotNumberOf } from '../../src/kernel/index.js';
import { icglr, type IcglrDetails } from '../../src/reporting/icglr.js';
import { pdfText } from '../support/pdf-text.js';
import { testStores } from '../support/stores.js';
import { ICGLR_CERT, ICGLR_DETAILS, icglrExported, inspectSite } from '../support/icglr.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const GENERATED = '2026-04-01T09:00:00.000Z';
const ISSUED = '2026-04-01';
const CERT = ICGLR_CERT;
const DETAILS: IcglrDetails = ICGLR_DETAILS;
const exported = icglrExported;

for (const store of testStores) {
  describe(`the ICGLR regional certificate (${store.name})`, () => {
    let w: World;
    let lot: string;
    beforeEach(async () => {
      w = await makeWorld(store);
      lot = w.lot(w.house, 'dore', '1');
    });
    afterEach(async () => {
      await w.cleanup();
    });

    it('prints every field in English and French, with the export event, the origin site and its status, and expiry at the end of the validity in force', async () => {
      await appendOk(w, exported(w));
      await inspectSite(w, 1);
      const { bytes, certificate, stamp } = await icglr(w.orp).issue(lot, DETAILS, { lang: 'both', generatedAt: GENERATED });
      const text = await pdfText(bytes);
      const maxDays = (await w.orp.rules.certificationRules()).exportCertificateValidity(ISSUED)!.value.maxDays;
      const site = (await w.orp.registry.sites()).find((s) => s.uri === w.sites[0]!.uri)!;
      const exportId = (await w.orp.queries.lotEvents(lot)).at(-1)!.eventId;
      const grossKg = (1_250_000 / 1e6).toFixed(3);
      const fineKg = ((1_250_000 * 0.9125) / 1e6).toFixed(3);
      for (const s of ['ICGLR Regional Certificate', 'Certificat régional de la CIRGL', CERT, w.house.country, w.house.name, w.refiner.name, 'CH', lotNumberOf(lot)!, 'HS 7108.12', `${grossKg} kg`, '912.5', `${fineKg} kg`, DETAILS.customsValueUsd!, w.at(20).slice(0, 10), DETAILS.route!, DETAILS.transportCompany!, DETAILS.issuingAuthority!, 'A. Mbala, Inspecteur des mines, CEEC-117', DETAILS.verificationDate!, DETAILS.validator!, ISSUED, addDays(ISSUED, maxDays), site.name, 'Green (1)', 'Vert (1)', '100.0 %', `${CERT}.pdf`]) {
        expect(text).toContain(s);
      }
      // Long identifiers wrap inside their table cell.
      for (const id of [site.icglrId, exportId, stamp.ledgerHead]) expect(text.replace(/\s/g, '')).toContain(id);
      expect(text).toMatch(/Mineral origin \(ISO country codes\) CD\b/);
      expect(certificate.expiresOn).toBe(addDays(ISSUED, maxDays));
      expect((await icglr(w.orp).store.get(CERT))).toMatchObject({ lot, ledgerSeq: stamp.ledgerSeq, certificate: { issuedOn: ISSUED, exportEvent: exportId } });
    });

    it('prints only the language asked for', async () => {
      await appendOk(w, exported(w));
      await inspectSite(w, 1);
      const text = await pdfText((await icglr(w.orp).issue(lot, DETAILS, { lang: 'fr', generatedAt: GENERATED })).bytes);
      expect(text).toContain('Certificat régional de la CIRGL');
      expect(text).not.toContain('ICGLR Regional Certificate');
    });

    it('refuses, naming every missing field, and records nothing', async () => {
      await appendOk(w, exported(w, null));
      await inspectSite(w, 1);
      const { route: _r, verifier: _v, ...partial } = DETAILS;
      const err = await icglr(w.orp).issue(lot, partial, { lang: 'both', generatedAt: GENERATED }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ORP_CERTIFICATE_INCOMPLETE', details: { missing: expect.arrayContaining(['number', 'route', 'verifier.name', 'verifier.position', 'verifier.id', 'file']) } });
      expect(await icglr(w.orp).store.forLot(lot)).toEqual([]);
    });

    it('refuses when an origin site may not produce for export on the issue date (red, or blue never inspected)', async () => {
      await appendOk(w, exported(w));
      const blue = await icglr(w.orp).issue(lot, DETAILS, { lang: 'en', generatedAt: GENERATED }).catch((e: unknown) => e);
      expect(blue).toMatchObject({ code: 'ORP_EXPORT_NOT_ALLOWED', details: { sites: [expect.objectContaining({ status: 'blue' })] } });
      await inspectSite(w, 3);
      const red = await icglr(w.orp).issue(lot, DETAILS, { lang: 'en', generatedAt: GENERATED }).catch((e: unknown) => e);
      expect(red).toMatchObject({ code: 'ORP_EXPORT_NOT_ALLOWED', details: { sites: [expect.objectContaining({ status: 'red' })] } });
      expect(await icglr(w.orp).store.get(CERT)).toBeUndefined();
    });

    it('issues for a yellow site, which may still produce for export', async () => {
      await appendOk(w, exported(w));
      await inspectSite(w, 2, { date: '2026-03-01' });
      const { bytes } = await icglr(w.orp).issue(lot, DETAILS, { lang: 'en', generatedAt: GENERATED });
      expect(await pdfText(bytes)).toContain('Yellow (2)');
    });

    it('refuses an expiry later than the validity period in force allows', async () => {
      await appendOk(w, exported(w));
      await inspectSite(w, 1);
      const maxDays = (await w.orp.rules.certificationRules()).exportCertificateValidity(ISSUED)!.value.maxDays;
      const err = await icglr(w.orp).issue(lot, { ...DETAILS, expiresOn: addDays(ISSUED, maxDays + 1) }, { lang: 'en', generatedAt: GENERATED }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ORP_BAD_INPUT', details: { maxDays } });
    });

    it('issues a number once: the same lot and date print the same bytes again, another lot is refused', async () => {
      await appendOk(w, [...exported(w), ...w.buy('2', { site: 0 })]);
      await inspectSite(w, 1);
      const first = await icglr(w.orp).issue(lot, DETAILS, { lang: 'both', generatedAt: GENERATED });
      const again = await icglr(w.orp).issue(lot, DETAILS, { lang: 'both', generatedAt: GENERATED });
      expect(again.reprint).toBe(true);
      expect(again.bytes.equals(first.bytes)).toBe(true);
      const other = await icglr(w.orp).issue(w.lot(w.house, 'dore', '2'), { ...DETAILS, number: CERT, importer: 'Refiner', destinationCountry: 'CH', shipmentDate: '2026-03-25' }, { lang: 'en', generatedAt: GENERATED }).catch((e: unknown) => e);
      expect(other).toMatchObject({ code: 'ORP_CERTIFICATE_EXISTS', details: { lot } });
    });

    it('refuses a number other than the one the export event names', async () => {
      await appendOk(w, exported(w));
      await inspectSite(w, 1);
      const err = await icglr(w.orp).issue(lot, { ...DETAILS, number: 'CD-2026-99999' }, { lang: 'en', generatedAt: GENERATED }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ORP_BAD_INPUT', details: { exportCertificate: CERT } });
    });
  });
}
