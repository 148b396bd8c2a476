import { newId } from '../access/index.js';
import { assayResultProblems, reconcileAssays, type AssayExchange, type AssayReconciliation, type AssayResult } from '../certification/index.js';
import { OrpailleError, badInput, parseFineness } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { parseMetal } from './prices.js';

/** Who acts: an organisation (id and URI) and the user or token (or "cli"). */
export interface Actor {
  org: { id: string; uri: string };
  by: string;
}

/** Resolves a party (organisation id or URI) to its URI, or 404. */
export async function partyUri(orp: Orpaille, idOrUri: string, field: string): Promise<string> {
  const org = await orp.registry.organisation(idOrUri);
  if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${idOrUri}" (${field})`, { [field]: idOrUri });
  return org.uri;
}

/** A lot's URI by number or URI, or 404. */
export async function lotUriOf(orp: Orpaille, idOrNumber: string): Promise<string> {
  const lot = await orp.queries.lot(idOrNumber);
  if (!lot) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${idOrNumber} does not exist`, { lot: idOrNumber });
  return lot.lot;
}

/** Opens an assay exchange for a delivery lot between a seller and a buyer; the actor must be one of them. */
export async function openExchange(orp: Orpaille, actor: Actor, a: { lot: string; seller: string; buyer: string; metal?: string }): Promise<AssayExchange> {
  const lot = await lotUriOf(orp, a.lot);
  const seller = await partyUri(orp, a.seller, 'seller');
  const buyer = await partyUri(orp, a.buyer, 'buyer');
  if (seller === buyer) throw badInput('seller and buyer must differ', { seller: a.seller, buyer: a.buyer });
  if (actor.org.uri !== seller && actor.org.uri !== buyer) throw new OrpailleError('ORP_FORBIDDEN', 'an assay exchange is opened by its seller or its buyer', { seller, buyer });
  const x = { id: newId('asx'), lot, metal: parseMetal(a.metal ?? 'gold'), seller, buyer, org: actor.org.id, createdBy: actor.by, createdAt: orp.clock.now().toISOString() };
  await orp.assays.open(x);
  return { ...x, results: [] };
}

/** An exchange by id, or 404. */
export async function requireExchange(orp: Orpaille, id: string): Promise<AssayExchange> {
  const x = await orp.assays.get(id);
  if (!x) throw new OrpailleError('ORP_NOT_FOUND', `no assay exchange ${id}`, { id });
  return x;
}

export interface AssayArgs {
  role: string;
  method: string;
  lab: string;
  sampleIds: string[];
  /** Per-mille, decimal ("913.4"). */
  fineness: string;
  /** ISO 8601 date; default today. */
  date?: string;
}

/**
 * Records the seller's, buyer's or umpire's assay. The seller records the seller's, the buyer the
 * buyer's; either records the umpire's (the umpire lab reports to both). An assay is never overwritten.
 */
export async function recordAssay(orp: Orpaille, actor: Actor, id: string, a: AssayArgs): Promise<AssayExchange> {
  const x = await requireExchange(orp, id);
  const result: AssayResult = {
    role: a.role as AssayResult['role'],
    method: a.method as AssayResult['method'],
    lab: a.lab,
    sampleIds: a.sampleIds,
    fineness: parseFineness(a.fineness),
    date: a.date ?? orp.clock.now().toISOString().slice(0, 10),
  };
  const problems = assayResultProblems(result);
  if (problems.length > 0) throw badInput(`assay: ${problems.join('; ')}`, { problems });
  const own = result.role === 'seller' ? x.seller : result.role === 'buyer' ? x.buyer : undefined;
  if (own !== undefined && actor.org.uri !== own) throw new OrpailleError('ORP_FORBIDDEN', `the ${result.role}'s assay is recorded by the ${result.role}`, { role: result.role });
  if (own === undefined && actor.org.uri !== x.seller && actor.org.uri !== x.buyer) throw new OrpailleError('ORP_FORBIDDEN', 'the umpire assay is recorded by the seller or the buyer', {});
  await orp.assays.addResult(x.id, result, actor.by);
  return requireExchange(orp, id);
}

/** Reconciles an exchange under the rules in force on the latest assay date and stores the outcome. */
export async function reconcileExchange(orp: Orpaille, id: string): Promise<AssayExchange & { reconciliation: AssayReconciliation & { at: string } }> {
  const x = await requireExchange(orp, id);
  const date = x.results.map((r) => r.date).sort().at(-1) ?? x.createdAt.slice(0, 10);
  const r = reconcileAssays(x.results, x.metal, date, await orp.rules.certificationRules());
  const at = orp.clock.now().toISOString();
  await orp.assays.saveReconciliation(x.id, r, at);
  return { ...x, reconciliation: { ...r, at } };
}
