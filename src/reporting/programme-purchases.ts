import { fromEpcis, type GoldEvent, type PurchaseEvent } from '../custody/index.js';
import { fineGoldMg } from '../kernel/index.js';
import type { LedgerRecord } from '../ledger/index.js';
import type { Orpaille } from '../orpaille.js';
import { localDay, usdCents, type PricingData } from '../premiums/index.js';
import type { ReportPeriod } from '../reports/index.js';
import { finenessHistory, type ProgrammeInput } from '../reports/programme/index.js';
import { purchaseRecordStore, reportStore } from '../store/index.js';

const DAY_MS = 86_400_000;

/** The records that are gold events, parsed (an EPCIS event of another shape is none of ours). */
function goldEvents(records: readonly LedgerRecord[]): { record: LedgerRecord; event: GoldEvent }[] {
  const out: { record: LedgerRecord; event: GoldEvent }[] = [];
  for (const record of records) {
    try {
      out.push({ record, event: fromEpcis(JSON.parse(record.body)) });
    } catch {
      continue;
    }
  }
  return out;
}

/** The price paid in USD (at the exchange rate in force) and the LBMA price in force on the date, when known. */
function priced(p: PurchaseEvent, date: string, pricing: PricingData): { paidCents?: number; benchmarkUsdPerOz?: string } {
  const benchmark = pricing.benchmark('gold', date);
  const fx = p.currency === 'USD' ? undefined : pricing.fxRate(p.currency, date);
  return {
    ...(p.currency === 'USD' || fx ? { paidCents: usdCents(p.price, p.currency, fx) } : {}),
    ...(benchmark?.currency === 'USD' ? { benchmarkUsdPerOz: benchmark.value } : {}),
  };
}

/**
 * Every purchase of a programme's gold in a period, certified or not, read from the ledger up to `head`: the
 * purchases whose seller is the organisation or one of its miners (any producer organisation or miner when
 * `producer` is absent), dated where they happened. Each with the fine gold of its lots as bought (gross mass
 * bought x the fineness they had then), the site they came from, the price paid in USD and the LBMA price in
 * force on the date, priced by the same lookups as the premium ledger (src/premiums), and whether the premium
 * ledger holds a due line for it (a certified purchase).
 */
export async function programmePurchases(orp: Orpaille, input: { producer?: string; period: ReportPeriod; head: number }): Promise<ProgrammeInput['purchases']> {
  const store = purchaseRecordStore(orp.db);
  // Event times are instants; the period is in local dates: a day either side covers every time zone.
  const fromMs = Date.parse(`${input.period.from}T00:00:00Z`) - DAY_MS;
  const toMs = Date.parse(`${input.period.to}T00:00:00Z`) + DAY_MS;
  const all = goldEvents(await store.purchases(input.head, fromMs, toMs))
    .flatMap(({ record, event }) => (event.type === 'purchase' ? [{ record, event, date: localDay(event.eventTime, event.eventTimeZoneOffset) }] : []))
    .filter((p) => p.date >= input.period.from && p.date < input.period.to);
  const pricing = await orp.premiums.pricing(all.map((p) => ({ date: p.date, currency: p.event.currency, seller: p.event.seller })));
  const bought = all.filter((p) => {
    const producer = pricing.producerOf(p.event.seller);
    return producer !== undefined && (input.producer === undefined || producer === input.producer);
  });
  const lotIds = bought.flatMap((p) => p.event.lots);
  const lots = await reportStore(orp.db).lotFacts(lotIds);
  const finenessAt = finenessHistory(goldEvents(await store.finenessRecords(lotIds, input.head)).map(({ record, event }) => ({ seq: record.seq, event })));
  const certified = new Set((await orp.premiums.dues(input.producer ? { producer: input.producer } : {})).map((d) => d.eventId));
  return bought.map(({ record, event, date }) => {
    const fineMg = event.lots.reduce((a, l) => a + fineGoldMg(lots.get(l)?.initialMg ?? 0, finenessAt(l, record.seq) ?? 0), 0);
    const site = event.lots.map((l) => lots.get(l)?.site).find((s) => s !== undefined);
    return { date, fineMg, ...(site ? { site } : {}), ...priced(event, date, pricing), certified: certified.has(record.eventId) };
  });
}
