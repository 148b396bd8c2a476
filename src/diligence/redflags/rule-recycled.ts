import type { PurchaseEvent } from '../../custody/index.js';
import type { MaterialBook } from './material-book.js';
import type { RedFlagHit, ScanContext, ScanEvent } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Gold declared recycled on a purchase while the seller is known for mined gold (GOLD-RULES s.5,
 * "mined gold declared as scrap"): the lots sold trace back to a mine site (through any melt or mix),
 * or the seller produced or sold mined gold in the rule's window before the sale. One hit per purchase.
 */
export function recycledFromMinedSupplier(ev: ScanEvent, g: PurchaseEvent, ctx: ScanContext, book: MaterialBook): RedFlagHit | undefined {
  if (g.declaredMaterial !== 'recycled') return undefined;
  const rule = ctx.rules.recycledFromMined(g.eventTime);
  if (!rule?.value.enabled) return undefined;
  const { windowDays } = rule.value;
  const sites = [...new Set(g.lots.flatMap((l) => book.origins(l)))].sort();
  const history = book.minedActivity(g.seller, ev.atMs - windowDays * DAY_MS, ev);
  if (sites.length === 0 && history.length === 0) return undefined;
  const why = sites.length > 0 ? `its lots trace back to ${sites.length === 1 ? 'a mine site' : `${sites.length} mine sites`}` : `the seller produced or sold mined gold ${history.length} time(s) in the ${windowDays} days before`;
  return {
    rule: 'recycled_from_mined_supplier',
    key: `recycled_from_mined_supplier|${g.buyer}|${g.purchaseNumber}`,
    org: g.recorder,
    subject: g.purchaseNumber,
    eventTime: g.eventTime,
    seqs: [...history.map((h) => h.seq), ev.seq],
    summary: `purchase ${g.purchaseNumber} declared recycled gold, but ${why}`,
    numbers: { purchaseNumber: g.purchaseNumber, seller: g.seller, declaredMaterial: 'recycled', lots: g.lots.length, mineSites: sites.join('; ') || 'none known', minedEventsInWindow: history.length },
    threshold: { windowDays, mineOriginOrMinedHistory: true },
    ruleVersion: rule.version,
  };
}
