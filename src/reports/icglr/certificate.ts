import type { IcglrSiteStatus } from '../../certification/index.js';
import { addDays, OrpailleError } from '../../kernel/index.js';
import type { Block, ReportDocument, ReportStamp } from '../document.js';
import { ICGLR_LABELS, type IcglrLang } from './labels.js';

/** HS code of gold (including gold plated with platinum), unwrought, in other semi-manufactured forms. */
export const GOLD_HS_CODE = '7108.12';

/** A mine site the lot's fine gold came from, with its ICGLR status on the date of issuance. */
export interface IcglrOrigin {
  /** ICGLR mine-site id (`CC-lat-long-NNNNN`). */
  siteId: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** Fraction of the lot's fine gold from the site (0..1). */
  share: number;
  status: IcglrSiteStatus;
}

/** Every field of an ICGLR export certificate (GOLD-RULES s.4), as printed. */
export interface IcglrCertificate {
  number: string;
  issuingCountry: string;
  exporter: string;
  importer: string;
  /** ISO country of the importer (the export destination). */
  destinationCountry: string;
  lotNumber: string;
  grossMg: number;
  /** Parts per ten thousand, as the ledger keeps it. */
  fineness: number;
  origins: IcglrOrigin[];
  /** Fraction of the fine gold whose site is unknown (printed as the component "0"). */
  unknownShare: number;
  customsValueUsd: string;
  shipmentDate: string;
  route: string;
  transportCompany: string;
  issuingAuthority: string;
  verifier: { name: string; position: string; id: string };
  verificationDate: string;
  validator: string;
  issuedOn: string;
  expiresOn: string;
  file: string;
  /** The ledger's export event of the lot, when recorded. */
  exportEvent?: string;
}

/** What the wiring could gather: any field may be missing, and is then named in the refusal. */
export type IcglrDraft = { [K in keyof IcglrCertificate]?: IcglrCertificate[K] extends object ? Partial<IcglrCertificate[K]> : IcglrCertificate[K] };

const REQUIRED_TEXT = ['number', 'issuingCountry', 'exporter', 'importer', 'destinationCountry', 'lotNumber', 'customsValueUsd', 'shipmentDate', 'route', 'transportCompany', 'issuingAuthority', 'verificationDate', 'validator', 'issuedOn', 'file'] as const;

/**
 * Checks a draft into a certificate. Refuses, naming every missing field at once (ORP_CERTIFICATE_INCOMPLETE),
 * an expiry later than the validity period in force allows (ORP_BAD_INPUT), and any origin site whose status on
 * the date of issuance does not allow production for export (ORP_EXPORT_NOT_ALLOWED).
 * `maxDays` is the ICGLR certificate validity in force on the issue date (rule icglr.export_certificate).
 */
export function checkCertificate(d: IcglrDraft, maxDays: number): IcglrCertificate {
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  const missing: string[] = REQUIRED_TEXT.filter((k) => blank(d[k]));
  if (d.grossMg === undefined || !(d.grossMg > 0)) missing.push('grossMg');
  if (d.fineness === undefined || !(d.fineness > 0)) missing.push('fineness');
  for (const k of ['name', 'position', 'id'] as const) if (blank(d.verifier?.[k])) missing.push(`verifier.${k}`);
  if (!d.origins || d.origins.length === 0) missing.push('origins');
  if (d.customsValueUsd && !/^\d+(\.\d{1,2})?$/.test(d.customsValueUsd)) missing.push('customsValueUsd (a USD amount such as 125000.00)');
  if (missing.length > 0) {
    throw new OrpailleError('ORP_CERTIFICATE_INCOMPLETE', `the ICGLR certificate cannot be issued: missing ${missing.join(', ')}`, { missing });
  }
  const c = { ...d, expiresOn: d.expiresOn ?? addDays(d.issuedOn!, maxDays) } as IcglrCertificate;
  const latest = addDays(c.issuedOn, maxDays);
  if (c.expiresOn > latest || c.expiresOn < c.issuedOn) {
    throw new OrpailleError('ORP_BAD_INPUT', `expiry ${c.expiresOn} must be between the issuance ${c.issuedOn} and ${latest} (issuance + ${maxDays} days)`, { expiresOn: c.expiresOn, latest, maxDays });
  }
  const refused = c.origins.filter((o) => !o.status.exportAllowed);
  if (refused.length > 0) {
    const sites = refused.map((o) => ({ site: o.siteId, status: o.status.status, reason: o.status.reason }));
    throw new OrpailleError('ORP_EXPORT_NOT_ALLOWED', `origin site${refused.length > 1 ? 's' : ''} may not produce for export on ${c.issuedOn}: ${sites.map((s) => `${s.site} ${s.status} (${s.reason})`).join('; ')}`, { issuedOn: c.issuedOn, sites });
  }
  return c;
}

/** Mineral origin as the ICGLR standard writes it: the ISO country codes joined by ';', '0' for an unknown component. */
export function originCountries(c: Pick<IcglrCertificate, 'origins' | 'unknownShare'>): string {
  const codes = [...new Set(c.origins.map((o) => o.country))].sort();
  if (c.unknownShare > 0) codes.push('0');
  return codes.join(';');
}

const kg = (mg: number) => (mg / 1_000_000).toFixed(3);
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function blocksIn(c: IcglrCertificate, lang: IcglrLang): Block[] {
  const l = ICGLR_LABELS[lang];
  const fineMg = Math.round((c.grossMg * c.fineness) / 10_000);
  const rows: [string, string][] = [
    [l.issuingCountry, c.issuingCountry],
    [l.number, c.number],
    [l.exporter, c.exporter],
    [l.importer, c.importer],
    [l.destination, c.destinationCountry],
    [l.lot, c.lotNumber],
    [l.mineral, `gold / or, HS ${GOLD_HS_CODE}`],
    [l.weight, `${kg(c.grossMg)} kg`],
    [l.grade, `${(c.fineness / 10).toFixed(1)} ‰`],
    [l.fineGold, `${kg(fineMg)} kg`],
    [l.origin, originCountries(c)],
    [l.customsValue, c.customsValueUsd],
    [l.shipmentDate, c.shipmentDate],
    [l.route, c.route],
    [l.transportCompany, c.transportCompany],
    [l.authority, c.issuingAuthority],
    [l.verifier, `${c.verifier.name}, ${c.verifier.position}, ${c.verifier.id}`],
    [l.verificationDate, c.verificationDate],
    [l.validator, c.validator],
    [l.issuedOn, c.issuedOn],
    [l.expiresOn, c.expiresOn],
    [l.file, c.file],
  ];
  if (c.exportEvent) rows.push([l.exportEvent, c.exportEvent]);
  const sites = c.origins.map((o) => [o.siteId, o.name, o.country, pct(o.share), l.statuses[o.status.status]]);
  if (c.unknownShare > 0) sites.push(['0', l.unknown, '0', pct(c.unknownShare), '-']);
  return [
    { kind: 'heading', text: `${l.title} - ${l.certificate} ${c.number}`, level: 1 },
    { kind: 'paragraph', text: l.subtitle },
    { kind: 'fields', rows },
    { kind: 'heading', text: l.sites, level: 2 },
    { kind: 'table', columns: l.siteColumns, rows: sites, align: ['left', 'left', 'left', 'right', 'left'] },
  ];
}

/** The certificate as a document: English, French, or both one after the other in one file. */
export function certificateDocument(c: IcglrCertificate, stamp: ReportStamp, lang: IcglrLang | 'both'): ReportDocument {
  const langs: IcglrLang[] = lang === 'both' ? ['en', 'fr'] : [lang];
  return {
    title: langs.map((x) => ICGLR_LABELS[x].title).join(' / '),
    subtitle: `${c.number} · ${c.lotNumber}`,
    lang: langs[0]!,
    stamp,
    blocks: langs.flatMap((x) => blocksIn(c, x)),
  };
}
