import { newId } from '../access/index.js';
import {
  EVIDENCE_KINDS,
  RISK_IDS,
  RISK_STATUSES,
  confirmsImmediateDisengagement,
  riskCatalogueOn,
  riskDefinition,
  riskStatus,
  type Evidence,
  type EvidenceKind,
  type RiskDefinition,
  type RiskEntry,
  type RiskFilter,
  type RiskStatus,
  type RiskSubject,
} from '../diligence/index.js';
import { badInput } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { dayOrToday, oneOf, requireMineSite, requireParty } from './resolve.js';

/*
 * Recording risks in the register: what the CLI and the HTTP API share.
 */

/** A register entry as typed by a person: the owner, supplier and site by id or URI. */
export interface RiskInput {
  id?: string;
  owner: string;
  /** Exactly one of supplier and site. */
  supplier?: string;
  site?: string;
  risk: string;
  observedOn?: string;
  source: string;
  evidence?: { kind?: string; reference: string; description?: string }[];
  note?: string;
  recordedBy: string;
  /** Status at recording (default identified). */
  status?: string;
}

/** An entry with its risk definition and current status, as shown to people. */
export interface RiskView extends RiskEntry {
  status: RiskStatus;
  definition: RiskDefinition;
}

/** The view of an entry. */
export function riskView(e: RiskEntry): RiskView {
  return { ...e, status: riskStatus(e), definition: riskDefinition(e.risk, e.catalogueVersion)! };
}

/** Parses evidence given as `kind:reference` or a bare reference (a document). */
export function parseEvidence(v: string): Evidence {
  const m = /^([a-z]+):(.+)$/.exec(v);
  if (m && (EVIDENCE_KINDS as readonly string[]).includes(m[1]!)) return { kind: m[1] as EvidenceKind, reference: m[2]! };
  return { kind: 'document', reference: v };
}

/** Records a risk of a registered supplier or site under the model version in force on its date. */
export async function recordRisk(orp: Orpaille, input: RiskInput): Promise<RiskEntry> {
  const owner = await requireParty(orp, input.owner, 'owner');
  if ((input.supplier === undefined) === (input.site === undefined)) throw badInput('give exactly one of supplier and site', { supplier: input.supplier, site: input.site });
  const subject: RiskSubject = input.supplier !== undefined ? { kind: 'supplier', uri: (await requireParty(orp, input.supplier, 'supplier')).uri } : { kind: 'site', uri: (await requireMineSite(orp, input.site!)).uri };
  const risk = oneOf(RISK_IDS, input.risk, 'risk');
  const observedOn = dayOrToday(orp, input.observedOn, 'observedOn');
  const status = oneOf(RISK_STATUSES, input.status ?? 'identified', 'status');
  const entry: RiskEntry = {
    id: input.id ?? newId('risk'),
    owner: owner.uri,
    subject,
    risk,
    catalogueVersion: riskCatalogueOn(observedOn).version,
    observedOn,
    source: input.source,
    evidence: (input.evidence ?? []).map((e) => ({ kind: (e.kind ?? 'document') as EvidenceKind, reference: e.reference, ...(e.description !== undefined ? { description: e.description } : {}) })),
    ...(input.note !== undefined ? { note: input.note } : {}),
    recordedBy: input.recordedBy,
    history: [{ status, on: observedOn, by: input.recordedBy }],
  };
  await orp.risks.addRisk(entry);
  return entry;
}

/** The result of a status change: the entry, and whether it confirmed a risk that calls for immediate disengagement. */
export interface RiskChangeResult {
  entry: RiskView;
  immediateDisengagement: boolean;
}

/** Changes an entry's status (on `on`, default today), with who and why. */
export async function changeRisk(orp: Orpaille, id: string, input: { status: string; on?: string; by: string; reason?: string }): Promise<RiskChangeResult> {
  const change = { status: oneOf(RISK_STATUSES, input.status, 'status'), on: dayOrToday(orp, input.on, 'on'), by: input.by, ...(input.reason !== undefined ? { reason: input.reason } : {}) };
  const entry = await orp.risks.changeRiskStatus(id, change);
  return { entry: riskView(entry), immediateDisengagement: confirmsImmediateDisengagement(entry, change) };
}

/** Register entries with the filter's supplier or site given by id or URI. */
export async function listRisks(orp: Orpaille, filter: { owners?: readonly string[]; supplier?: string; site?: string; risk?: string; status?: string }): Promise<RiskView[]> {
  const f: RiskFilter = {
    ...(filter.owners ? { owners: filter.owners } : {}),
    ...(filter.supplier ? { subject: (await requireParty(orp, filter.supplier, 'supplier')).uri, subjectKind: 'supplier' as const } : {}),
    ...(filter.site ? { subject: (await requireMineSite(orp, filter.site)).uri, subjectKind: 'site' as const } : {}),
    ...(filter.risk ? { risk: oneOf(RISK_IDS, filter.risk, 'risk') } : {}),
    ...(filter.status ? { status: oneOf(RISK_STATUSES, filter.status, 'status') } : {}),
  };
  return (await orp.risks.risks(f)).map(riskView);
}
