import type { IndicatorInput, KycInput, RiskInput } from '../assessor/index.js';
import type { GoldEvent } from '../custody/types.js';
import type { CraftAnswer, CraftAnswerValue, EvidenceKind, IncidentUpdate, MercuryPractice, RedFlagRule } from '../diligence/index.js';
import { fineGoldMg, formatGrams, seededRandom } from '../kernel/index.js';
import type { DecisionInput, PlanInput } from '../registrar/index.js';
import type { Site } from '../parties/index.js';
import { DEMO_ORG_IDS } from './ids.js';

/*
 * The demo's due-diligence records (docs/diligence.md): what a trading house buying from an Ituri
 * cooperative, its exporter and the refiner would have on file after six months. People and documents
 * are invented; the story follows GOLD-RULES s.4-s.6: risks found on site visits and through red flags,
 * a CRAFT self-assessment reviewed by the buyer and repeated, KYC of the suppliers, monthly mercury
 * surveys, a risk management plan for the Annex II risks 3 and 6 found at the cooperative, the
 * decisions, and the OECD five-step checklist half done.
 */

/** A register entry and the status changes that followed it. */
export interface DemoRisk {
  entry: RiskInput & { id: string };
  changes: { status: string; on: string; by: string; reason?: string }[];
}

/** A CRAFT self-assessment and the buyer's review of it. */
export interface DemoCraft {
  id: string;
  producer: string;
  buyer: string;
  assessedOn: string;
  submittedBy: string;
  answers: CraftAnswer[];
  review: { reviewedBy: string; reviewedOn: string; answers: CraftAnswer[] };
}

/** Everything the demo's due diligence holds, in the order it is recorded. */
export interface DemoDiligence {
  risks: DemoRisk[];
  crafts: DemoCraft[];
  kyc: KycInput[];
  indicators: IndicatorInput[];
  plans: { organisation: string; plan: PlanInput & { id: string }; progress: { measure: string; value: number; reportedBy: string; reportedOn: string; note?: string }[] }[];
  decisions: { organisation: string; decision: DecisionInput & { id: string } }[];
  steps: { organisation: string; item: string; status: string; updatedBy: string; updatedOn: string; evidence: string[]; note?: string }[];
  /** A person takes up the earliest incident of a rule (the engine raised it while the demo was captured). */
  incidents: { rule: RedFlagRule; update: IncidentUpdate }[];
}

/** Who is who in the demo's due diligence, for the tests and the docs. */
export const DEMO_DILIGENCE = {
  /** The trading house's compliance officer, who records most of it. */
  officer: 'Amani Kahindo (compliance officer)',
  /** The plan of the trading house for the cooperative, adopted the day the Annex II risk 3 was confirmed. */
  plan: 'PLAN-TH-COEMAI-2026',
  /** The register entry whose confirmation started the plan. */
  planRisk: 'RISK-TH-2026-001',
  /** The register entry the Nizi capacity incident started. */
  incidentRisk: 'RISK-TH-2026-008',
  /** Organisation and supplier of the KYC file with a cleared watchlist hit. */
  kyc: { owner: DEMO_ORG_IDS.exporter, supplier: DEMO_ORG_IDS.tradingHouse },
  /** The decisions recorded: [deciding organisation, supplier, decision]. */
  decisions: [
    [DEMO_ORG_IDS.tradingHouse, DEMO_ORG_IDS.asmo, 'mitigate'],
    [DEMO_ORG_IDS.refiner, DEMO_ORG_IDS.exporter, 'continue'],
  ],
} as const;

const OFFICER = DEMO_DILIGENCE.officer;
const EXPORT_OFFICER = 'Béatrice Lokele (exporter compliance)';
const REFINER_OFFICER = 'Claudia Meier (refiner due diligence)';
const ev = (kind: EvidenceKind, reference: string, description?: string) => ({ kind, reference, ...(description ? { description } : {}) });

function risks(): DemoRisk[] {
  const th = DEMO_ORG_IDS.tradingHouse;
  const r = (id: string, entry: Omit<RiskInput, 'id' | 'recordedBy'> & { recordedBy?: string }, changes: DemoRisk['changes'] = []): DemoRisk => ({ entry: { id, recordedBy: OFFICER, ...entry }, changes });
  return [
    r(
      DEMO_DILIGENCE.planRisk,
      { owner: th, supplier: DEMO_ORG_IDS.asmo, risk: 'security-forces', observedOn: '2026-03-09', source: 'site visit and interviews with miners on the Mongbwalu road', evidence: [ev('interview', 'interviews-mongbwalu-2026-03-09.pdf', '11 miners interviewed'), ev('photo', 'IMG_0317-checkpoint.jpg')], note: 'soldiers at the checkpoint ask miners carrying gold for a passage fee' },
      [
        { status: 'confirmed', on: '2026-03-20', by: OFFICER, reason: 'second visit: four payments a month on average, receipts refused' },
        { status: 'mitigated', on: '2026-08-28', by: OFFICER, reason: 'no payment reported since July; the provincial mining division escorts the weekly transport' },
      ],
    ),
    r(
      'RISK-TH-2026-002',
      { owner: th, supplier: DEMO_ORG_IDS.asmo, risk: 'taxes-royalties', observedOn: '2026-03-09', source: 'CRAFT self-assessment and site visit', evidence: [ev('document', 'COEMAI-tax-receipts-2026-02.xlsx', '30 % of miners hold a receipt for the provincial tax')] },
      [{ status: 'confirmed', on: '2026-03-20', by: OFFICER, reason: 'tax receipts checked against the miner register' }],
    ),
    r(
      'RISK-TH-2026-003',
      { owner: th, site: 'ituri-nizi', risk: 'mercury-whole-ore', observedOn: '2026-03-12', source: 'site visit with the AGC mercury survey form', evidence: [ev('photo', 'IMG_0342-nizi-amalgamation.jpg'), ev('report', 'AGC-survey-nizi-2026-03.pdf')] },
      [
        { status: 'confirmed', on: '2026-03-12', by: OFFICER },
        { status: 'mitigated', on: '2026-05-15', by: OFFICER, reason: 'sluice boxes installed; only concentrate is amalgamated since May' },
      ],
    ),
    r(
      'RISK-TH-2026-004',
      { owner: th, site: 'ituri-nizi', risk: 'mercury-open-burning', observedOn: '2026-03-12', source: 'site visit with the AGC mercury survey form', evidence: [ev('photo', 'IMG_0345-nizi-burning.jpg')] },
      [{ status: 'confirmed', on: '2026-03-12', by: OFFICER }],
    ),
    r(
      'RISK-TH-2026-005',
      { owner: th, site: 'ituri-mongbwalu', risk: 'mercury-residential-burning', observedOn: '2026-03-10', source: 'site visit', evidence: [ev('observation', 'visit-notes-mongbwalu-2026-03-10.pdf', 'amalgam burned behind the buying counter, next to houses')] },
      [
        { status: 'confirmed', on: '2026-03-10', by: OFFICER },
        { status: 'mitigated', on: '2026-04-20', by: OFFICER, reason: 'burning moved to the retort shed outside the village' },
      ],
    ),
    r(
      'RISK-TH-2026-006',
      { owner: th, site: 'ituri-nizi', risk: 'child-labour', observedOn: '2026-03-12', source: 'site visit', evidence: [ev('observation', 'visit-notes-nizi-2026-03-12.pdf', 'three children carrying ore at the washing point')] },
      [
        { status: 'confirmed', on: '2026-03-26', by: OFFICER, reason: 'confirmed by the cooperative president' },
        { status: 'mitigated', on: '2026-05-20', by: OFFICER, reason: 'children enrolled at the Nizi school with support of the cooperative; none seen since' },
      ],
    ),
    r('RISK-TH-2026-007', { owner: th, site: 'ituri-mambasa', risk: 'health-safety', observedOn: '2026-03-11', source: 'site visit', evidence: [ev('photo', 'IMG_0330-mambasa-pit.jpg', 'unsupported pit walls, no helmets')] }),
    r(DEMO_DILIGENCE.incidentRisk, {
      owner: th,
      supplier: DEMO_ORG_IDS.asmo,
      risk: 'bribery-fraud',
      observedOn: '2026-07-02',
      source: 'red-flag incident site_over_capacity (Nizi, June 2026)',
      evidence: [ev('other', 'incident site_over_capacity ituri-nizi 2026-06', 'purchases of Nizi gold above the site capacity: gold from elsewhere declared as Nizi?')],
      note: 'on-the-ground check planned',
    }),
    r(
      'RISK-EXP-2026-001',
      { owner: DEMO_ORG_IDS.exporter, supplier: th, risk: 'money-laundering', observedOn: '2026-04-24', source: 'red-flag incident cash_without_approval (22 April 2026)', evidence: [ev('other', 'incident cash_without_approval th-mongbwalu 2026-04-22')], recordedBy: EXPORT_OFFICER },
      [{ status: 'closed', on: '2026-05-06', by: EXPORT_OFFICER, reason: "the miner's identity and the sale were checked; no laundering found (the approval is still missing, see the incident)" }],
    ),
    r(
      'RISK-REF-2026-001',
      { owner: DEMO_ORG_IDS.refiner, supplier: DEMO_ORG_IDS.exporter, risk: 'armed-groups', observedOn: '2026-03-16', source: 'NGO report on gold trading routes in Djugu territory (demo)', evidence: [ev('report', 'ngo-djugu-routes-2026.pdf')], recordedBy: REFINER_OFFICER },
      [{ status: 'closed', on: '2026-04-10', by: REFINER_OFFICER, reason: 'on-the-ground assessment: the Bunia route and the sites supplying the exporter are not controlled or taxed by armed groups' }],
    ),
    r('RISK-REF-2026-002', { owner: DEMO_ORG_IDS.refiner, supplier: DEMO_ORG_IDS.peru, risk: 'environment', observedOn: '2026-05-04', source: 'Fairmined audit report 2026', evidence: [ev('report', 'FM-audit-CMAT-2026.pdf', 'sediment in the Tambopata tributary below Frente Aurora')], recordedBy: REFINER_OFFICER }),
  ];
}

const CRITERIA = ['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9'] as const;

/** Answers to every criterion: `yes` unless given, with a piece of evidence for each. */
function answers(given: Partial<Record<(typeof CRITERIA)[number], CraftAnswerValue>>, evidenceFile: string): CraftAnswer[] {
  return CRITERIA.map((criterion) => {
    const answer = given[criterion] ?? 'yes';
    return { criterion, answer, evidence: answer === 'not_applicable' ? [] : [ev('document', `${evidenceFile}#${criterion}`)] };
  });
}

function crafts(): DemoCraft[] {
  const producer = DEMO_ORG_IDS.asmo;
  const buyer = DEMO_ORG_IDS.tradingHouse;
  const president = 'Président de la COEMAI (demo)';
  const review = (on: string, given: Parameters<typeof answers>[0], file: string) => ({ reviewedBy: OFFICER, reviewedOn: on, answers: answers(given, file).filter((a) => a.criterion in given) });
  return [
    {
      id: 'CRAFT-COEMAI-2026-1',
      producer,
      buyer,
      assessedOn: '2026-01-15',
      submittedBy: president,
      answers: answers({ '1.3': 'partly', '4.1': 'partly', '4.3': 'partly', '4.4': 'partly', '5.1': 'partly', '5.2': 'partly', '5.3': 'no', '5.4': 'partly', '5.5': 'not_applicable', '5.7': 'partly', '5.8': 'partly' }, 'COEMAI-CRAFT-2026-01.pdf'),
      // The buyer's visits in March found worse than the producer reported.
      review: review('2026-03-24', { '4.1': 'no', '4.4': 'no', '5.2': 'no', '5.4': 'no', '5.6': 'no' }, 'TH-review-COEMAI-2026-03.pdf'),
    },
    {
      id: 'CRAFT-COEMAI-2026-2',
      producer,
      buyer,
      assessedOn: '2026-07-15',
      submittedBy: president,
      answers: answers({ '4.4': 'partly', '5.1': 'partly', '5.3': 'partly', '5.5': 'not_applicable', '5.8': 'partly' }, 'COEMAI-CRAFT-2026-07.pdf'),
      review: review('2026-07-29', { '4.4': 'partly', '5.3': 'partly' }, 'TH-review-COEMAI-2026-07.pdf'),
    },
  ];
}

function kyc(): KycInput[] {
  const exp = { owner: DEMO_ORG_IDS.exporter, supplier: DEMO_ORG_IDS.tradingHouse, recordedBy: EXPORT_OFFICER };
  const ref = { owner: DEMO_ORG_IDS.refiner, supplier: DEMO_ORG_IDS.exporter, recordedBy: REFINER_OFFICER };
  return [
    { ...exp, id: 'KYC-EXP-TH-1', kind: 'beneficial_owner', name: 'Jean-Baptiste Ngona', sharePercent: '55', country: 'CD', identifiedOn: '2026-02-16', evidence: [ev('document', 'TH-RCCM-statuts-2025.pdf')] },
    { ...exp, id: 'KYC-EXP-TH-2', kind: 'beneficial_owner', name: 'Esther Ayiko', sharePercent: '35', country: 'CD', identifiedOn: '2026-02-16', evidence: [ev('document', 'TH-RCCM-statuts-2025.pdf')] },
    // Exactly at the 10 % threshold for mined gold: must be identified.
    { ...exp, id: 'KYC-EXP-TH-3', kind: 'beneficial_owner', name: 'Patient Dhedonga', sharePercent: '10', country: 'UG', identifiedOn: '2026-02-18', evidence: [ev('document', 'TH-share-register-2026.pdf')] },
    { ...exp, id: 'KYC-EXP-TH-4', kind: 'licence', licenceType: 'maison d’achat (trading house)', number: 'DPM-IT/MA/014/2026', issuer: "Division Provinciale des Mines de l'Ituri", validFrom: '2026-01-01', validUntil: '2026-12-31', evidence: [ev('document', 'TH-licence-2026.pdf')] },
    { ...exp, id: 'KYC-EXP-TH-5', kind: 'watchlist_hit', list: 'UN Security Council 1533 sanctions list', matchedName: 'Jean-Baptiste Ngonga', checkedOn: '2026-02-17', outcome: 'pending', checkedBy: EXPORT_OFFICER, note: 'name screening match on the majority owner', evidence: [] },
    { ...exp, id: 'KYC-EXP-TH-6', kind: 'watchlist_hit', list: 'UN Security Council 1533 sanctions list', matchedName: 'Jean-Baptiste Ngonga', checkedOn: '2026-02-24', outcome: 'false_positive', checkedBy: 'Joseph Lossa (exporter director)', note: 'different date of birth and nationality; passport copy on file', evidence: [ev('document', 'TH-owner-passport-check.pdf')] },
    { ...ref, id: 'KYC-REF-EXP-1', kind: 'beneficial_owner', name: 'Joseph Lossa', sharePercent: '70', country: 'CD', identifiedOn: '2026-01-12', evidence: [ev('document', 'IGE-statuts.pdf')] },
    { ...ref, id: 'KYC-REF-EXP-2', kind: 'beneficial_owner', name: 'Marie Bahemuka', sharePercent: '30', country: 'CD', identifiedOn: '2026-01-12', evidence: [ev('document', 'IGE-statuts.pdf')] },
    { ...ref, id: 'KYC-REF-EXP-3', kind: 'licence', licenceType: 'exporter approval', number: 'CEEC/EXP/2026/031', issuer: 'CEEC (Centre d’Expertise, d’Evaluation et de Certification)', validFrom: '2026-01-01', validUntil: '2026-12-31', evidence: [ev('document', 'IGE-agrement-2026.pdf')] },
  ];
}

const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'] as const;
const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** Retorts in use per Ituri site and month: their sum is what the plan's measure M3 reports. */
const RETORTS: Record<string, readonly number[]> = {
  'ituri-mongbwalu': [2, 3, 4, 6, 7, 8],
  'ituri-mambasa': [1, 2, 3, 4, 5, 5],
  'ituri-nizi': [0, 0, 1, 1, 2, 3],
};
/** Mercury used per gram of gold at the start, and the share it falls by each month. */
const HG_AU: Record<string, { start: number; fall: number }> = {
  'ituri-mongbwalu': { start: 1.6, fall: 0.1 },
  'ituri-mambasa': { start: 1.4, fall: 0.08 },
  // Whole-ore amalgamation until May.
  'ituri-nizi': { start: 3.2, fall: 0.18 },
};
const PRACTICES: Record<string, readonly (readonly MercuryPractice[])[]> = {
  'ituri-mongbwalu': [['mercury-open-burning', 'mercury-residential-burning'], ['mercury-open-burning'], ['mercury-open-burning'], [], [], []],
  'ituri-mambasa': [['mercury-open-burning'], ['mercury-open-burning'], [], [], [], []],
  'ituri-nizi': [['mercury-whole-ore', 'mercury-open-burning'], ['mercury-whole-ore', 'mercury-open-burning'], ['mercury-open-burning'], ['mercury-open-burning'], ['mercury-open-burning'], []],
};

/** The local month (UTC+02:00) of an Ituri event. */
const ituriMonth = (e: GoldEvent) => new Date(Date.parse(e.eventTime) + 2 * 3_600_000).toISOString().slice(0, 7);

/** Monthly mercury/ESG surveys of the Ituri sites; gold produced is the ledger's fine gold produced there that month. */
function indicators(seed: number, events: readonly GoldEvent[], ituriSites: readonly Site[]): IndicatorInput[] {
  const rng = seededRandom(seed * 7919 + 5);
  const fine = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'production') continue;
    const key = `${e.site}|${ituriMonth(e)}`;
    fine.set(key, (fine.get(key) ?? 0) + fineGoldMg(e.lot.grossMg, e.lot.fineness));
  }
  return ituriSites.flatMap((site) =>
    MONTHS.map((month, m): IndicatorInput => {
      const goldMg = fine.get(`${site.uri}|${month}`) ?? 0;
      const { start, fall } = HG_AU[site.id]!;
      const ratio = start * (1 - fall) ** m * (0.95 + 0.1 * rng());
      const usedMg = Math.round(goldMg * ratio);
      const retorts = RETORTS[site.id]![m]!;
      return {
        id: `IND-${site.id}-${month}`,
        owner: DEMO_ORG_IDS.tradingHouse,
        site: site.id,
        periodFrom: `${month}-01`,
        periodTo: lastDay(month),
        mercuryUsedGrams: formatGrams(usedMg),
        mercuryRecoveredGrams: formatGrams(Math.round(usedMg * Math.min(0.9, retorts * 0.12))),
        goldProducedGrams: formatGrams(goldMg),
        practicesObserved: [...PRACTICES[site.id]![m]!],
        retortsInUse: retorts,
        fumeHoodsInUse: m >= 3 ? 1 : 0,
        mercuryFreeMethods: site.id === 'ituri-nizi' && m >= 2 ? ['gravity'] : [],
        womenExposed: Math.max(0, 14 - 2 * m - Math.floor(3 * rng())),
        childrenExposed: site.id === 'ituri-nizi' && m < 2 ? 3 - m : 0,
        trainingSessions: 1 + Math.floor(2 * rng()),
        peopleTrained: 8 + Math.floor(15 * rng()),
        source: 'monthly site visit, AGC mercury survey form',
        recordedBy: OFFICER,
      };
    }),
  );
}

/** The trading house's plan for the cooperative: Annex II risks 3 (checkpoint payments) and 6 (taxes), and retorts. */
function plans(): DemoDiligence['plans'] {
  const reportDays = ['2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-28'];
  const series: Record<string, number[]> = {
    M1: [3, 2, 1, 0, 0],
    M2: [45, 55, 62, 68, 72],
    M3: reportDays.map((_, i) => Object.values(RETORTS).reduce((s, r) => s + r[i + 1]!, 0)),
  };
  return [
    {
      organisation: DEMO_ORG_IDS.tradingHouse,
      plan: {
        id: DEMO_DILIGENCE.plan,
        supplier: DEMO_ORG_IDS.asmo,
        adoptedOn: '2026-03-20',
        createdBy: OFFICER,
        measures: [
          { description: 'No passage fee paid to soldiers at the Mongbwalu road checkpoint (reported by miners)', indicator: 'checkpoint payments per month', baseline: 4, target: 0, direction: 'at_most', risk: 'security-forces' },
          { description: 'Miners selling to the house hold a receipt for the provincial tax', indicator: 'miners with a tax receipt (%)', baseline: 30, target: 80, direction: 'at_least', risk: 'taxes-royalties' },
          { description: 'Retorts at every burning point of the three sites', indicator: 'retorts in use', baseline: Object.values(RETORTS).reduce((s, r) => s + r[0]!, 0), target: 12, direction: 'at_least', risk: 'mercury-open-burning' },
        ],
      },
      progress: reportDays.flatMap((reportedOn, i) => Object.entries(series).map(([measure, values]) => ({ measure, value: values[i]!, reportedBy: OFFICER, reportedOn }))),
    },
  ];
}

function decisions(): DemoDiligence['decisions'] {
  return [
    {
      organisation: DEMO_ORG_IDS.tradingHouse,
      decision: { id: 'DEC-TH-COEMAI-2026-1', supplier: DEMO_ORG_IDS.asmo, decision: 'mitigate', decidedBy: 'Directeur de la maison d’achat (demo)', decidedAt: '2026-03-20T16:00:00+02:00', reason: 'Annex II risks 3 and 6 confirmed at the cooperative: continue under the risk management plan', planId: DEMO_DILIGENCE.plan },
    },
    {
      organisation: DEMO_ORG_IDS.refiner,
      decision: { id: 'DEC-REF-EXP-2026-1', supplier: DEMO_ORG_IDS.exporter, decision: 'continue', decidedBy: 'Head of compliance, Affinerie Helvetia (demo)', decidedAt: '2026-04-10T15:00:00+02:00', reason: 'on-the-ground assessment found no Annex II risk 1 or 2 on the exporter’s supply routes' },
    },
  ];
}

function steps(): DemoDiligence['steps'] {
  const s = (item: string, status: string, updatedOn: string, evidence: string[], note?: string) => ({ organisation: DEMO_ORG_IDS.tradingHouse, item, status, updatedBy: OFFICER, updatedOn, evidence, ...(note ? { note } : {}) });
  return [
    s('1.policy', 'done', '2026-02-02', ['TH-supply-chain-policy-2026.pdf']),
    s('1.structure', 'done', '2026-02-02', ['TH-board-resolution-2026-02-02.pdf']),
    s('1.custody', 'done', '2026-03-02', ['Orpaille ledger (this workspace), purchases from 2026-03-02']),
    s('1.suppliers', 'in_progress', '2026-03-20', ['COEMAI-purchase-agreement-draft.pdf'], 'policy annex to be signed by the cooperative'),
    s('1.grievance', 'in_progress', '2026-04-15', [], 'hotline number posted at the three sites; no register of complaints yet'),
    s('2.map', 'done', '2026-03-24', ['risk register', 'CRAFT-COEMAI-2026-1']),
    s('2.assess', 'done', '2026-03-24', ['TH-review-COEMAI-2026-03.pdf', 'AGC-survey-nizi-2026-03.pdf']),
    s('3.report', 'done', '2026-03-20', ['TH-DD-report-to-board-2026-03-20.pdf']),
    s('3.plan', 'done', '2026-03-20', [DEMO_DILIGENCE.plan]),
    s('3.monitor', 'in_progress', '2026-08-28', [`${DEMO_DILIGENCE.plan} progress reports`, 'CRAFT-COEMAI-2026-2']),
    s('4.audit', 'not_applicable', '2026-02-02', [], 'not a refiner: the Step 4 audit is the refiner’s (LBMA RGG)'),
  ];
}

/** The Nizi capacity incident under review, linked to the register entry it started; the cash incident stays open. */
const INCIDENTS: DemoDiligence['incidents'] = [
  { rule: 'site_over_capacity', update: { by: OFFICER, status: 'under_review', owner: OFFICER, note: `recorded as ${DEMO_DILIGENCE.incidentRisk} (bribery-fraud); on-the-ground check of the Nizi sellers planned` } },
];

/** The demo's due-diligence records, deterministic from the seed and the demo's events. */
export function demoDiligence(seed: number, events: readonly GoldEvent[], ituriSites: readonly Site[]): DemoDiligence {
  return { risks: risks(), crafts: crafts(), kyc: kyc(), indicators: indicators(seed, events, ituriSites), plans: plans(), decisions: decisions(), steps: steps(), incidents: INCIDENTS };
}
