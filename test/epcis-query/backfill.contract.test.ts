import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { IndexedDatabase } from '../../src/store/event-index.js';
import { backfillEventIndex } from '../../src/store/migration-0002_event_index.js';
import { testStores } from '../support/stores.js';
import { queryWorld, type QueryWorld } from './fixture.js';

const TABLES = ['event_epcs', 'event_biz_tx', 'event_src_dest', 'event_fields', 'event_parties'] as const;

async function snapshot(k: Kysely<IndexedDatabase>) {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows = await k.selectFrom(t).selectAll().execute();
    out[t] = rows.map((r) => JSON.stringify(Object.entries(r).map(([c, v]) => [c, typeof v === 'number' || typeof v === 'bigint' ? Number(v) : v]))).sort();
  }
  out['events'] = await k.selectFrom('events').select(['seq', 'action', 'disposition', 'read_point', 'biz_location']).orderBy('seq').execute();
  return out;
}

describe.each(testStores)('event index backfill on $name', (store) => {
  let t: QueryWorld;
  beforeAll(async () => {
    t = await queryWorld(store);
  });
  afterAll(async () => {
    await t.app.close();
    await t.w.cleanup();
  });

  it('indexes a ledger written before the index exactly as capture indexes it', async () => {
    const k = t.w.orp.db.kysely as unknown as Kysely<IndexedDatabase>;
    const written = await snapshot(k);
    expect(written['event_parties']!.length).toBeGreaterThan(0);
    for (const table of TABLES) await k.deleteFrom(table).execute();
    await k.updateTable('events').set({ action: null, disposition: null, read_point: null, biz_location: null }).execute();
    await backfillEventIndex(k);
    expect(await snapshot(k)).toEqual(written);
  });
});
