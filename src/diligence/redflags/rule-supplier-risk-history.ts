import type { PurchaseEvent, ReceiveEvent } from '../../custody/index.js';
import { areasContainingPoint, areasCoveringCountry, type RiskArea } from './areas.js';
import type { RedFlagHit, ScanContext, ScanEvent, SupplierExposure, SupplierRiskHit } from './types.js';

/*
 * supplier_risk_history (OECD Gold Supplement, supplier red flag; GOLD-RULES s.5): the supplier an
 * organisation buys from or receives from sourced from a red-flag location in the window before: it held
 * or sold gold whose genealogy reaches a production site in a risk area in force at the time, or it
 * recorded or was the subject of a risk_area_origin / risk_area_transit hit. One incident per buyer,
 * supplier, area and calendar year: the flag looks back twelve months, so it asks for a yearly review of
 * a supplier rather than an incident per purchase.
 */

const DAY_MS = 86_400_000;

/**
 * Origin and transit hits found by the scan under way, by the parties they concern (the recorder and,
 * for transit, the party in the area): the store only knows those raised by earlier scans.
 */
export class InScanRiskHits {
  private readonly byParty = new Map<string, SupplierRiskHit[]>();

  /** Remembers an origin or transit hit; other rules' hits are ignored. */
  note(h: RedFlagHit): void {
    if (h.rule !== 'risk_area_origin' && h.rule !== 'risk_area_transit') return;
    const r: SupplierRiskHit = { atMs: Date.parse(h.eventTime), rule: h.rule, key: h.key, area: String(h.threshold['area']), seqs: h.seqs };
    for (const p of new Set([h.org, ...(h.rule === 'risk_area_transit' ? [h.subject] : [])])) {
      const list = this.byParty.get(p) ?? [];
      list.push(r);
      this.byParty.set(p, list);
    }
  }

  of(party: string): readonly SupplierRiskHit[] {
    return this.byParty.get(party) ?? [];
  }
}

/** Areas in force on `day` that hold a site (its country or its point), memoised per site and day. */
export class SiteAreas {
  private readonly memo = new Map<string, RiskArea[]>();
  // Every purchase walks its supplier's exposures of the window again: each exposure's areas are looked up once,
  // kept by position in the supplier's list (one WeakMap lookup a purchase, not one an exposure).
  private readonly byList = new WeakMap<readonly SupplierExposure[], RiskArea[][]>();
  constructor(private readonly ctx: ScanContext) {}

  /** The areas in force on the day of exposure `i` of a supplier's list that hold its site. */
  ofExposures(list: readonly SupplierExposure[]): (i: number) => RiskArea[] {
    let memo = this.byList.get(list);
    if (!memo) {
      memo = [];
      this.byList.set(list, memo);
    }
    const known = memo;
    return (i) => {
      let out = known[i];
      if (!out) {
        const x = list[i]!;
        out = this.of(x.site, new Date(x.atMs).toISOString().slice(0, 10));
        known[i] = out;
      }
      return out;
    };
  }

  of(siteUri: string, day: string): RiskArea[] {
    const id = `${siteUri}|${day}`;
    let out = this.memo.get(id);
    if (!out) {
      const site = this.ctx.sites.get(siteUri);
      out = site ? [...new Set([...areasCoveringCountry(this.ctx.areas, day, site.country), ...areasContainingPoint(this.ctx.areas, day, site.longitude, site.latitude)])] : [];
      this.memo.set(id, out);
    }
    return out;
  }
}

/** Index of the first item at or after `ms` in a list sorted by time. */
function lowerBound(list: readonly { atMs: number }[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.atMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Found {
  area: string;
  areaName: string;
  via: string;
  atMs: number;
  seqs: number[];
  detail: string;
}

/** One hit per area in which the supplier of a purchase or receive sourced within the rule's window. */
export function supplierRiskHistory(
  ev: ScanEvent,
  g: PurchaseEvent | ReceiveEvent,
  ctx: ScanContext,
  fresh: (key: string) => boolean,
  inScan: InScanRiskHits,
  siteAreas: SiteAreas,
): RedFlagHit[] {
  const buyer = g.type === 'purchase' ? g.buyer : g.to;
  const supplier = g.type === 'purchase' ? g.seller : g.from;
  if (buyer === supplier || !ctx.supplierHistory) return [];
  const rule = ctx.rules.supplierRiskHistory(g.eventTime);
  if (!rule?.value.enabled) return [];
  const { windowDays } = rule.value;
  const year = g.eventTime.slice(0, 4);
  const keyOf = (area: string) => `supplier_risk_history|${buyer}|${supplier}|${area}|${year}`;
  const fromMs = ev.atMs - windowDays * DAY_MS;
  const history = ctx.supplierHistory(supplier);
  const found = new Map<string, Found>();
  // Areas whose incident for this buyer, supplier and year is already raised: asked once, not once per exposure
  // (a supplier's window holds thousands of exposures; the same few areas answer the same).
  const stale = new Set<string>();
  const open = (area: string) => {
    if (found.has(area) || stale.has(area)) return false;
    if (fresh(keyOf(area))) return true;
    stale.add(area);
    return false;
  };
  const areaName = (id: string) => ctx.areas.find((a) => a.id === id)?.name ?? id;

  const exposures: readonly SupplierExposure[] = history.exposures;
  const areasOf = siteAreas.ofExposures(exposures);
  for (let i = lowerBound(exposures, fromMs); i < exposures.length && exposures[i]!.atMs <= ev.atMs; i++) {
    const x = exposures[i]!;
    // Only what the ledger held before this event: a capture and a later full scan judge the same history.
    if (x.seq > ev.seq) continue;
    for (const area of areasOf(i)) {
      if (!open(area.id)) continue;
      const site = ctx.sites.get(x.site);
      found.set(area.id, { area: area.id, areaName: area.name, via: 'lot', atMs: x.atMs, seqs: [x.seq], detail: `lot ${x.lot} from ${site?.name ?? x.site}` });
    }
  }
  for (const list of [history.hits, inScan.of(supplier)]) {
    for (let i = lowerBound(list, fromMs); i < list.length && list[i]!.atMs <= ev.atMs; i++) {
      const h = list[i]!;
      // The event's own transit hit is not history, nor a hit raised by a later event.
      if (h.seqs.some((s) => s >= ev.seq) || !open(h.area)) continue;
      found.set(h.area, { area: h.area, areaName: areaName(h.area), via: h.rule, atMs: h.atMs, seqs: h.seqs, detail: `${h.rule} incident ${h.key}` });
    }
  }

  const supplierName = ctx.organisations.get(supplier)?.name ?? supplier;
  return [...found.values()].map((f) => ({
    rule: 'supplier_risk_history',
    key: keyOf(f.area),
    org: buyer,
    subject: supplier,
    eventTime: g.eventTime,
    seqs: [...new Set([...f.seqs, ev.seq])].sort((a, b) => a - b),
    summary: `${g.type === 'purchase' ? 'bought from' : 'received from'} ${supplierName}, which sourced from ${f.areaName} on ${new Date(f.atMs).toISOString().slice(0, 10)}, within the ${windowDays} days before (${f.detail})`,
    numbers: { supplier, event: g.type, sourcedOn: new Date(f.atMs).toISOString(), matchedBy: f.via, evidence: f.detail },
    threshold: { area: f.area, areaName: f.areaName, windowDays, windowFrom: new Date(fromMs).toISOString() },
    ruleVersion: rule.version,
  }));
}
