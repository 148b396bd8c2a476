import type { GoldEvent } from '../../src/custody/index.js';
import type { IcglrStatusCode } from '../../src/certification/index.js';
import type { IcglrDetails } from '../../src/reporting/icglr.js';
import type { World } from './world.js';

/*
 * The ICGLR regional certificate's test fixture, shared by the report's contract test
 * (test/reports/icglr-certificate.contract.test.ts) and its HTTP route's test (test/http/report-icglr.test.ts):
 * the certificate number an export names, what the exporter supplies that the ledger does not hold, the export
 * of the house's lot 1 to the refiner, and site inspections.
 */

/** The certificate number the house's export of lot 1 names. */
export const ICGLR_CERT = 'CD-2026-00042';

/** What the exporter supplies that the ledger does not hold (every field the certificate needs). */
export const ICGLR_DETAILS = {
  customsValueUsd: '118250.00',
  route: 'Bunia - Entebbe - Dubai',
  transportCompany: 'Great Lakes Air Cargo',
  issuingAuthority: 'CEEC Bunia',
  verifier: { name: 'A. Mbala', position: 'Inspecteur des mines', id: 'CEEC-117' },
  verificationDate: '2026-03-30',
  validator: 'Division des mines de l’Ituri',
} as const satisfies IcglrDetails;

/** The house exports its doré lot `n` to the refiner (Switzerland), naming `certificate` unless it is null. */
export function icglrExport(w: World, certificate: string | null = ICGLR_CERT, n = '1'): GoldEvent {
  return {
    type: 'export',
    eventTime: w.at(20),
    eventTimeZoneOffset: '+02:00',
    recorder: w.house.uri,
    lots: [w.lot(w.house, 'dore', n)],
    exporter: w.house.uri,
    destination: w.refiner.uri,
    destinationCountry: 'CH',
    ...(certificate ? { exportCertificate: certificate } : {}),
  } as GoldEvent;
}

/** The house buys lot 1 (1,250 g of doré at 912.5 ‰, site 1) and exports it under `certificate`. */
export function icglrExported(w: World, certificate: string | null = ICGLR_CERT): GoldEvent[] {
  return [...w.buy('1', { grams: 1250, fineness: 912.5, site: 0 }), icglrExport(w, certificate)];
}

/** Records an ICGLR inspection of the world's site `site` (index) on `date` with a status code. */
export async function inspectSite(w: World, status: IcglrStatusCode, opts: { date?: string; site?: number; id?: string } = {}): Promise<void> {
  const { date = '2026-01-15', site = 0 } = opts;
  await w.orp.certification.addInspection({ id: opts.id ?? `insp-${site}-${date}-${status}`, site: w.sites[site]!.uri, date, status, inspector: 'B. Lokwa', agency: 'CEEC' });
}
