import type { PartyUri, SiteUri } from '../custody/index.js';
import { isIsoDate } from '../certification/index.js';
import { isRiskId, riskCatalogue, riskDefinition, type ResponseClass, type RiskId } from './risks.js';

/*
 * The risk register (GOLD-RULES s.5 step 2): each organisation's record of the risks it found at a
 * supplier or a mine site, each entry with its evidence, its source and its date, and a status that
 * changes over time with who changed it, when and why.
 */

/** Where a register entry points: a supplier (an organisation) or a mine site. */
export type RiskSubject = { kind: 'supplier'; uri: PartyUri } | { kind: 'site'; uri: SiteUri };
export const RISK_SUBJECT_KINDS = ['supplier', 'site'] as const;

/**
 * Life of an entry: `identified` (reported or suspected, to be assessed), `confirmed` (the risk is
 * real: the response class applies), `mitigated` (measures in place, still watched), `closed`
 * (dismissed or no longer present).
 */
export const RISK_STATUSES = ['identified', 'confirmed', 'mitigated', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const EVIDENCE_KINDS = ['document', 'report', 'observation', 'interview', 'photo', 'media', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A piece of evidence: a reference to a file, report or observation kept elsewhere. */
export interface Evidence {
  kind: EvidenceKind;
  /** A stored evidence file (`sha256:<hex>`, from `orpaille evidence add` or POST /evidence), or a file name, URL, report number or document id kept elsewhere. */
  reference: string;
  description?: string;
}

/** A status change of a register entry: who decided, on which day, and why. */
export interface RiskStatusChange {
  status: RiskStatus;
  /** ISO date the change takes effect. */
  on: string;
  /** The person who made it. */
  by: string;
  reason?: string;
}

/** One entry of the register. */
export interface RiskEntry {
  id: string;
  /** The organisation whose due diligence this is (only it sees the entry). */
  owner: PartyUri;
  subject: RiskSubject;
  risk: RiskId;
  /** Version of the risk model the entry was recorded under (src/diligence/risks.ts). */
  catalogueVersion: string;
  /** ISO date the risk was observed or reported. */
  observedOn: string;
  /** Where the information came from (site visit, CRAFT report, NGO report, media, red-flag incident...). */
  source: string;
  evidence: Evidence[];
  note?: string;
  /** The person who recorded it. */
  recordedBy: string;
  /** Status changes, oldest first; the first is the status at recording. Never empty. */
  history: RiskStatusChange[];
}

/** The current status of an entry (its last change). */
export function riskStatus(e: RiskEntry): RiskStatus {
  return e.history[e.history.length - 1]!.status;
}

/** The status of an entry on a date (undefined before it was recorded). */
export function riskStatusOn(e: RiskEntry, date: string): RiskStatus | undefined {
  const day = date.slice(0, 10);
  return [...e.history].reverse().find((c) => c.on <= day)?.status;
}

/** The response class the entry's risk calls for, in its catalogue version. */
export function riskResponse(e: Pick<RiskEntry, 'risk' | 'catalogueVersion'>): ResponseClass {
  return riskDefinition(e.risk, e.catalogueVersion)!.response;
}

/**
 * True when this change confirms a risk that calls for immediate disengagement (serious abuses,
 * support to non-state armed groups): the buyer must suspend the supplier at once until a person decides.
 */
export function confirmsImmediateDisengagement(e: Pick<RiskEntry, 'risk' | 'catalogueVersion'>, change: Pick<RiskStatusChange, 'status'>): boolean {
  return change.status === 'confirmed' && riskResponse(e) === 'disengage';
}

/** What is wrong with an entry as data (empty when nothing). */
export function riskEntryProblems(e: RiskEntry): string[] {
  const p: string[] = [];
  if (!e.id) p.push('id is required');
  if (!e.owner) p.push('owner is required');
  if (!e.subject || !(['supplier', 'site'] as const).includes(e.subject.kind) || !e.subject.uri) p.push('subject must be a supplier or a site with its URI');
  if (!isRiskId(e.risk)) p.push(`risk ${e.risk} is not in the risk model`);
  else if (!riskCatalogue(e.catalogueVersion)) p.push(`risk model version ${e.catalogueVersion} does not exist`);
  if (!isIsoDate(e.observedOn)) p.push(`observedOn ${e.observedOn} is not an ISO 8601 date (YYYY-MM-DD)`);
  if (!e.source?.trim()) p.push('source is required: where the information came from');
  if (!e.recordedBy?.trim()) p.push('recordedBy is required: the person who recorded it');
  for (const ev of e.evidence ?? []) {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(ev.kind)) p.push(`evidence kind ${ev.kind} must be one of ${EVIDENCE_KINDS.join(', ')}`);
    if (!ev.reference?.trim()) p.push('every evidence needs a reference');
  }
  if (!e.history || e.history.length === 0) p.push('history must hold the status at recording');
  else {
    for (const c of e.history) p.push(...changeProblems(c));
    if (e.history[0]!.on < e.observedOn) p.push(`the first status (${e.history[0]!.on}) cannot come before the observation (${e.observedOn})`);
    for (let i = 1; i < e.history.length; i++) {
      const r = statusChangeRefusalAfter(e.history[i - 1]!, e.history[i]!);
      if (r) p.push(r);
    }
  }
  return p;
}

function changeProblems(c: RiskStatusChange): string[] {
  const p: string[] = [];
  if (!(RISK_STATUSES as readonly string[]).includes(c.status)) p.push(`status ${c.status} must be one of ${RISK_STATUSES.join(', ')}`);
  if (!isIsoDate(c.on)) p.push(`status date ${c.on} is not an ISO 8601 date (YYYY-MM-DD)`);
  if (!c.by?.trim()) p.push('a status change needs the person who made it');
  return p;
}

function statusChangeRefusalAfter(last: RiskStatusChange, c: RiskStatusChange): string | undefined {
  if (c.status === last.status) return `the entry is already ${c.status}`;
  if (c.on < last.on) return `a status change on ${c.on} cannot come before the last one (${last.on})`;
  return undefined;
}

/**
 * Why a status change is refused (undefined when it is accepted): it must be a real status, dated, by
 * a person, differ from the current status and not be dated before the last change.
 */
export function riskStatusChangeRefusal(e: RiskEntry, c: RiskStatusChange): string | undefined {
  const problems = changeProblems(c);
  if (problems.length > 0) return problems.join('; ');
  return statusChangeRefusalAfter(e.history[e.history.length - 1]!, c);
}

/** The entry after an accepted status change (see `riskStatusChangeRefusal`). */
export function evolveRisk(e: RiskEntry, c: RiskStatusChange): RiskEntry {
  return { ...e, history: [...e.history, c] };
}

/** Filter of register listings; every given field must match. */
export interface RiskFilter {
  /** Entries of these organisations (what a caller may see). */
  owners?: readonly PartyUri[];
  subject?: string;
  subjectKind?: RiskSubject['kind'];
  risk?: RiskId;
  status?: RiskStatus;
}

/** What the register needs from a store; src/store implements it. */
export interface RiskRegisterStore {
  /** Records a new entry; ORP_RECORD_EXISTS when the id is taken, ORP_BAD_INPUT when it is not valid data. */
  addRisk(e: RiskEntry): Promise<void>;
  risk(id: string): Promise<RiskEntry | undefined>;
  /** Entries matching the filter, by observation date then id. */
  risks(filter?: RiskFilter): Promise<RiskEntry[]>;
  /** Records a status change and returns the entry as it now stands; ORP_NOT_FOUND, ORP_STATUS_CHANGE_REFUSED. */
  changeRiskStatus(id: string, change: RiskStatusChange): Promise<RiskEntry>;
}
