/**
 * The certificates page's model, free of React and the DOM (unit-tested in model.test.ts): the API's shapes of
 * certificates, site inspections, claim verdicts and credential verdicts (src/certification/shapes.ts), and the
 * pure choices the page makes
 * (how a validity is flagged, which certificates a filter keeps, which dated rules a claim reads).
 */

import { AUTHORISATION_STATUSES, type AuthorisationView, type ClaimName, type IcglrSiteStatus, type SiteInspection } from '../../../src/certification/shapes';

// The shapes and name lists of the API come from the server's import-free module, so the two cannot drift.
export { AUTHORISATION_STATUSES, CLAIMS as CLAIM_NAMES, ICGLR_STATUSES, SCHEMES } from '../../../src/certification/shapes';
export type { ClaimName, ClaimReason, ClaimVerdict, CredentialVerdict, IcglrSiteStatus, RuleVersion, SiteInspection } from '../../../src/certification/shapes';

/** Standings of a certificate on a day: its status, or expired / not yet valid. */
export const STANDINGS = [...AUTHORISATION_STATUSES, 'expired', 'not_yet_valid'] as const;
export type Standing = (typeof STANDINGS)[number];

/** GET /certificates, GET /certificates/{id}: a certificate, permit, licence or listing with its standing today. */
export type Certificate = AuthorisationView;

/** GET /sites/{id}/inspections: the site's ICGLR status today and its inspections. */
export interface SiteStatus {
  status: IcglrSiteStatus;
  inspections: SiteInspection[];
}

/**
 * The dated rule tables a claim is judged by (docs/certification.md, "Claims"): ICGLR status periods for
 * `icglr-certified`, credit expiry for the mass-balance claims. The other claims read only the registry and the
 * chain's events.
 */
export function claimRules(claim: ClaimName): string[] {
  if (claim === 'icglr-certified') return ['icglr.status_period'];
  if (claim === 'fairmined-incorporated' || claim === 'fairtrade-gold-sourcing-programme') return ['massbalance.credit_expiry'];
  return [];
}

/**
 * The claim a lot most likely makes, to preselect in the claim check: its scheme's segregated claim when its gold is
 * kept apart (identity preserved, segregated), its mass-balance claim otherwise; none for a lot without a scheme.
 */
export function likelyClaim(lot: { scheme?: string; cocModel: string }): ClaimName | undefined {
  const apart = lot.cocModel === 'identity_preserved' || lot.cocModel === 'segregated';
  if (lot.scheme === 'fairmined') return apart ? 'fairmined-labelled' : 'fairmined-incorporated';
  if (lot.scheme === 'fairtrade') return apart ? 'fairtrade-fully-traceable' : 'fairtrade-gold-sourcing-programme';
  return undefined;
}

/** A certificate valid today that ends within this many days is flagged "expiring soon". */
export const EXPIRING_SOON_DAYS = 60;

const DAY_MS = 86_400_000;

/** Whole days from one calendar day (`YYYY-MM-DD`) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
}

/**
 * How the page flags a certificate's validity, in words (never colour alone): `expiring` when valid and its last
 * day is at most EXPIRING_SOON_DAYS away (`days` left, counting the last day), else its standing.
 */
export type ValidityFlag = { kind: 'expiring'; days: number } | { kind: Standing; since: string };

/** The validity flag of a certificate on the day of its standing. */
export function validityFlag(c: Pick<Certificate, 'validUntil' | 'standing'>): ValidityFlag {
  if (c.standing.valid) {
    const days = daysBetween(c.standing.on, c.validUntil) + 1;
    if (days <= EXPIRING_SOON_DAYS) return { kind: 'expiring', days };
  }
  return { kind: c.standing.status, since: c.standing.since };
}

/** What the registry browser filters on: scheme, standing (or `expiring`), and free text. */
export interface CertificateFilter {
  scheme?: string;
  status?: Standing | 'expiring';
  /** Matched, ignoring case, against the certificate number, its holder and its issuer (URIs and their keys). */
  text?: string;
}

/** The certificates a filter keeps, in the order given. */
export function filterCertificates<C extends Certificate>(list: readonly C[], f: CertificateFilter): C[] {
  const text = f.text?.trim().toLowerCase();
  return list.filter((c) => {
    if (f.scheme && c.scheme !== f.scheme) return false;
    if (f.status) {
      const flag = validityFlag(c);
      if (f.status === 'expiring' ? flag.kind !== 'expiring' : c.standing.status !== f.status) return false;
    }
    return !text || [c.id, c.holder, c.issuer].some((s) => s.toLowerCase().includes(text));
  });
}
