import { requireRule, siteStatusOn } from '../certification/index.js';
import { fromEpcis, type ExportEvent } from '../custody/index.js';
import { lotNumberOf, OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { renderPdf, type ReportStamp } from '../reports/index.js';
import { certificateDocument, checkCertificate, type IcglrCertificate, type IcglrDraft, type IcglrLang, type IcglrOrigin } from '../reports/icglr/index.js';
import { icglrCertificateStore, ledgerHeadNow } from '../store/index.js';

/** What the issuer supplies that the ledger does not hold (customs value, route, verification...). */
export interface IcglrDetails {
  number?: string;
  issuingCountry?: string;
  importer?: string;
  destinationCountry?: string;
  customsValueUsd?: string;
  shipmentDate?: string;
  route?: string;
  transportCompany?: string;
  issuingAuthority?: string;
  verifier?: { name?: string; position?: string; id?: string };
  verificationDate?: string;
  validator?: string;
  issuedOn?: string;
  expiresOn?: string;
  file?: string;
}

/**
 * ICGLR regional certificate wiring (docs/reports.md, "ICGLR regional certificate"): the lot, its export
 * event and its genealogy back to the mine sites from the ledger as it stood at the head read first; the
 * sites' ICGLR status on the issue date from their inspections; the validity period from the dated rules.
 */
export function icglr(orp: Orpaille) {
  const store = icglrCertificateStore(orp.db);
  return {
    store,
    /**
     * Issues (records and prints) the certificate of a lot, or prints again one already issued with the same
     * number for the same lot and issue date. Refuses with nothing recorded when a field is missing, an origin
     * site may not export on the issue date, or the number was issued before. With `issuer` (an organisation
     * asking over HTTP), refuses with ORP_FORBIDDEN unless it is the lot's exporter: the one that recorded its
     * export, else the one holding it.
     */
    async issue(lotIdOrNumber: string, details: IcglrDetails, opts: { lang: IcglrLang | 'both'; generatedAt?: string; issuer?: string }): Promise<{ bytes: Buffer; certificate: IcglrCertificate; stamp: ReportStamp; reprint: boolean }> {
      const head = await ledgerHeadNow(orp.db);
      const generatedAt = opts.generatedAt ?? orp.clock.now().toISOString();
      const stamp: ReportStamp = { ledgerSeq: head.seq, ledgerHead: head.hash, generatedAt };
      const lot = await orp.queries.lot(lotIdOrNumber);
      if (!lot) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${lotIdOrNumber} does not exist`, { lot: lotIdOrNumber });
      const exportRecord = (await orp.queries.lotEvents(lot.lot))
        .filter((r) => r.seq <= head.seq)
        .map((r) => ({ id: r.eventId, event: fromEpcis(JSON.parse(r.body)) }))
        .filter((r): r is { id: string; event: ExportEvent } => r.event.type === 'export')
        .pop();
      const ex = exportRecord?.event;
      const lotNumber = lotNumberOf(lot.lot) ?? lot.lot;
      // Only the custodian may record an export (invariant 2), so before the export the exporter is the custodian.
      const exporterUri = ex?.exporter ?? lot.custodian;
      if (opts.issuer !== undefined && opts.issuer !== exporterUri) {
        throw new OrpailleError('ORP_FORBIDDEN', `only the exporter holding lot ${lotNumber} may issue its ICGLR certificate`, { lot: lotNumber });
      }
      if (details.number && ex?.exportCertificate && details.number !== ex.exportCertificate) {
        throw new OrpailleError('ORP_BAD_INPUT', `the export event of lot ${lotNumber} names certificate ${ex.exportCertificate}, not ${details.number}`, { lot: lotNumber, exportCertificate: ex.exportCertificate });
      }
      const issuedOn = details.issuedOn ?? generatedAt.slice(0, 10);
      const number = details.number ?? ex?.exportCertificate;
      const prior = number ? await store.get(number) : undefined;
      if (prior && prior.lot === lot.lot && prior.certificate.issuedOn === issuedOn) {
        return { bytes: await renderPdf(certificateDocument(prior.certificate, stamp, opts.lang)), certificate: prior.certificate, stamp, reprint: true };
      }
      const exporter = await orp.registry.organisation(exporterUri);
      const destination = ex ? await orp.registry.organisation(ex.destination) : undefined;
      const validity = requireRule((await orp.rules.certificationRules()).exportCertificateValidity(issuedOn), 'icglr.export_certificate', 'validity', issuedOn);
      const draft: IcglrDraft = {
        number,
        issuingCountry: details.issuingCountry ?? exporter?.country,
        exporter: exporter?.name,
        importer: details.importer ?? destination?.name,
        destinationCountry: details.destinationCountry ?? ex?.destinationCountry,
        lotNumber,
        grossMg: lot.heldMg,
        fineness: lot.fineness,
        ...(await origins(orp, lot.lot, issuedOn)),
        customsValueUsd: details.customsValueUsd,
        shipmentDate: details.shipmentDate ?? ex?.eventTime.slice(0, 10),
        route: details.route,
        transportCompany: details.transportCompany,
        issuingAuthority: details.issuingAuthority,
        verifier: details.verifier ?? {},
        verificationDate: details.verificationDate,
        validator: details.validator,
        issuedOn,
        expiresOn: details.expiresOn,
        file: details.file ?? (number ? `${number}.pdf` : undefined),
        ...(exportRecord ? { exportEvent: exportRecord.id } : {}),
      };
      const certificate = checkCertificate(draft, validity.value.maxDays);
      const bytes = await renderPdf(certificateDocument(certificate, stamp, opts.lang));
      await store.record(lot.lot, certificate, head.seq, orp.clock.now().getTime());
      return { bytes, certificate, stamp, reprint: false };
    },
  };
}

/** The sites the lot's fine gold came from (backward genealogy), each with its ICGLR status on the issue date. */
async function origins(orp: Orpaille, lot: string, on: string): Promise<{ origins: IcglrOrigin[]; unknownShare: number }> {
  const trace = await orp.traceBackward(lot);
  const sites = new Map((await orp.registry.sites()).map((s) => [s.uri, s]));
  const inspections = await orp.certification.siteInspections(trace.origins.map((o) => o.site));
  const rules = await orp.rules.certificationRules();
  const list = trace.origins.map((o): IcglrOrigin => {
    const s = sites.get(o.site);
    return {
      siteId: s?.icglrId ?? o.site,
      name: s?.name ?? o.site,
      country: s?.country ?? '0',
      share: o.share,
      status: siteStatusOn(o.site, inspections, on, rules, s?.licensedOn),
    };
  });
  return { origins: list.sort((a, b) => b.share - a.share || a.siteId.localeCompare(b.siteId)), unknownShare: trace.unknownShare };
}

export type Icglr = ReturnType<typeof icglr>;
