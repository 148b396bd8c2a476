import { fineGoldMg, parseIsoDateTime } from '../kernel/index.js';
import { creditDeltas, creditKey, earn, emptyAccount, spend } from './credits.js';
import type { CustodyRules } from './rules.js';
import type { Change, CustodyState } from './state.js';
import type { GoldEvent, LotInputEdge, LotState, LotUri, NewLot } from './types.js';

/**
 * Applies an accepted event to the working state and says what changed. It does not validate:
 * `decide` has, or the event comes from the verified ledger. The state's maps are updated in place
 * because a batch's working set is private to that batch. `rules` date the credits a transformation
 * earns (their expiry is the scheme's rule in force on the day they are earned).
 */
export function evolve(state: CustodyState, event: GoldEvent, rules: Pick<CustodyRules, 'creditExpiresAt'>): Change {
  const at = parseIsoDateTime(event.eventTime);
  const change: Change = { created: [], updated: [], edges: [], credits: [] };
  const update = (uri: LotUri, patch: Partial<LotState>): void => {
    const lot = state.lots.get(uri);
    if (!lot) return;
    state.lots.set(uri, { ...lot, ...patch, lastEventAt: Math.max(lot.lastEventAt, at) });
    if (!change.updated.includes(uri) && !change.created.includes(uri)) change.updated.push(uri);
  };
  switch (event.type) {
    case 'production': {
      const owner = event.miner ?? event.producer;
      state.lots.set(event.lot.lot, newLotState(event.lot, owner, owner, at, event.site));
      change.created.push(event.lot.lot);
      break;
    }
    case 'purchase':
      for (const uri of event.lots) {
        update(uri, event.custodyTransferred ? { owner: event.buyer, custodian: event.buyer } : { owner: event.buyer });
      }
      break;
    case 'pack':
      for (const uri of event.lots) update(uri, { bag: event.bag, tag: event.tag, seal: event.seal });
      break;
    case 'ship':
      for (const uri of event.lots) update(uri, { status: 'in_transit', inTransitTo: event.to });
      break;
    case 'receive':
      for (const uri of event.lots) update(uri, { status: 'active', inTransitTo: undefined, custodian: event.to });
      break;
    case 'assay':
      update(event.lot, { fineness: event.fineness, assay: event.assay });
      break;
    case 'export':
      for (const uri of event.lots) update(uri, { status: 'exported', inTransitTo: event.destination });
      break;
    case 'consume':
      update(event.lot, { status: 'consumed' });
      break;
    case 'transform': {
      const inputs: { lot: LotState; massMg: number }[] = [];
      const asked = new Map<LotUri, number>();
      for (const i of event.inputs) asked.set(i.lot, (asked.get(i.lot) ?? 0) + i.massMg);
      for (const [uri, massMg] of asked) {
        const lot = state.lots.get(uri);
        if (lot) inputs.push({ lot, massMg });
      }
      const first = inputs[0]?.lot;
      const owner = first?.owner ?? event.recorder;
      const sites = new Set(inputs.map((i) => i.lot.site));
      const site = sites.size === 1 ? inputs[0]?.lot.site : undefined;
      for (const out of event.outputs) {
        state.lots.set(out.lot, newLotState(out, event.recorder, owner, at, site));
        change.created.push(out.lot);
      }
      change.edges.push(...genealogyEdges(inputs, event.outputs));
      for (const [scheme, delta] of creditDeltas(event, inputs.map((i) => i.lot), asked)) {
        if (delta === 0) continue;
        const key = creditKey(event.recorder, scheme, 'gold');
        const account = state.credits.get(key) ?? emptyAccount(event.recorder, scheme, 'gold');
        state.credits.set(key, account);
        if (delta > 0) earn(account, delta, at, rules.creditExpiresAt(scheme, 'gold', at));
        else spend(account, -delta, at);
        change.credits.push(key);
      }
      for (const { lot, massMg } of inputs) {
        const heldMg = lot.heldMg - massMg;
        update(lot.lot, heldMg === 0 ? { heldMg, status: 'used', bag: undefined } : { heldMg, bag: undefined });
      }
      break;
    }
  }
  return change;
}

function newLotState(lot: NewLot, custodian: string, owner: string, at: number, site: string | undefined): LotState {
  return {
    lot: lot.lot,
    form: lot.form,
    initialMg: lot.grossMg,
    heldMg: lot.grossMg,
    fineness: lot.fineness,
    custodian,
    owner,
    status: 'active',
    site,
    tag: lot.tag,
    seal: lot.seal,
    cocModel: lot.cocModel,
    scheme: lot.scheme,
    assay: lot.assay,
    createdAt: at,
    lastEventAt: at,
  };
}

/**
 * Each output receives fine gold from each input in proportion to its own share of the fine gold
 * out; an edge weight is never rounded to zero so no origin disappears from a trace.
 */
function genealogyEdges(inputs: { lot: LotState; massMg: number }[], outputs: NewLot[]): LotInputEdge[] {
  const outFine = outputs.map((o) => fineGoldMg(o.grossMg, o.fineness));
  const totalOut = outFine.reduce((a, b) => a + b, 0);
  const edges: LotInputEdge[] = [];
  outputs.forEach((o, k) => {
    for (const { lot, massMg } of inputs) {
      const fineIn = fineGoldMg(massMg, lot.fineness);
      const share = totalOut === 0 ? 1 / outputs.length : (outFine[k] ?? 0) / totalOut;
      edges.push({ output: o.lot, input: lot.lot, fineMg: Math.max(1, Math.round(fineIn * share)) });
    }
  });
  return edges;
}
