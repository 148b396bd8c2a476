import type { Kysely } from 'kysely';
import type { AssayReconciliation, AssayResult, AssayStore, Metal, SettlementStatement, SettlementStore } from '../certification/index.js';
import { OrpailleError, type Clock } from '../kernel/index.js';
import type { Db } from './db.js';

/** Assay and settlement tables of migration 0006_prices (kept apart from schema.ts; used through `withTables`). */
export type SettlementTables = {
  assay_exchanges: {
    id: string;
    org_id: string;
    lot: string;
    metal: string;
    seller: string;
    buyer: string;
    final_fineness: number | null;
    /** JSON of the last AssayReconciliation with its time. */
    reconciliation: string | null;
    reconciled_at: number | null;
    created_at: number;
    created_by: string;
  };
  assays: {
    exchange_id: string;
    role: string;
    method: string;
    lab: string;
    /** JSON array of sample ids. */
    sample_ids: string;
    fineness: number;
    assayed_on: string;
    recorded_at: number;
    recorded_by: string;
  };
  settlements: {
    id: string;
    org_id: string;
    lot: string;
    seller: string;
    buyer: string;
    pricing_date: string;
    amount_due: string;
    currency: string;
    /** JSON of the SettlementStatement. */
    statement: string;
    created_at: number;
    created_by: string;
  };
};

type K = Kysely<SettlementTables>;

/** Assay exchanges with their results and last reconciliation. */
export function assayStore(db: Db, clock: Clock): AssayStore {
  const k = db.kysely.withTables<SettlementTables>() as unknown as K;
  return {
    async open(x) {
      await k
        .insertInto('assay_exchanges')
        .values({ id: x.id, org_id: x.org, lot: x.lot, metal: x.metal, seller: x.seller, buyer: x.buyer, final_fineness: null, reconciliation: null, reconciled_at: null, created_at: Date.parse(x.createdAt), created_by: x.createdBy })
        .execute();
    },

    async get(id) {
      const row = await k.selectFrom('assay_exchanges').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const results = await k.selectFrom('assays').selectAll().where('exchange_id', '=', id).orderBy('recorded_at').orderBy('role').execute();
      return {
        id: row.id,
        lot: row.lot,
        metal: row.metal as Metal,
        seller: row.seller,
        buyer: row.buyer,
        org: row.org_id,
        createdBy: row.created_by,
        createdAt: new Date(Number(row.created_at)).toISOString(),
        results: results.map(
          (r): AssayResult => ({ role: r.role as AssayResult['role'], method: r.method as AssayResult['method'], lab: r.lab, sampleIds: JSON.parse(r.sample_ids) as string[], fineness: Number(r.fineness), date: r.assayed_on }),
        ),
        ...(row.reconciliation ? { reconciliation: JSON.parse(row.reconciliation) as AssayReconciliation & { at: string } } : {}),
      };
    },

    async addResult(id, r, recordedBy) {
      await k.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('assays').select('role').where('exchange_id', '=', id).where('role', '=', r.role).executeTakeFirst();
        if (exists) throw new OrpailleError('ORP_ASSAY_EXISTS', `the ${r.role}'s assay of exchange ${id} is already recorded; an assay is not overwritten`, { exchange: id, role: r.role });
        await trx
          .insertInto('assays')
          .values({ exchange_id: id, role: r.role, method: r.method, lab: r.lab, sample_ids: JSON.stringify(r.sampleIds), fineness: r.fineness, assayed_on: r.date, recorded_at: clock.now().getTime(), recorded_by: recordedBy })
          .execute();
      });
    },

    async saveReconciliation(id, r, at) {
      await k
        .updateTable('assay_exchanges')
        .set({ reconciliation: JSON.stringify({ ...r, at }), final_fineness: r.status === 'final' ? r.fineness : null, reconciled_at: Date.parse(at) })
        .where('id', '=', id)
        .execute();
    },
  };
}

/** Settlement statements, stored whole as documents with their hot fields in columns. */
export function settlementStore(db: Db): SettlementStore {
  const k = db.kysely.withTables<SettlementTables>() as unknown as K;
  return {
    async add(s: SettlementStatement) {
      await k
        .insertInto('settlements')
        .values({
          id: s.id,
          org_id: s.org,
          lot: s.lot,
          seller: s.seller,
          buyer: s.buyer,
          pricing_date: s.pricingDate,
          amount_due: s.result.amountDue,
          currency: s.result.currency,
          statement: JSON.stringify(s),
          created_at: Date.parse(s.createdAt),
          created_by: s.createdBy,
        })
        .execute();
    },
    async get(id) {
      const row = await k.selectFrom('settlements').select('statement').where('id', '=', id).executeTakeFirst();
      return row ? (JSON.parse(row.statement) as SettlementStatement) : undefined;
    },
  };
}
