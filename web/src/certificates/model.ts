/**
 * The certificates page's model, free of React and the DOM (unit-tested in model.test.ts): the API's shapes of
 * certificates, site inspections, claim verdicts and credential verdicts, and the pure choices the page makes
 * (how a validity is flagged, which certificates a filter keeps, which dated rules a claim reads).
 */

/** Standings of a certificate on a day (src/http/certification-schemas.ts `authorisationSchema`). */
export const STANDINGS = ['active', 'suspended', 'withdrawn', 'expired', 'not_yet_valid'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Schemes and programmes of the registry (src/certification/authorisations.ts `SCHEMES`). */
export const SCHEMES = ['fairmined', 'fairtrade', 'rmap', 'lbma', 'craft', 'icglr'] as const;

/** GET /certificates, GET /certificates/{id}: a certificate, permit, licence or listing with its standing today. */
export interface Certificate {
  id: string;
  kind: string;
  scheme: string;
  holder: string;
  issuer: string;
  scope: {
    sites?: string[];
    products?: string[];
    activities?: string[];
    ecological?: boolean;
    firstAuthorisedBuyer?: boolean;
    suppliers?: string[];
    assessmentCycleYears?: number;
    lastAssessedOn?: string;
    rmapStatus?: string;
  };
  issuedOn: string;
  /** Last valid day (inclusive). */
  validUntil: string;
  nextAssessmentDue?: string;
  statusChanges: { status: string; from: string; reason?: string }[];
  standing: { on: string; status: Standing; valid: boolean; since: string };
}

/** One ICGLR inspection of a mine site. */
export interface Inspection {
  id: string;
  site: string;
  date: string;
  status: number;
  report?: string;
  purpose?: string;
  inspector: string;
  agency: string;
}

/** ICGLR site statuses by their code (0 blue ... 3 red). */
export const ICGLR_STATUSES = ['blue', 'green', 'yellow', 'red'] as const;

/** GET /sites/{id}/inspections: the site's ICGLR status today and its inspections. */
export interface SiteStatus {
  status: { site: string; date: string; status: string; code: number; since?: string; until?: string; inspection?: string; exportAllowed: boolean; reason: string };
  inspections: Inspection[];
}

/** POST /vc/verify: whether a credential's proof, issuer key and validity period hold. */
export interface CredentialVerdict {
  valid: boolean;
  problems: { code: string; message: string }[];
  id?: string;
  issuer?: string;
  issuerParty?: string;
  subject?: string;
  validFrom?: string;
  validUntil?: string;
}

/**
 * The claims the server judges (src/certification/claims.ts `CLAIMS`; model.test.ts fails when the two differ).
 * Kept here because the web app imports no run-time code from the server.
 */
export const CLAIM_NAMES = [
  'fairmined-labelled',
  'fairmined-incorporated',
  'fairmined-ecological',
  'fairtrade-fully-traceable',
  'fairtrade-gold-sourcing-programme',
  'craft-conformant-source',
  'icglr-certified',
] as const;
export type ClaimName = (typeof CLAIM_NAMES)[number];

/** One reason a claim fails (src/certification/claims.ts `ClaimReason`). */
export interface ClaimReason {
  code: string;
  message: string;
  lot?: string;
  event?: string;
  transfer?: { type: string; at: string; date: string; from?: string; to: string };
  party?: string;
  needs?: string;
  authorisation?: string;
  site?: string;
  date?: string;
  since?: string;
}

/** GET /lots/{id}/claims/{claim}. */
export interface ClaimVerdict {
  claim: ClaimName;
  lot: string;
  valid: boolean;
  reasons: ClaimReason[];
  backing: {
    lots: string[];
    sites: string[];
    producers: string[];
    credits?: { holder: string; scheme: string; metal: string; claimedGrams: string; availableGrams: string; entries: { entry: number; earnedAt: string; expiresAt?: string; remainingGrams: string }[] };
  };
}

/** GET /rules: one dated version of a rule. */
export interface RuleVersion {
  rule: string;
  key: string;
  effectiveFrom: string;
  effectiveTo?: string;
  value: unknown;
  source: string;
  confidence: string;
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
