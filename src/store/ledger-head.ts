import type { Db } from './db.js';

/** The ledger head now (seq and record hash): a report reads it first and nothing recorded after it. */
export async function ledgerHeadNow(db: Db): Promise<{ seq: number; hash: string }> {
  const h = await db.kysely.selectFrom('ledger_head').select(['seq', 'record_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(h.seq), hash: h.record_hash };
}
