import type { RuleApplied } from '../../certification/index.js';
import type { GoldEvent, ProductionEvent, PurchaseEvent } from '../../custody/index.js';
import { formatGrams, formatMoney, parseMoney } from '../../kernel/index.js';
import { areasContainingPoint, areasCoveringCountry, type RiskArea } from './areas.js';
import { TagTracker, tagHits } from './rule-tags.js';
import type { RedFlagHit, ScanContext, ScanEvent, SiteProduction } from './types.js';
import { MaterialBook } from './material-book.js';
import { finenessFormMismatch } from './rule-fineness-form.js';
import { meltLossBeyondTolerance } from './rule-melt-loss.js';
import { productionByMinerUnderAge } from './rule-miner-age.js';
import { recycledFromMinedSupplier } from './rule-recycled.js';

const DAY_MS = 86_400_000;

/** Has no hit with this key been found yet in this scan? */
type Fresh = (key: string) => boolean;

/**
 * Runs every red-flag rule over events (in ledger order) and returns the hits, one per stable key
 * (the first event that raises a key wins), leaving out keys in `known` (found by an earlier page of
 * the same scan). Pure: everything the rules need comes in `ctx`.
 */
export function scanEvents(events: Iterable<ScanEvent>, ctx: ScanContext, known?: ReadonlySet<string> | ReadonlyMap<string, unknown>): RedFlagHit[] {
  const hits = new Map<string, RedFlagHit>();
  const windows = new WindowSums(ctx);
  const tags = new TagTracker(ctx.tags);
  const add = (h: RedFlagHit | undefined) => {
    if (h && !hits.has(h.key) && !known?.has(h.key)) hits.set(h.key, h);
  };
  // Rules ask before building a hit (its summary and figures): most events of a long excess repeat a key.
  const fresh = (key: string) => !hits.has(key) && !known?.has(key);
  const book = new MaterialBook(ctx);
  for (const ev of events) {
    const g = ev.gold;
    switch (g.type) {
      case 'production':
        add(siteOverCapacity(ev, g, ctx, windows, fresh));
        for (const h of riskAreaOrigin(ev, g, ctx, fresh)) add(h);
        add(productionBeforeLicence(ev, g, ctx, fresh));
        add(productionSiteStatus(ev, g, ctx, fresh));
        add(finenessFormMismatch(ev, g.lot.lot, g.lot.form, g.lot.fineness, ctx, fresh));
        add(productionByMinerUnderAge(ev, g, ctx, fresh));
        for (const h of tagHits(ev, ctx, tags, fresh)) add(h);
        break;
      case 'pack':
        for (const h of tagHits(ev, ctx, tags, fresh)) add(h);
        break;
      case 'purchase':
        add(cashWithoutApproval(ev, g, ctx));
        add(recycledFromMinedSupplier(ev, g, ctx, book));
        break;
      case 'transform':
        for (const h of tagHits(ev, ctx, tags, fresh)) add(h);
        add(meltLossBeyondTolerance(ev, g, ctx, book));
        for (const o of g.outputs) add(finenessFormMismatch(ev, o.lot, o.form, o.fineness, ctx, fresh));
        break;
      case 'assay': {
        const form = book.lot(g.lot)?.form;
        if (form) add(finenessFormMismatch(ev, g.lot, form, g.fineness, ctx, fresh));
        break;
      }
      case 'ship':
      case 'receive':
      case 'export':
        for (const h of riskAreaTransit(ev, g, ctx, fresh)) add(h);
        break;
      default:
        break;
    }
    book.see(ev);
  }
  return [...hits.values()];
}

function hit(ev: ScanEvent, applied: RuleApplied<unknown>, h: Omit<RedFlagHit, 'org' | 'eventTime' | 'seqs' | 'ruleVersion'> & { seqs?: number[] }): RedFlagHit {
  return { ...h, org: ev.gold.recorder, eventTime: ev.gold.eventTime, seqs: h.seqs ?? [ev.seq], ruleVersion: applied.version };
}

/** Prefix sums of each site's production, so a rolling window costs two binary searches. */
class WindowSums {
  private readonly cache = new Map<string, { list: readonly SiteProduction[]; prefix: number[] }>();
  constructor(private readonly ctx: ScanContext) {}

  /** Gross mass and count of the site's production in (fromMs, toMs]. */
  sum(site: string, fromMs: number, toMs: number): { grossMg: number; count: number } {
    let c = this.cache.get(site);
    if (!c) {
      const list = this.ctx.productions(site);
      const prefix = new Array<number>(list.length + 1);
      prefix[0] = 0;
      list.forEach((p, i) => (prefix[i + 1] = prefix[i]! + p.grossMg));
      c = { list, prefix };
      this.cache.set(site, c);
    }
    const lo = upperBound(c.list, fromMs);
    const hi = upperBound(c.list, toMs);
    return { grossMg: c.prefix[hi]! - c.prefix[lo]!, count: hi - lo };
  }
}

/** Index of the first production strictly after `ms`. */
function upperBound(list: readonly SiteProduction[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.atMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Gold produced at a site over the rolling window above its stated capacity scaled to the window. */
function siteOverCapacity(ev: ScanEvent, g: ProductionEvent, ctx: ScanContext, windows: WindowSums, fresh: Fresh): RedFlagHit | undefined {
  const site = ctx.sites.get(g.site);
  const key = `site_over_capacity|${g.site}|${g.eventTime.slice(0, 7)}`;
  if (!site || !fresh(key)) return undefined;
  const rule = ctx.rules.siteCapacity(g.eventTime);
  if (!rule?.value.enabled || site.capacityGramsPerMonth <= 0) return undefined;
  const { windowDays, maxPermilleOfCapacity } = rule.value;
  const limitMg = Math.floor((site.capacityGramsPerMonth * 1000 * windowDays * maxPermilleOfCapacity) / (30 * 1000));
  const w = windows.sum(g.site, ev.atMs - windowDays * DAY_MS, ev.atMs);
  if (w.grossMg <= limitMg) return undefined;
  return hit(ev, rule, {
    rule: 'site_over_capacity',
    key,
    subject: g.site,
    summary: `${site.name}: ${formatGrams(w.grossMg)} g produced in the ${windowDays} days to ${g.eventTime.slice(0, 10)}, above its stated capacity of ${formatGrams(limitMg)} g for that window`,
    numbers: { site: site.id, windowGrossGrams: formatGrams(w.grossMg), productions: w.count, windowFrom: new Date(ev.atMs - windowDays * DAY_MS).toISOString(), windowTo: g.eventTime },
    threshold: { capacityGramsPerMonth: site.capacityGramsPerMonth, windowDays, maxPermilleOfCapacity, limitGrams: formatGrams(limitMg) },
  });
}

/** A cash purchase above the threshold for its currency with no approval recorded (LBMA RGG v9). */
function cashWithoutApproval(ev: ScanEvent, g: PurchaseEvent, ctx: ScanContext): RedFlagHit | undefined {
  // One purchase, one key: no need to ask whether it was raised.
  if (g.paymentMethod !== 'cash') return undefined;
  const rule = ctx.rules.cash(g.currency, g.eventTime);
  if (!rule?.value.enabled) return undefined;
  let cents: number;
  try {
    cents = parseMoney(g.price, 'price');
  } catch {
    return undefined;
  }
  if (cents <= rule.value.aboveCents || ctx.cashApproved(g.buyer, g.purchaseNumber)) return undefined;
  return hit(ev, rule, {
    rule: 'cash_without_approval',
    key: `cash_without_approval|${g.buyer}|${g.purchaseNumber}`,
    subject: g.purchaseNumber,
    summary: `purchase ${g.purchaseNumber} paid ${formatMoney(cents)} ${g.currency} in cash, above ${rule.value.above} ${g.currency}, with no approval recorded`,
    numbers: { purchaseNumber: g.purchaseNumber, price: formatMoney(cents), currency: g.currency, paymentMethod: 'cash', approved: false, lots: g.lots.length },
    threshold: { above: rule.value.above, currency: g.currency, approvalRequired: true },
  });
}

/** Production at a site inside a listed area (a whole country or a polygon): one hit per site and area. */
function riskAreaOrigin(ev: ScanEvent, g: ProductionEvent, ctx: ScanContext, fresh: Fresh): RedFlagHit[] {
  const site = ctx.sites.get(g.site);
  const rule = ctx.rules.cahra(g.eventTime);
  if (!site || !rule?.value.enabled || !rule.value.origin) return [];
  const day = g.eventTime.slice(0, 10);
  const byCountry = areasCoveringCountry(ctx.areas, day, site.country);
  const byPoint = areasContainingPoint(ctx.areas, day, site.longitude, site.latitude);
  const found = new Map<string, { area: RiskArea; how: string }>();
  for (const a of byCountry) found.set(a.id, { area: a, how: `country ${site.country}` });
  for (const a of byPoint) if (!found.has(a.id)) found.set(a.id, { area: a, how: `point ${site.longitude}, ${site.latitude}` });
  return [...found.values()].filter(({ area }) => fresh(`risk_area_origin|${g.site}|${area.id}`)).map(({ area, how }) =>
    hit(ev, rule, {
      rule: 'risk_area_origin',
      key: `risk_area_origin|${g.site}|${area.id}`,
      subject: g.site,
      summary: `gold produced at ${site.name}, which lies in ${area.name} (${area.category === 'cahra' ? 'conflict-affected or high-risk area' : 'protected area'}, by ${how})`,
      numbers: { site: site.id, country: site.country, longitude: site.longitude, latitude: site.latitude, matchedBy: how },
      threshold: { area: area.id, areaName: area.name, category: area.category, listedFrom: area.effectiveFrom, areaSource: area.source },
    }),
  );
}

/**
 * Gold that a recorder outside a listed country receives from, ships to or exports to a party in it:
 * one hit per recorder, party and area. (Parties inside the area raise origin hits for their sites.)
 */
function riskAreaTransit(ev: ScanEvent, g: Extract<GoldEvent, { type: 'ship' | 'receive' | 'export' }>, ctx: ScanContext, fresh: Fresh): RedFlagHit[] {
  const rule = ctx.rules.cahra(g.eventTime);
  if (!rule?.value.enabled || !rule.value.transit) return [];
  const day = g.eventTime.slice(0, 10);
  const recorderCountry = ctx.organisations.get(g.recorder)?.country;
  const places: { party: string; name: string; country: string }[] = [];
  if (g.type === 'export') {
    places.push({ party: g.destination, name: ctx.organisations.get(g.destination)?.name ?? g.destination, country: g.destinationCountry });
  } else {
    for (const p of [g.from, g.to]) {
      const o = ctx.organisations.get(p);
      if (o && p !== g.recorder) places.push({ party: p, name: o.name, country: o.country });
    }
  }
  return places.flatMap((p) =>
    areasCoveringCountry(ctx.areas, day, p.country)
      .filter((area) => (recorderCountry === undefined || !area.countries.includes(recorderCountry)) && fresh(`risk_area_transit|${g.recorder}|${p.party}|${area.id}`))
      .map((area) =>
        hit(ev, rule, {
          rule: 'risk_area_transit',
          key: `risk_area_transit|${g.recorder}|${p.party}|${area.id}`,
          subject: p.party,
          summary: `gold ${g.type === 'export' ? 'exported to' : g.type === 'ship' ? 'shipped to' : 'received from'} ${p.name} in ${p.country}, listed in ${area.name}`,
          numbers: { event: g.type, party: p.party, country: p.country, recorderCountry: recorderCountry ?? 'unknown', lots: g.lots.length },
          threshold: { area: area.id, areaName: area.name, category: area.category, listedFrom: area.effectiveFrom, areaSource: area.source },
        }),
      ),
  );
}

/** Production at an unlicensed site, or dated before the site's licence took effect. */
function productionBeforeLicence(ev: ScanEvent, g: ProductionEvent, ctx: ScanContext, fresh: Fresh): RedFlagHit | undefined {
  const site = ctx.sites.get(g.site);
  const rule = ctx.rules.productionBeforeLicence(g.eventTime);
  if (!site || !rule?.value.enabled) return undefined;
  const day = g.eventTime.slice(0, 10);
  // A licensed site without a recorded licence date is not judged on dates (the registry does not say).
  const unlicensed = site.licenceType === 'none';
  if (!unlicensed && (!site.licensedOn || day >= site.licensedOn)) return undefined;
  const key = unlicensed ? `production_before_licence|${g.site}|unlicensed` : `production_before_licence|${g.lot.lot}`;
  if (!fresh(key)) return undefined;
  return hit(ev, rule, {
    rule: 'production_before_licence',
    key,
    subject: unlicensed ? g.site : g.lot.lot,
    summary: unlicensed ? `gold produced at ${site.name}, which holds no licence` : `lot produced at ${site.name} on ${day}, before its licence took effect on ${site.licensedOn}`,
    numbers: { site: site.id, productionDate: day, lot: g.lot.lot },
    threshold: { licenceType: site.licenceType, licensedOn: site.licensedOn ?? 'none' },
  });
}

/** Production at an ICGLR-covered site on a day its status forbids production (Red). */
function productionSiteStatus(ev: ScanEvent, g: ProductionEvent, ctx: ScanContext, fresh: Fresh): RedFlagHit | undefined {
  const site = ctx.sites.get(g.site);
  const day = g.eventTime.slice(0, 10);
  const key = `production_site_status|${g.site}|${day.slice(0, 7)}`;
  if (!site || !fresh(key)) return undefined;
  const rule = ctx.rules.siteStatus(g.eventTime);
  if (!rule?.value.enabled || !rule.value.countries.includes(site.country)) return undefined;
  const status = ctx.siteStatus(g.site, day);
  if (!status || !rule.value.forbidden.includes(status.status)) return undefined;
  return hit(ev, rule, {
    rule: 'production_site_status',
    key,
    subject: g.site,
    summary: `gold produced at ${site.name} on ${day} while its ICGLR status is ${status.status}: ${status.reason}`,
    numbers: { site: site.id, productionDate: day, status: status.status },
    threshold: { forbidden: rule.value.forbidden, countries: rule.value.countries },
  });
}
