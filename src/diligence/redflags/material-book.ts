import type { LotUri, PartyUri, SiteUri } from '../../custody/index.js';
import type { LotFacts, MinedActivity, ScanContext, ScanEvent } from './types.js';

/**
 * What the material rules remember while a scan runs: each lot's form and fineness as the events
 * leave it, and where each lot's gold was mined (production site; transformation outputs keep all their
 * inputs' origins, so re-melting never launders an origin). Older lots come from the context, and so
 * does every party's mined-gold history: the store has indexed the scanned events too (a scan reads
 * committed events), and a rare question there is cheaper than bookkeeping on every event.
 */
export class MaterialBook {
  private readonly facts = new Map<LotUri, LotFacts>();
  private readonly producedAt = new Map<LotUri, SiteUri>();
  private readonly inputsOf = new Map<LotUri, LotUri[]>();

  constructor(private readonly ctx: ScanContext) {}

  /** The lot's form and fineness before the event being judged (undefined when nobody knows). */
  lot(lot: LotUri): LotFacts | undefined {
    return this.facts.get(lot) ?? this.ctx.lotFacts(lot);
  }

  /** Mine sites the lot's gold comes from: what the scan saw, joined with what the store knows. */
  origins(lot: LotUri): SiteUri[] {
    const out = new Set<SiteUri>();
    const seen = new Set<LotUri>();
    const stack = [lot];
    while (stack.length > 0) {
      const l = stack.pop()!;
      if (seen.has(l)) continue;
      seen.add(l);
      const site = this.producedAt.get(l);
      if (site) out.add(site);
      for (const s of this.ctx.lotOrigins(l)) out.add(s);
      stack.push(...(this.inputsOf.get(l) ?? []));
    }
    return [...out];
  }

  /** Events (other than `ev`) in (fromMs, ev.atMs] in which the party produced or sold mined gold, oldest first. */
  minedActivity(party: PartyUri, fromMs: number, ev: ScanEvent): MinedActivity[] {
    const all = new Map<number, MinedActivity>();
    for (const a of this.ctx.minedActivity(party)) if (a.seq !== ev.seq && a.atMs > fromMs && a.atMs <= ev.atMs) all.set(a.seq, a);
    return [...all.values()].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  }

  /** Records what the event did to lots (after the rules have judged it). */
  see(ev: ScanEvent): void {
    const g = ev.gold;
    switch (g.type) {
      case 'production':
        this.facts.set(g.lot.lot, g.lot);
        this.producedAt.set(g.lot.lot, g.site);
        break;
      case 'transform':
        for (const o of g.outputs) {
          this.facts.set(o.lot, o);
          this.inputsOf.set(o.lot, g.inputs.map((i) => i.lot));
        }
        break;
      case 'assay': {
        const known = this.lot(g.lot);
        if (known) this.facts.set(g.lot, { form: known.form, fineness: g.fineness });
        break;
      }
      default:
        break;
    }
  }
}
