import { OrpailleError, badInput, parseIsoDateTime } from '../../kernel/index.js';
import { SUPPLIER_DECISIONS, type SupplierDecision, type SupplierDecisionKind } from '../shapes.js';

export { SUPPLIER_DECISIONS, type SupplierDecision, type SupplierDecisionKind } from '../shapes.js';

/** Decisions under which the supplier's new lots are refused at capture. */
export const REFUSING_DECISIONS: readonly SupplierDecisionKind[] = ['suspend', 'disengage'];

/** The decision in force that refuses a supplier's new lots, as the capture decision needs it. */
export interface SupplierRefusal {
  decision: 'suspend' | 'disengage';
  organisation: string;
  supplier: string;
  decidedAt: string;
  decidedBy: string;
  reason: string;
}

/** Narrows a string to a decision kind. */
export function isSupplierDecision(v: string): v is SupplierDecisionKind {
  return (SUPPLIER_DECISIONS as readonly string[]).includes(v);
}

/** Checks a decision before it is recorded: every field present, a known kind, a parseable instant. Throws ORP_BAD_INPUT. */
export function checkSupplierDecision(d: SupplierDecision): void {
  if (!isSupplierDecision(d.decision)) throw badInput(`decision must be one of ${SUPPLIER_DECISIONS.join(', ')}`, { field: 'decision', value: d.decision });
  for (const field of ['organisation', 'supplier', 'decidedBy', 'reason'] as const) {
    if (typeof d[field] !== 'string' || d[field].trim() === '') throw badInput(`a decision needs ${field}`, { field });
  }
  if (Number.isNaN(parseIsoDateTime(d.decidedAt))) throw badInput(`decidedAt "${d.decidedAt}" is not an ISO 8601 date-time with offset`, { field: 'decidedAt' });
  if (d.organisation === d.supplier) throw badInput('an organisation does not decide about itself as a supplier', { supplier: d.supplier });
}

/**
 * The decision in force at `atMs` among one (organisation, supplier) history: the latest decided at or
 * before that instant (ties: the later in the list). Undefined when none was made yet.
 */
export function decisionInForce(history: readonly SupplierDecision[], atMs: number): SupplierDecision | undefined {
  let best: SupplierDecision | undefined;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const d of history) {
    const t = parseIsoDateTime(d.decidedAt);
    if (t <= atMs && t >= bestAt) {
      best = d;
      bestAt = t;
    }
  }
  return best;
}

/** The refusal a decision in force means for new lots, or undefined when it lets them in. */
export function refusalOf(d: SupplierDecision | undefined): SupplierRefusal | undefined {
  if (!d || (d.decision !== 'suspend' && d.decision !== 'disengage')) return undefined;
  return { decision: d.decision, organisation: d.organisation, supplier: d.supplier, decidedAt: d.decidedAt, decidedBy: d.decidedBy, reason: d.reason };
}

/** The stable error refusing a lot of a suspended or disengaged supplier. */
export function supplierRefusalError(r: SupplierRefusal, via: string, lots: readonly string[]): OrpailleError {
  const code = r.decision === 'suspend' ? 'ORP_SUPPLIER_SUSPENDED' : 'ORP_SUPPLIER_DISENGAGED';
  const verb = r.decision === 'suspend' ? 'suspended' : 'disengaged from';
  const through = via === r.supplier ? '' : ` (${via} belongs to it)`;
  return new OrpailleError(
    code,
    `${r.organisation} ${verb} supplier ${r.supplier}${through} on ${r.decidedAt} (${r.decidedBy}: ${r.reason}); its new lots are refused`,
    { organisation: r.organisation, supplier: r.supplier, party: via, decision: r.decision, decidedAt: r.decidedAt, decidedBy: r.decidedBy, reason: r.reason, lots: [...lots] },
  );
}
