import { sql } from 'kysely';
import type { Orpaille } from '../../src/orpaille.js';
import { migrations } from '../../src/store/migrations.js';

/**
 * Until migration 0002_event_index (another branch) lands, creates `event_parties` with its exact shape and
 * fills it from the stored events: recorder plus every source and destination party. Once the migration
 * exists the ledger maintains the table and this does nothing.
 */
export async function indexEventParties(orp: Orpaille): Promise<void> {
  if ('0002_event_index' in migrations) return;
  const k = orp.db.kysely;
  await sql`create table if not exists event_parties (party text not null, seq bigint not null, primary key (party, seq))`.execute(k);
  await sql`delete from event_parties`.execute(k);
  const rows = await k.selectFrom('events').select(['seq', 'body', 'recorder']).execute();
  const pairs = new Set<string>();
  for (const r of rows) {
    const body = JSON.parse(r.body) as { sourceList?: { source: string }[]; destinationList?: { destination: string }[] };
    const parties = [r.recorder, ...(body.sourceList ?? []).map((s) => s.source), ...(body.destinationList ?? []).map((d) => d.destination)];
    for (const p of parties) pairs.add(JSON.stringify([p, Number(r.seq)]));
  }
  for (const pair of pairs) {
    const [party, seq] = JSON.parse(pair) as [string, number];
    await sql`insert into event_parties (party, seq) values (${party}, ${seq})`.execute(k);
  }
}
