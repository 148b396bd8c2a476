import type { Authorisation, SiteInspection } from '../../certification/index.js';
import type { PartyUri, SiteUri } from '../../custody/index.js';
import { kycDate, storedEvidenceSha256, type CraftAssessment, type Evidence, type Incident, type KycRecord, type RiskEntry, type SupplierDecision } from '../../diligence/index.js';

/** Who the pack is for: everything (the command line), or what these parties may see (an HTTP caller and its grantors). */
export type PackViewer = 'all' | readonly PartyUri[];

/** Whether a viewer may see what one of these parties holds. */
export const sees = (viewer: PackViewer, ...parties: PartyUri[]): boolean => viewer === 'all' || parties.some((p) => viewer.includes(p));

/** The due-diligence records of the registry and the stores, as the wiring read them (not yet selected). */
export interface DiligenceRecords {
  risks: readonly RiskEntry[];
  kyc: readonly KycRecord[];
  crafts: readonly CraftAssessment[];
  authorisations: readonly Authorisation[];
  inspections: readonly SiteInspection[];
  incidents: readonly Incident[];
  decisions: readonly SupplierDecision[];
}

/** What a supplier's records are about: the supplier, its sites, the ASM sites its lots trace to and their organisations. */
export interface Subjects {
  organisations: PartyUri[];
  sites: SiteUri[];
}

/** The records of one supplier folder. */
export interface SupplierRecords {
  assessments: { craft: CraftAssessment[]; riskRegister: RiskEntry[]; kyc: KycRecord[] };
  certificates: { authorisations: Authorisation[]; licences: KycRecord[]; inspections: SiteInspection[] };
  incidents: Incident[];
  decisions: SupplierDecision[];
  /** Stored evidence files the records cite (`sha256:<hex>`), with the organisation whose store holds each. */
  cited: { org: PartyUri; sha256: string }[];
}

/**
 * The records of a supplier's folder: those about its subjects, dated before the end of the period, that the
 * viewer may see (as the HTTP routes decide: a register entry or KYC record by its owner, a CRAFT assessment
 * by its producer or buyer, an authorisation by its holder or issuer, an incident or a decision by its
 * organisation, an inspection by the site's organisation). Incidents also count when they cite one of the
 * chain's events or lots. Decisions about miners are left out, and incidents are stripped of miners' personal data.
 */
export function supplierRecords(all: DiligenceRecords, s: { subjects: Subjects; siteOrganisation: ReadonlyMap<SiteUri, PartyUri>; chainSeqs: ReadonlySet<number>; lots: ReadonlySet<string>; before: string; viewer: PackViewer }): SupplierRecords {
  const orgs = new Set(s.subjects.organisations);
  const sites = new Set(s.subjects.sites);
  const about = (uri: string) => orgs.has(uri) || sites.has(uri);
  const early = (date: string) => date.slice(0, 10) < s.before;
  const kyc = all.kyc.filter((r) => orgs.has(r.supplier) && early(kycDate(r)) && sees(s.viewer, r.owner));
  const crafts = all.crafts.filter((a) => orgs.has(a.producer) && early(a.assessedOn) && sees(s.viewer, a.producer, a.buyer));
  const risks = all.risks.filter((r) => about(r.subject.uri) && early(r.observedOn) && sees(s.viewer, r.owner));
  const out: SupplierRecords = {
    assessments: { craft: crafts, riskRegister: risks, kyc: kyc.filter((r) => r.kind !== 'licence') },
    certificates: {
      authorisations: all.authorisations.filter((a) => (orgs.has(a.holder) || (a.scope.sites ?? []).some((x) => sites.has(x))) && early(a.issuedOn) && sees(s.viewer, a.holder, a.issuer)),
      licences: kyc.filter((r) => r.kind === 'licence'),
      inspections: all.inspections.filter((i) => sites.has(i.site) && early(i.date) && sees(s.viewer, s.siteOrganisation.get(i.site) ?? '')),
    },
    incidents: all.incidents
      .filter((i) => (about(i.subject) || s.lots.has(i.subject) || i.evidence.seqs.some((q) => s.chainSeqs.has(q))) && early(i.evidence.eventTime) && sees(s.viewer, i.org))
      .map(withoutMinerData),
    decisions: all.decisions.filter((d) => about(d.supplier) && early(d.decidedAt) && sees(s.viewer, d.organisation)),
    cited: [],
  };
  const cite = (org: PartyUri, evidence: readonly Evidence[]) => {
    for (const e of evidence) {
      const sha256 = storedEvidenceSha256(e.reference);
      if (sha256 && sees(s.viewer, org) && !out.cited.some((c) => c.org === org && c.sha256 === sha256)) out.cited.push({ org, sha256 });
    }
  };
  for (const r of risks) cite(r.owner, r.evidence);
  for (const r of kyc) cite(r.owner, r.evidence);
  for (const a of crafts) {
    for (const x of a.answers) cite(a.producer, x.evidence);
    for (const x of a.review?.answers ?? []) cite(a.buyer, x.evidence);
  }
  return out;
}

/** Figures of an incident that describe a miner as a person (the minimum-age rule's): never in a pack. */
const MINER_FIGURES = ['miner', 'birthYear', 'ageAtLeast', 'ageAtMost', 'gender', 'displayName', 'name'];

/**
 * An incident without a miner's personal data: the registry id, birth year and ages go, and the engine's
 * summary, which names the miner and the age, is replaced. The subject stays: it is the miner's
 * pseudonymous GSRN, which the EPCIS events already carry.
 */
export function withoutMinerData(i: Incident): Incident {
  const numbers = i.evidence.numbers as Record<string, unknown>;
  if (!MINER_FIGURES.some((k) => k in numbers)) return i;
  const summary = `${i.rule}: withheld (it names a miner; miners' personal data stays in the registry)`;
  return {
    ...i,
    summary,
    evidence: { ...i.evidence, numbers: Object.fromEntries(Object.entries(numbers).filter(([k]) => !MINER_FIGURES.includes(k))) as typeof i.evidence.numbers },
    history: i.history.map((h) => (h.note === i.summary ? { ...h, note: summary } : h)),
  };
}
