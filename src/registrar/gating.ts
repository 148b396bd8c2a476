import { newId } from '../access/index.js';
import { checkSupplierDecision, decisionInForce, refusalOf, riskResponse, riskStatus, type RiskEntry, isSupplierDecision, REFUSING_DECISIONS, SUPPLIER_DECISIONS, type FlaggedLot, type SupplierDecision, type SupplierRefusal } from '../diligence/index.js';
import { OrpailleError, badInput } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation } from '../parties/index.js';

/** A supplier as named by a user: an organisation, site or miner by short id or URI, resolved to its URI. */
export async function resolveSupplier(orp: Orpaille, idOrUri: string): Promise<{ uri: string; kind: 'organisation' | 'site' | 'miner' }> {
  const org = await orp.registry.organisation(idOrUri);
  if (org) return { uri: org.uri, kind: 'organisation' };
  const site = (await orp.registry.sites()).find((s) => s.id === idOrUri || s.uri === idOrUri || s.icglrId === idOrUri);
  if (site) return { uri: site.uri, kind: 'site' };
  const miner = (await orp.registry.miners()).find((m) => m.id === idOrUri || m.uri === idOrUri);
  if (miner) return { uri: miner.uri, kind: 'miner' };
  throw new OrpailleError('ORP_UNKNOWN_PARTY', `supplier ${idOrUri} is not a registered organisation, site or miner`, { party: idOrUri });
}

/** A registered organisation by short id or URI; ORP_NOT_FOUND otherwise. */
export async function requireOrganisation(orp: Orpaille, idOrUri: string): Promise<Organisation> {
  const org = await orp.registry.organisation(idOrUri);
  if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation ${idOrUri}`, { organisation: idOrUri });
  return org;
}

export interface DecisionInput {
  /** Default: generated. */
  id?: string;
  supplier: string;
  decision: string;
  decidedBy: string;
  reason: string;
  /** ISO 8601 instant from which it applies (default now). */
  decidedAt?: string;
  planId?: string;
}

/** A recorded decision and, for a suspension or disengagement, the supplier's stock the organisation still holds (flagged). */
export interface DecisionRecorded {
  decision: SupplierDecision;
  flaggedStock: FlaggedLot[];
}

/**
 * Records a decision of `organisation` about a supplier. From `decidedAt` on, a suspension or
 * disengagement refuses the supplier's new lots at capture (ORP_SUPPLIER_SUSPENDED /
 * ORP_SUPPLIER_DISENGAGED); the stock received before is returned as flagged.
 */
export async function recordDecision(orp: Orpaille, organisation: Organisation, input: DecisionInput): Promise<DecisionRecorded> {
  if (!isSupplierDecision(input.decision)) throw badInput(`decision must be one of ${SUPPLIER_DECISIONS.join(', ')}`, { field: 'decision', value: input.decision });
  const supplier = await resolveSupplier(orp, input.supplier);
  const decision: SupplierDecision = {
    id: input.id ?? newId('dec'),
    organisation: organisation.uri,
    supplier: supplier.uri,
    decision: input.decision,
    decidedBy: input.decidedBy,
    decidedAt: input.decidedAt ?? orp.clock.now().toISOString(),
    reason: input.reason,
    ...(input.planId !== undefined ? { planId: input.planId } : {}),
  };
  checkSupplierDecision(decision);
  await orp.gating.addDecision(decision);
  const flaggedStock = REFUSING_DECISIONS.includes(decision.decision) ? await orp.gating.stockFrom(organisation.uri, supplier.uri) : [];
  return { decision, flaggedStock };
}

/** The supplier's standing with an organisation now: the decision in force, its history and the stock flagged. */
export async function supplierStanding(orp: Orpaille, organisation: Organisation, supplierIdOrUri: string) {
  const supplier = await resolveSupplier(orp, supplierIdOrUri);
  const history = await orp.gating.decisions(organisation.uri, supplier.uri);
  const inForce = decisionInForce(history, orp.clock.now().getTime());
  const refusing = inForce !== undefined && REFUSING_DECISIONS.includes(inForce.decision);
  return {
    organisation: organisation.uri,
    supplier: supplier.uri,
    ...(inForce ? { inForce } : {}),
    refusesNewLots: refusing,
    history,
    flaggedStock: refusing ? await orp.gating.stockFrom(organisation.uri, supplier.uri) : [],
  };
}

/**
 * Why a lot is flagged for an organisation now: its suspensions and disengagements in force whose supplier the
 * lot came from (the stock `recordDecision` returns as flagged). Empty when the lot is not flagged.
 */
export async function lotFlags(orp: Orpaille, organisation: string, lot: string): Promise<SupplierRefusal[]> {
  const bySupplier = new Map<string, SupplierDecision[]>();
  for (const d of await orp.gating.decisions(organisation)) bySupplier.set(d.supplier, [...(bySupplier.get(d.supplier) ?? []), d]);
  const now = orp.clock.now().getTime();
  const flags: SupplierRefusal[] = [];
  for (const history of bySupplier.values()) {
    const refusal = refusalOf(decisionInForce(history, now));
    if (refusal && (await orp.gating.stockFrom(organisation, refusal.supplier)).some((l) => l.lot === lot)) flags.push(refusal);
  }
  return flags;
}

/**
 * Confirming a risk that calls for immediate disengagement (OECD Annex II 1 and 2: serious abuses, support to
 * non-state armed groups) suspends the supplier or site at once, in the register owner's name, by `system`,
 * until a person decides. Returns undefined when the entry calls for no such suspension or already caused one.
 */
export async function suspendForConfirmedRisk(orp: Orpaille, entry: RiskEntry): Promise<DecisionRecorded | undefined> {
  if (riskStatus(entry) !== 'confirmed' || riskResponse(entry) !== 'disengage') return undefined;
  const history = await orp.gating.decisions(entry.owner, entry.subject.uri);
  if (history.some((d) => d.riskRef === entry.id)) return undefined;
  const organisation = await requireOrganisation(orp, entry.owner);
  const decision: SupplierDecision = {
    id: newId('dec'),
    organisation: organisation.uri,
    supplier: entry.subject.uri,
    decision: 'suspend',
    decidedBy: 'system',
    decidedAt: orp.clock.now().toISOString(),
    reason: `risk ${entry.id} (${entry.risk}) confirmed: OECD Annex II calls for immediate suspension or disengagement; suspended until a person decides`,
    riskRef: entry.id,
    automatic: true,
  };
  checkSupplierDecision(decision);
  await orp.gating.addDecision(decision);
  return { decision, flaggedStock: await orp.gating.stockFrom(organisation.uri, entry.subject.uri) };
}
