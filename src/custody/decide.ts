import { OrpailleError, fineGoldMg, formatGrams, isCountryCode, isCurrencyCode, parseIsoDateTime } from '../kernel/index.js';
import { availableMg, creditDeltas, creditKey, expiredMg } from './credits.js';
import { gateSuppliers } from './gate.js';
import type { DecisionContext } from './rules.js';
import type { CustodyState } from './state.js';
import {
  PHYSICAL_COC_MODELS,
  type AssayEvent,
  type ConsumeEvent,
  type ExportEvent,
  type GoldEvent,
  type LotState,
  type LotUri,
  type NewLot,
  type PackEvent,
  type ProductionEvent,
  type PurchaseEvent,
  type ReceiveEvent,
  type ShipEvent,
  type TransformEvent,
} from './types.js';

/**
 * Decides whether an event may be appended to the ledger given the current state: returns nothing
 * when it may, throws an OrpailleError with a stable code naming the lot and quantities when it may
 * not. Pure: reads only its arguments. The invariants are those of GOLD-RULES s.3.
 */
export function decide(event: GoldEvent, state: CustodyState, ctx: DecisionContext): void {
  const at = checkTime(event, ctx);
  if (!ctx.isOrganisation(event.recorder)) {
    throw new OrpailleError('ORP_UNKNOWN_PARTY', `recorder ${event.recorder} is not a registered organisation`, {
      party: event.recorder,
    });
  }
  decideInvariants(event, state, ctx, at);
  gateSuppliers(event, state, ctx, at);
}

function decideInvariants(event: GoldEvent, state: CustodyState, ctx: DecisionContext, at: number): void {
  switch (event.type) {
    case 'production':
      return decideProduction(event, state, ctx, at);
    case 'purchase':
      return decidePurchase(event, state, ctx, at);
    case 'pack':
      return decidePack(event, state, at);
    case 'ship':
      return decideShip(event, state, ctx, at);
    case 'receive':
      return decideReceive(event, state, at);
    case 'assay':
      return decideAssay(event, state, at);
    case 'transform':
      return decideTransform(event, state, ctx, at);
    case 'export':
      return decideExport(event, state, at);
    case 'consume':
      return decideConsume(event, state, at);
  }
}

function checkTime(event: GoldEvent, ctx: DecisionContext): number {
  const at = parseIsoDateTime(event.eventTime);
  if (Number.isNaN(at)) {
    throw new OrpailleError('ORP_BAD_INPUT', `eventTime "${event.eventTime}" is not an ISO 8601 date-time with offset`, {
      eventTime: event.eventTime,
    });
  }
  if (at > ctx.now + ctx.maxClockSkewMs) {
    throw new OrpailleError('ORP_EVENT_TIME_IMPLAUSIBLE', `eventTime ${event.eventTime} is in the future`, {
      eventTime: event.eventTime,
      now: new Date(ctx.now).toISOString(),
    });
  }
  return at;
}

/** Invariant 6: no event on a lot before the lot existed or before its last recorded event. */
function checkOrder(lot: LotState, at: number): void {
  if (at < lot.lastEventAt) {
    throw new OrpailleError(
      'ORP_EVENT_TIME_IMPLAUSIBLE',
      `event at ${new Date(at).toISOString()} on lot ${lot.lot} precedes its last event at ${new Date(lot.lastEventAt).toISOString()}`,
      { lot: lot.lot, eventTime: new Date(at).toISOString(), lastEventTime: new Date(lot.lastEventAt).toISOString() },
    );
  }
}

/** Invariant 3 plus existence: the lot must exist and still be open. */
function openLot(state: CustodyState, uri: LotUri, at: number, arriving = false): LotState {
  const lot = state.lots.get(uri);
  if (!lot) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${uri} does not exist`, { lot: uri });
  // An exported lot leaves the ledger; only its consignee's receipt brings it back in.
  if (lot.status === 'used' || lot.status === 'consumed' || (lot.status === 'exported' && !arriving)) {
    throw new OrpailleError('ORP_LOT_CLOSED', `lot ${uri} is ${lot.status} and takes no further events`, {
      lot: uri,
      status: lot.status,
    });
  }
  checkOrder(lot, at);
  return lot;
}

/** Invariant 2: only the custodian, holding it (not in transit), may handle a lot physically. */
function inCustody(lot: LotState, party: string): void {
  if (lot.status === 'in_transit') {
    throw new OrpailleError('ORP_LOT_IN_TRANSIT', `lot ${lot.lot} is in transit to ${lot.inTransitTo}`, {
      lot: lot.lot,
      inTransitTo: lot.inTransitTo,
    });
  }
  if (lot.custodian !== party) {
    throw new OrpailleError('ORP_LOT_NOT_IN_CUSTODY', `${party} does not hold lot ${lot.lot} (custodian: ${lot.custodian})`, {
      lot: lot.lot,
      party,
      custodian: lot.custodian,
    });
  }
}

function distinct(lots: LotUri[], what: string): void {
  if (lots.length === 0) throw new OrpailleError('ORP_BAD_INPUT', `${what} names no lot`);
  const seen = new Set<LotUri>();
  for (const l of lots) {
    if (seen.has(l)) throw new OrpailleError('ORP_BAD_INPUT', `${what} names lot ${l} twice`, { lot: l });
    seen.add(l);
  }
}

function checkNewLot(state: CustodyState, lot: NewLot): void {
  if (state.lots.has(lot.lot)) {
    throw new OrpailleError('ORP_LOT_EXISTS', `lot ${lot.lot} already exists`, { lot: lot.lot });
  }
  if (!Number.isSafeInteger(lot.grossMg) || lot.grossMg <= 0) {
    throw new OrpailleError('ORP_BAD_INPUT', `lot ${lot.lot} must have a positive gross mass`, {
      lot: lot.lot,
      grossMg: lot.grossMg,
    });
  }
  if (!Number.isInteger(lot.fineness) || lot.fineness <= 0 || lot.fineness > 10000) {
    throw new OrpailleError('ORP_BAD_INPUT', `lot ${lot.lot} must have a fineness above 0 and at most 1000`, {
      lot: lot.lot,
      fineness: lot.fineness / 10,
    });
  }
}

function decideProduction(e: ProductionEvent, state: CustodyState, ctx: DecisionContext, _at: number): void {
  if (!ctx.isSite(e.site)) throw new OrpailleError('ORP_UNKNOWN_SITE', `site ${e.site} is not registered`, { site: e.site });
  if (!ctx.isOrganisation(e.producer)) {
    throw new OrpailleError('ORP_UNKNOWN_PARTY', `producer ${e.producer} is not a registered organisation`, { party: e.producer });
  }
  if (e.miner !== undefined && !ctx.isMiner(e.miner)) {
    throw new OrpailleError('ORP_UNKNOWN_PARTY', `miner ${e.miner} is not registered`, { party: e.miner });
  }
  checkNewLot(state, e.lot);
}

function decidePurchase(e: PurchaseEvent, state: CustodyState, ctx: DecisionContext, at: number): void {
  distinct(e.lots, 'purchase');
  if (e.seller === e.buyer) throw new OrpailleError('ORP_BAD_INPUT', 'seller and buyer are the same party', { party: e.buyer });
  if (!ctx.isOrganisation(e.buyer) && !ctx.isMiner(e.buyer)) {
    throw new OrpailleError('ORP_UNKNOWN_PARTY', `buyer ${e.buyer} is not registered`, { party: e.buyer });
  }
  if (e.recorder !== e.buyer && e.recorder !== e.seller) {
    throw new OrpailleError('ORP_BAD_INPUT', `a purchase is recorded by its buyer or seller, not ${e.recorder}`, {
      recorder: e.recorder,
    });
  }
  if (!/^\d+(\.\d+)?$/.test(e.price)) throw new OrpailleError('ORP_BAD_INPUT', `price "${e.price}" is not a decimal amount`);
  if (!isCurrencyCode(e.currency)) throw new OrpailleError('ORP_BAD_INPUT', `currency "${e.currency}" is not an ISO 4217 code`);
  const lots: LotState[] = [];
  for (const uri of e.lots) {
    // Title often passes at the export point: the consignee may buy an exported lot before it arrives.
    const fob = !e.custodyTransferred && state.lots.get(uri)?.status === 'exported' && state.lots.get(uri)?.inTransitTo === e.buyer;
    const lot = openLot(state, uri, at, fob);
    if (lot.owner !== e.seller) {
      throw new OrpailleError('ORP_LOT_NOT_OWNED', `${e.seller} does not own lot ${uri} (owner: ${lot.owner})`, {
        lot: uri,
        party: e.seller,
        owner: lot.owner,
      });
    }
    if (e.custodyTransferred) inCustody(lot, e.seller);
    lots.push(lot);
  }
  // Certified purchases: the scheme's minimum price under the buyer's policy.
  ctx.purchasePrice?.(e, lots);
}

function decidePack(e: PackEvent, state: CustodyState, at: number): void {
  distinct(e.lots, 'pack');
  for (const uri of e.lots) {
    const lot = openLot(state, uri, at);
    inCustody(lot, e.recorder);
    if (lot.bag !== undefined) {
      throw new OrpailleError('ORP_LOT_ALREADY_PACKED', `lot ${uri} is already sealed in bag ${lot.bag}`, { lot: uri, bag: lot.bag });
    }
  }
}

function decideShip(e: ShipEvent, state: CustodyState, ctx: DecisionContext, at: number): void {
  distinct(e.lots, 'shipment');
  if (e.from !== e.recorder) throw new OrpailleError('ORP_BAD_INPUT', `a shipment is recorded by its sender`, { from: e.from, recorder: e.recorder });
  if (e.to === e.from) throw new OrpailleError('ORP_BAD_INPUT', 'a shipment needs a destination other than its source', { party: e.to });
  if (!ctx.isOrganisation(e.to)) throw new OrpailleError('ORP_UNKNOWN_PARTY', `destination ${e.to} is not registered`, { party: e.to });
  for (const uri of e.lots) inCustody(openLot(state, uri, at), e.from);
}

function decideReceive(e: ReceiveEvent, state: CustodyState, at: number): void {
  distinct(e.lots, 'receipt');
  if (e.to !== e.recorder) throw new OrpailleError('ORP_BAD_INPUT', `a receipt is recorded by its receiver`, { to: e.to, recorder: e.recorder });
  for (const uri of e.lots) {
    const lot = openLot(state, uri, at, true);
    if ((lot.status !== 'in_transit' && lot.status !== 'exported') || lot.inTransitTo !== e.to) {
      throw new OrpailleError('ORP_LOT_NOT_IN_TRANSIT', `lot ${uri} is not in transit to ${e.to}`, {
        lot: uri,
        status: lot.status,
        inTransitTo: lot.inTransitTo,
      });
    }
    if (lot.custodian !== e.from) {
      throw new OrpailleError('ORP_LOT_NOT_IN_CUSTODY', `lot ${uri} was not shipped by ${e.from}`, {
        lot: uri,
        party: e.from,
        custodian: lot.custodian,
      });
    }
  }
}

function decideAssay(e: AssayEvent, state: CustodyState, at: number): void {
  const lot = openLot(state, e.lot, at);
  inCustody(lot, e.recorder);
  if (!Number.isInteger(e.fineness) || e.fineness <= 0 || e.fineness > 10000) {
    throw new OrpailleError('ORP_BAD_INPUT', `assayed fineness must be above 0 and at most 1000`, { lot: e.lot });
  }
}

function decideExport(e: ExportEvent, state: CustodyState, at: number): void {
  distinct(e.lots, 'export');
  if (e.exporter !== e.recorder) throw new OrpailleError('ORP_BAD_INPUT', 'an export is recorded by its exporter');
  if (!isCountryCode(e.destinationCountry)) {
    throw new OrpailleError('ORP_BAD_INPUT', `destination country "${e.destinationCountry}" is not an ISO 3166-1 alpha-2 code`);
  }
  for (const uri of e.lots) inCustody(openLot(state, uri, at), e.exporter);
}

function decideConsume(e: ConsumeEvent, state: CustodyState, at: number): void {
  inCustody(openLot(state, e.lot, at), e.recorder);
}

function decideTransform(e: TransformEvent, state: CustodyState, ctx: DecisionContext, at: number): void {
  if (e.inputs.length === 0 || e.outputs.length === 0) {
    throw new OrpailleError('ORP_BAD_INPUT', `a ${e.operation} needs at least one input and one output lot`);
  }
  // Invariant 2: quantities asked of each input (summed if named twice) must be held.
  const asked = new Map<LotUri, number>();
  for (const input of e.inputs) {
    if (!Number.isSafeInteger(input.massMg) || input.massMg <= 0) {
      throw new OrpailleError('ORP_BAD_INPUT', `input quantity for lot ${input.lot} must be positive`, { lot: input.lot });
    }
    asked.set(input.lot, (asked.get(input.lot) ?? 0) + input.massMg);
  }
  let fineIn = 0;
  const owners = new Set<string>();
  const inputLots: LotState[] = [];
  for (const [uri, askedMg] of asked) {
    const lot = openLot(state, uri, at);
    inCustody(lot, e.recorder);
    if (askedMg > lot.heldMg) {
      throw new OrpailleError(
        'ORP_LOT_INSUFFICIENT_MASS',
        `lot ${uri} holds ${formatGrams(lot.heldMg)} g; ${formatGrams(askedMg)} g asked`,
        { lot: uri, askedGrams: formatGrams(askedMg), heldGrams: formatGrams(lot.heldMg) },
      );
    }
    fineIn += fineGoldMg(askedMg, lot.fineness);
    owners.add(lot.owner);
    inputLots.push(lot);
  }
  if (owners.size > 1) {
    throw new OrpailleError('ORP_LOT_NOT_OWNED', `inputs belong to different owners (${[...owners].join(', ')})`, {
      owners: [...owners],
    });
  }
  const seenOut = new Set<LotUri>();
  let fineOut = 0;
  for (const out of e.outputs) {
    if (seenOut.has(out.lot) || asked.has(out.lot)) {
      throw new OrpailleError('ORP_BAD_INPUT', `output lot ${out.lot} is named twice`, { lot: out.lot });
    }
    seenOut.add(out.lot);
    checkNewLot(state, out);
    fineOut += fineGoldMg(out.grossMg, out.fineness);
  }
  // Invariant 1: fine gold is conserved, and the loss stays within the dated tolerance.
  if (fineOut > fineIn) {
    throw new OrpailleError(
      'ORP_FINE_GOLD_NOT_CONSERVED',
      `${e.operation} puts out ${formatGrams(fineOut)} g fine gold from ${formatGrams(fineIn)} g in`,
      { operation: e.operation, fineInGrams: formatGrams(fineIn), fineOutGrams: formatGrams(fineOut), lots: [...asked.keys()] },
    );
  }
  const tolerance = ctx.rules.lossTolerancePermille(e.operation, at);
  if (tolerance === undefined) {
    throw new OrpailleError('ORP_NO_RULE', `no loss tolerance rule for ${e.operation} on ${e.eventTime}`, { operation: e.operation });
  }
  checkLoss(e, ctx, at, fineIn, fineOut, tolerance, [...asked.keys()]);
  checkModels(e, inputLots);
  // Invariant 5: mass-balance credits of the recorder never go negative, and expired ones do not count.
  for (const [scheme, delta] of creditDeltas(e, inputLots, asked)) {
    if (delta >= 0) continue;
    const account = state.credits.get(creditKey(e.recorder, scheme, 'gold'));
    const available = availableMg(account, at);
    if (available + delta < 0) {
      const expired = expiredMg(account, at);
      throw new OrpailleError(
        'ORP_CREDIT_NEGATIVE',
        `${scheme} credit of ${e.recorder} would fall to ${formatGrams(available + delta)} g fine` +
          (expired > 0 ? ` (${formatGrams(expired)} g more had expired and cannot back a claim)` : ''),
        {
          holder: e.recorder,
          scheme,
          metal: 'gold',
          balanceGrams: formatGrams(available),
          askedGrams: formatGrams(-delta),
          ...(expired > 0 ? { expiredGrams: formatGrams(expired) } : {}),
        },
      );
    }
  }
}

/**
 * Invariant 4 and the stricter identity-preserved rule, per output model:
 * - identity preserved: exactly one input lot, itself identity preserved with the same scheme (so the
 *   output keeps the single site of origin); a lot is never combined with another, even a like one;
 * - segregated: every input segregated or identity preserved, with the output's scheme;
 * - mass balance and book and claim: any inputs (their scheme is backed by credits, invariant 5).
 */
function checkModels(e: TransformEvent, inputLots: LotState[]): void {
  for (const out of e.outputs) {
    if (out.cocModel === 'identity_preserved') {
      const only = inputLots.length === 1 ? inputLots[0] : undefined;
      if (!only || only.cocModel !== 'identity_preserved' || only.scheme !== out.scheme) {
        const why = !only
          ? `it would combine ${inputLots.length} lots (${inputLots.map((l) => l.lot).join(', ')})`
          : `its input ${only.lot} is ${only.cocModel}${only.scheme ? ` (${only.scheme})` : ' (uncertified)'}`;
        throw new OrpailleError('ORP_IDENTITY_NOT_PRESERVED', `output ${out.lot} cannot stay identity preserved: ${why}`, {
          lot: out.lot,
          inputs: inputLots.map((l) => l.lot),
        });
      }
    }
    if (out.cocModel !== 'segregated') continue;
    const breaker = inputLots.find((l) => !PHYSICAL_COC_MODELS.includes(l.cocModel) || l.scheme !== out.scheme);
    if (breaker) {
      throw new OrpailleError(
        'ORP_SEGREGATION_BROKEN',
        `output ${out.lot} cannot stay segregated: input ${breaker.lot} is ${breaker.cocModel}${breaker.scheme ? ` (${breaker.scheme})` : ' (uncertified)'}`,
        { lot: out.lot, input: breaker.lot },
      );
    }
  }
}

/**
 * A loss beyond the tolerance is rejected, unless the operation's dated policy accepts declared
 * deviations and the event declares one whose figures are its own (loss of its inputs and outputs to
 * the thousandth of a per-mille, the tolerance in force). A deviation declared where the loss is within
 * tolerance is refused too: it would raise an incident about nothing.
 */
function checkLoss(e: TransformEvent, ctx: DecisionContext, at: number, fineIn: number, fineOut: number, tolerance: number, lots: LotUri[]): void {
  const lossPermille = fineIn === 0 ? 0 : ((fineIn - fineOut) * 1000) / fineIn;
  // Thousandths of a per-mille, exactly from the integer milligrams: what a declaration must state.
  const lossMilli = fineIn === 0 ? 0 : Math.round(((fineIn - fineOut) * 1_000_000) / fineIn);
  const figures = { operation: e.operation, fineInGrams: formatGrams(fineIn), fineOutGrams: formatGrams(fineOut), lossPermille: lossMilli / 1000, tolerancePermille: tolerance, lots };
  const declared = e.lossDeviation;
  if (lossPermille <= tolerance) {
    if (declared) {
      throw new OrpailleError('ORP_LOSS_DEVIATION_MISMATCH', `${e.operation} declares a loss deviation but loses ${(lossPermille / 10).toFixed(2)} %, within the ${(tolerance / 10).toFixed(2)} % tolerance`, { ...figures, declared });
    }
    return;
  }
  const policy = ctx.rules.lossDeviationPolicy(e.operation, at) ?? 'reject';
  if (!declared || policy === 'reject') {
    throw new OrpailleError(
      'ORP_LOSS_BEYOND_TOLERANCE',
      `${e.operation} loses ${(lossPermille / 10).toFixed(2)} % of the fine gold; tolerance is ${(tolerance / 10).toFixed(2)} %` +
        (policy === 'accept_declared' ? ' (declare the deviation as gold:lossDeviation to record it)' : declared ? ' (the policy for this operation rejects declared deviations too)' : ''),
      { ...figures, policy, ...(declared ? { declared } : {}) },
    );
  }
  if (Math.round(declared.lossPermille * 1000) !== lossMilli || declared.tolerancePermille !== tolerance) {
    throw new OrpailleError(
      'ORP_LOSS_DEVIATION_MISMATCH',
      `the declared loss deviation (${declared.lossPermille} ‰ against ${declared.tolerancePermille} ‰) is not the event's: ${lossMilli / 1000} ‰ against ${tolerance} ‰`,
      { ...figures, declared },
    );
  }
}
