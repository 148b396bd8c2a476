import { newId } from '../access/index.js';
import { ruleDay, settle, type Charge, type PriceUsed, type RuleRef, type SettlementInput, type SettlementStatement } from '../certification/index.js';
import { OrpailleError, badInput, gramsToMg, parseFineness } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { lotUriOf, partyUri, requireExchange, type Actor } from './assays.js';
import { priceOn } from './prices.js';

export interface SettlementArgs {
  lot: string;
  seller: string;
  buyer: string;
  /** Net melt mass, grams (decimal). */
  netMeltGrams: string;
  /** Final assay, per-mille; or the id of a reconciled assay exchange of the lot. */
  fineness?: string;
  assayExchange?: string;
  payablePercent: string;
  /** The agreed pricing date (ISO 8601). */
  pricingDate: string;
  /** Agreed gold price USD/ozt; when absent the imported price that applies on the pricing date. */
  benchmarkUsdPerOz?: string;
  charges?: Charge[];
  silverCredit?: { fineness: string; payablePercent: string; benchmarkUsdPerOz?: string };
}

async function priceFor(orp: Orpaille, metal: 'gold' | 'silver', date: string, given: string | undefined): Promise<{ price: PriceUsed; rule?: RuleRef }> {
  if (given !== undefined) return { price: { kind: 'agreed', date, value: given, currency: 'USD', source: 'agreed by the parties' } };
  const { kind, date: on, value, currency, source, rule } = await priceOn(orp, metal, date);
  return { price: { kind, date: on, value, currency, source }, ...(rule ? { rule } : {}) };
}

/**
 * Computes a settlement statement for a delivery lot and stores it as a document: every input, the
 * result, the price applied (which, which date) and the rule versions used (assay reconciliation,
 * price lookback). The actor must be the seller or the buyer.
 */
export async function createSettlement(orp: Orpaille, actor: Actor, a: SettlementArgs): Promise<SettlementStatement> {
  const lot = await lotUriOf(orp, a.lot);
  const seller = await partyUri(orp, a.seller, 'seller');
  const buyer = await partyUri(orp, a.buyer, 'buyer');
  if (actor.org.uri !== seller && actor.org.uri !== buyer) throw new OrpailleError('ORP_FORBIDDEN', 'a settlement is made by its seller or its buyer', { seller, buyer });
  const pricingDate = ruleDay(a.pricingDate);
  const rules: RuleRef[] = [];

  let fineness: number;
  let assay: SettlementInput['assay'];
  if (a.assayExchange !== undefined) {
    if (a.fineness !== undefined) throw badInput('give either fineness or assayExchange, not both', {});
    const x = await requireExchange(orp, a.assayExchange);
    if (x.lot !== lot) throw badInput(`assay exchange ${x.id} is of lot ${x.lot}, not ${lot}`, { assayExchange: x.id });
    const r = x.reconciliation;
    if (!r || r.status !== 'final') throw badInput(`assay exchange ${x.id} has no final assay yet (${r?.status ?? 'not reconciled'})`, { assayExchange: x.id, status: r?.status ?? null });
    fineness = r.fineness;
    assay = { basis: r.basis, exchange: x.id };
    rules.push(...r.rules);
  } else {
    if (a.fineness === undefined) throw badInput('give the final assay: fineness, or assayExchange', {});
    fineness = parseFineness(a.fineness);
    assay = { basis: 'agreed' };
  }

  const gold = await priceFor(orp, 'gold', pricingDate, a.benchmarkUsdPerOz);
  if (gold.rule) rules.push(gold.rule);
  let silverCredit: SettlementInput['silverCredit'];
  if (a.silverCredit) {
    const silver = await priceFor(orp, 'silver', pricingDate, a.silverCredit.benchmarkUsdPerOz);
    if (silver.rule) rules.push(silver.rule);
    silverCredit = { fineness: parseFineness(a.silverCredit.fineness, 'silver fineness'), payablePercent: a.silverCredit.payablePercent, price: silver.price };
  }
  const input: SettlementInput = {
    netMeltMg: gramsToMg(a.netMeltGrams, 'netMeltGrams'),
    fineness,
    assay,
    payablePercent: a.payablePercent,
    price: gold.price,
    charges: a.charges ?? [],
    ...(silverCredit ? { silverCredit } : {}),
  };
  const statement: SettlementStatement = {
    id: newId('stl'),
    lot,
    seller,
    buyer,
    pricingDate,
    input,
    result: settle(input),
    rules,
    createdAt: orp.clock.now().toISOString(),
    org: actor.org.id,
    createdBy: actor.by,
  };
  await orp.settlements.add(statement);
  return statement;
}
