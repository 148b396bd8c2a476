import type { Kysely, Selectable } from 'kysely';
import type { BenchmarkPrice, Metal, PriceKind, PriceStore } from '../certification/index.js';
import type { Clock } from '../kernel/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';

/** The benchmark price table of migration 0006_prices (kept apart from schema.ts; used through `withTables`). */
export type PriceTables = {
  benchmark_prices: {
    metal: string;
    date: string;
    kind: string;
    am: string | null;
    pm: string | null;
    average: string | null;
    currency: string;
    source: string;
    imported_at: number;
  };
};

type Row = Selectable<PriceTables['benchmark_prices']>;

function fromRow(r: Row): BenchmarkPrice {
  return {
    metal: r.metal as Metal,
    kind: r.kind as PriceKind,
    date: r.date,
    ...(r.am !== null ? { am: r.am } : {}),
    ...(r.pm !== null ? { pm: r.pm } : {}),
    ...(r.average !== null ? { average: r.average } : {}),
    currency: r.currency,
    source: r.source,
  };
}

const same = (r: Row, p: BenchmarkPrice) =>
  r.am === (p.am ?? null) && r.pm === (p.pm ?? null) && r.average === (p.average ?? null) && r.currency === p.currency && r.source === p.source;

/** Benchmark prices (LBMA fixings, monthly averages) on either dialect. */
export function priceStore(db: Db, clock: Clock): PriceStore {
  const k = db.kysely.withTables<PriceTables>() as unknown as Kysely<PriceTables>;
  return {
    async save(prices) {
      const now = clock.now().getTime();
      return k.transaction().execute(async (trx) => {
        const counts = { added: 0, updated: 0, unchanged: 0 };
        const groups = new Map<string, BenchmarkPrice[]>();
        for (const p of prices) groups.set(`${p.metal}|${p.kind}`, [...(groups.get(`${p.metal}|${p.kind}`) ?? []), p]);
        for (const group of groups.values()) {
          const { metal, kind } = group[0]!;
          const dates = group.map((p) => p.date).sort();
          // One read of what is already there, then inserts in chunks: a 2,000-month series is a few statements.
          const existing = new Map(
            (await trx.selectFrom('benchmark_prices').selectAll().where('metal', '=', metal).where('kind', '=', kind).where('date', '>=', dates[0]!).where('date', '<=', dates[dates.length - 1]!).execute()).map((r) => [r.date, r]),
          );
          const fresh: PriceTables['benchmark_prices'][] = [];
          for (const p of group) {
            const values = { am: p.am ?? null, pm: p.pm ?? null, average: p.average ?? null, currency: p.currency, source: p.source, imported_at: now };
            const row = existing.get(p.date);
            if (!row) {
              fresh.push({ metal, kind, date: p.date, ...values });
            } else if (same(row, p)) {
              counts.unchanged++;
            } else {
              await trx.updateTable('benchmark_prices').set(values).where('metal', '=', metal).where('kind', '=', kind).where('date', '=', p.date).execute();
              counts.updated++;
            }
          }
          for (const part of chunks(fresh, 500)) await trx.insertInto('benchmark_prices').values(part).execute();
          counts.added += fresh.length;
        }
        return counts;
      });
    },

    async latestFixing(metal, onOrBefore, notBefore) {
      let q = k.selectFrom('benchmark_prices').selectAll().where('metal', '=', metal).where('kind', '=', 'fixing').where('date', '<=', onOrBefore);
      if (notBefore !== undefined) q = q.where('date', '>=', notBefore);
      const row = await q.orderBy('date', 'desc').limit(1).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },

    async monthlyAverage(metal, month) {
      const row = await k.selectFrom('benchmark_prices').selectAll().where('metal', '=', metal).where('kind', '=', 'monthly_average').where('date', '=', month).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },

    async list(metal, from, to, kind) {
      let q = k.selectFrom('benchmark_prices').selectAll().where('metal', '=', metal).where('date', '>=', from).where('date', '<=', to);
      if (kind) q = q.where('kind', '=', kind);
      return (await q.orderBy('date').orderBy('kind').execute()).map(fromRow);
    },
  };
}
