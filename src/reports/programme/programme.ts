import { formatGrams, formatMoney, type Cents, type Milligrams } from '../../kernel/index.js';
import { toCsv } from '../csv.js';
import type { ReportPeriod, ReportStamp } from '../document.js';
import { inPeriod } from '../period.js';

/** Troy ounce in milligrams (LBMA prices are USD per troy ounce). */
const MG_PER_TROY_OUNCE = 31_103.4768;

/** What the programme figures are computed from (read by src/reporting/programme.ts), already scoped. */
export interface ProgrammeInput {
  /** The organisation whose programme it is; absent for every organisation. */
  org?: { id: string; name: string; uri: string };
  period: ReportPeriod;
  miners: readonly { gender: string; registeredOn: string }[];
  /** Sites with their ICGLR status on the last day of the period. */
  sites: readonly { uri: string; licenceType: string; licensedOn?: string; icglrStatus: string }[];
  /**
   * Every purchase of the programme's gold (the ledger's purchase events, certified or not) with the site its
   * lots came from, the price paid in USD and the LBMA price in force when they could be priced; `certified`
   * when the premium ledger holds a due line for it.
   */
  purchases: readonly { date: string; fineMg: Milligrams; site?: string; paidCents?: Cents; benchmarkUsdPerOz?: string; certified: boolean }[];
  premiumPayments: readonly { paidOn: string; usdCents: Cents }[];
  indicators: readonly { periodFrom: string; periodTo: string; mercuryUsedMg?: number; goldProducedMg?: number }[];
  incidents: readonly { raisedAt: string; history: readonly { at: string; status: string }[] }[];
}

/** The figures NGOs and funders follow (docs/reports.md, "Programme figures"). */
export interface ProgrammeFigures {
  org?: ProgrammeInput['org'];
  period: ReportPeriod;
  miners: { registered: number; newInPeriod: number; byGender: Record<string, number> };
  /** Every purchase; `certified*`: those under a certification scheme (with a premium due line). */
  gold: { purchases: number; fineBoughtMg: Milligrams; fineBoughtLegallyMg: Milligrams; certifiedPurchases: number; fineBoughtCertifiedMg: Milligrams };
  /** Price paid over the LBMA value of the fine gold of the priced purchases, percent (one decimal). */
  averagePricePercentOfLbma?: string;
  premiumsPaidCents: Cents;
  /** Gold produced without mercury over gold produced, by the indicator records of the period, percent. */
  mercuryFreeSharePercent?: string;
  sitesByIcglrStatus: Record<string, number>;
  incidents: { opened: number; closed: number };
}

const percent = (num: number, den: number) => (den > 0 ? ((num / den) * 100).toFixed(1) : undefined);
const fineOf = (list: readonly { fineMg: Milligrams }[]) => list.reduce((a, p) => a + p.fineMg, 0);
const overlaps = (p: ReportPeriod, from: string, to: string) => from < p.to && to >= p.from;

/** Computes the programme figures of a period. */
export function programmeFigures(input: ProgrammeInput): ProgrammeFigures {
  const { period } = input;
  const miners = input.miners.filter((m) => m.registeredOn < period.to);
  const byGender: Record<string, number> = {};
  for (const m of miners) byGender[m.gender] = (byGender[m.gender] ?? 0) + 1;
  const licensed = new Map(input.sites.filter((s) => s.licenceType !== 'none' && s.licensedOn).map((s) => [s.uri, s.licensedOn!]));
  const purchases = input.purchases.filter((p) => inPeriod(period, p.date));
  // A purchase is legal when the site its gold came from held a licence on the purchase date.
  const legal = purchases.filter((p) => p.site !== undefined && (licensed.get(p.site) ?? '9999') <= p.date);
  const certified = purchases.filter((p) => p.certified);
  const priced = purchases.filter((p) => p.paidCents !== undefined && p.benchmarkUsdPerOz !== undefined);
  const paid = priced.reduce((a, p) => a + p.paidCents!, 0);
  const lbmaCents = priced.reduce((a, p) => a + (p.fineMg / MG_PER_TROY_OUNCE) * Number(p.benchmarkUsdPerOz) * 100, 0);
  const records = input.indicators.filter((i) => overlaps(period, i.periodFrom, i.periodTo) && i.goldProducedMg !== undefined && i.mercuryUsedMg !== undefined);
  const produced = records.reduce((a, i) => a + i.goldProducedMg!, 0);
  const mercuryFree = records.filter((i) => i.mercuryUsedMg === 0).reduce((a, i) => a + i.goldProducedMg!, 0);
  const sitesByIcglrStatus: Record<string, number> = {};
  for (const s of input.sites) sitesByIcglrStatus[s.icglrStatus] = (sitesByIcglrStatus[s.icglrStatus] ?? 0) + 1;
  const avg = percent(paid, lbmaCents);
  const hg = percent(mercuryFree, produced);
  return {
    ...(input.org ? { org: input.org } : {}),
    period,
    miners: { registered: miners.length, newInPeriod: miners.filter((m) => m.registeredOn >= period.from).length, byGender },
    gold: {
      purchases: purchases.length,
      fineBoughtMg: fineOf(purchases),
      fineBoughtLegallyMg: fineOf(legal),
      certifiedPurchases: certified.length,
      fineBoughtCertifiedMg: fineOf(certified),
    },
    ...(avg ? { averagePricePercentOfLbma: avg } : {}),
    premiumsPaidCents: input.premiumPayments.filter((p) => inPeriod(period, p.paidOn)).reduce((a, p) => a + p.usdCents, 0),
    ...(hg ? { mercuryFreeSharePercent: hg } : {}),
    sitesByIcglrStatus,
    incidents: {
      opened: input.incidents.filter((i) => inPeriod(period, i.raisedAt)).length,
      closed: input.incidents.filter((i) => i.history.some((c) => c.status === 'closed' && inPeriod(period, c.at))).length,
    },
  };
}

/** The figures as JSON: masses in grams and money in USD as decimal strings, with the ledger stamp. */
export function programmeJson(f: ProgrammeFigures, stamp: ReportStamp) {
  return {
    ...(f.org ? { organisation: f.org } : {}),
    period: f.period,
    ledger: { seq: stamp.ledgerSeq, head: stamp.ledgerHead },
    generatedAt: stamp.generatedAt,
    miners: f.miners,
    gold: {
      purchases: f.gold.purchases,
      fineBoughtGrams: formatGrams(f.gold.fineBoughtMg),
      fineBoughtLegallyGrams: formatGrams(f.gold.fineBoughtLegallyMg),
      certifiedPurchases: f.gold.certifiedPurchases,
      fineBoughtCertifiedGrams: formatGrams(f.gold.fineBoughtCertifiedMg),
    },
    averagePricePercentOfLbma: f.averagePricePercentOfLbma ?? null,
    premiumsPaidUsd: formatMoney(f.premiumsPaidCents),
    mercuryFreeSharePercent: f.mercuryFreeSharePercent ?? null,
    sitesByIcglrStatus: f.sitesByIcglrStatus,
    incidents: f.incidents,
  };
}

/** The figures as `figure,value` CSV rows. */
export function programmeCsv(f: ProgrammeFigures, stamp: ReportStamp): string {
  const j = programmeJson(f, stamp);
  const rows: (readonly [string, string | number])[] = [
    ['organisation', f.org?.uri ?? 'all'],
    ['period_from', f.period.from],
    ['period_to', f.period.to],
    ['ledger_seq', stamp.ledgerSeq],
    ['ledger_head', stamp.ledgerHead],
    ['generated_at', stamp.generatedAt],
    ['miners_registered', f.miners.registered],
    ['miners_new_in_period', f.miners.newInPeriod],
    ...Object.entries(f.miners.byGender).sort().map(([g, n]) => [`miners_${g}`, n] as const),
    ['purchases', f.gold.purchases],
    ['fine_gold_bought_g', j.gold.fineBoughtGrams],
    ['fine_gold_bought_legally_g', j.gold.fineBoughtLegallyGrams],
    ['certified_purchases', f.gold.certifiedPurchases],
    ['fine_gold_bought_certified_g', j.gold.fineBoughtCertifiedGrams],
    ['average_price_percent_of_lbma', j.averagePricePercentOfLbma ?? ''],
    ['premiums_paid_usd', j.premiumsPaidUsd],
    ['mercury_free_share_percent', j.mercuryFreeSharePercent ?? ''],
    ...Object.entries(f.sitesByIcglrStatus).sort().map(([s, n]) => [`sites_${s}`, n] as const),
    ['incidents_opened', f.incidents.opened],
    ['incidents_closed', f.incidents.closed],
  ];
  return toCsv([['figure', 'value'], ...rows]);
}
