import { sql, type Kysely } from 'kysely';
import type { LotForm } from '../custody/index.js';
import type { LotFacts, MinedActivity } from '../diligence/index.js';
import { GOLD_NS } from '../epcis/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { IndexedDatabase } from './event-index.js';

/**
 * What the material red-flag rules ask about lots and parties outside the events they scan (form and
 * fineness, mine origin through the genealogy, a seller's mined-gold history), answered from the
 * projections and the event index, one query per 500 subjects, the same SQL on both dialects.
 */
export function materialFactsStore(db: Db) {
  const k = db.kysely as unknown as Kysely<IndexedDatabase>;
  return {
    /** Form and fineness now of each lot found. */
    async lotFacts(lots: string[]): Promise<Map<string, LotFacts>> {
      const out = new Map<string, LotFacts>();
      for (const part of chunks([...new Set(lots)], 500)) {
        for (const r of await k.selectFrom('lots').select(['lot_id', 'form', 'fineness']).where('lot_id', 'in', part).execute()) {
          out.set(r.lot_id, { form: r.form as LotForm, fineness: Number(r.fineness) });
        }
      }
      return out;
    },

    /** Mine sites each lot traces back to through every input of every transformation (lots with none left out). */
    async lotOrigins(lots: string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      for (const part of chunks([...new Set(lots)], 500)) {
        const seeds = sql.join(part.map((id) => sql`select cast(${id} as text), cast(${id} as text)`), sql` union `);
        const r = await sql<{ root: string; site: string }>`
          with recursive anc(root, lot) as (
            ${seeds}
            union
            select anc.root, li.input_lot from lot_inputs li join anc on li.output_lot = anc.lot
          )
          select distinct anc.root, l.site from anc join lots l on l.lot_id = anc.lot where l.site is not null`.execute(k);
        for (const row of r.rows) out.set(row.root, [...(out.get(row.root) ?? []), row.site]);
      }
      return out;
    },

    /**
     * Every event in which a party recorded a production or was named its producer or miner, or sold (as owning
     * party of a purchase) lots that trace to a mine: a lot with a site, or a transformation output.
     */
    async minedActivity(parties: string[]): Promise<Map<string, MinedActivity[]>> {
      const out = new Map<string, MinedActivity[]>();
      const add = (party: string, seq: unknown, at: unknown) => out.set(party, [...(out.get(party) ?? []), { seq: Number(seq), atMs: Number(at) }]);
      for (const part of chunks([...new Set(parties)], 500)) {
        const produced = await k
          .selectFrom('event_fields')
          .innerJoin('events', 'events.seq', 'event_fields.seq')
          .select(['event_fields.text_value as party', 'events.seq', 'events.event_time'])
          .where('event_fields.scope', '=', 'ilmd')
          .where('event_fields.name', 'in', [`${GOLD_NS}producer`, `${GOLD_NS}miner`])
          .where('event_fields.text_value', 'in', part)
          .execute();
        for (const r of produced) add(r.party!, r.seq, r.event_time);
        const recorded = await k
          .selectFrom('events')
          .select(['events.recorder as party', 'events.seq', 'events.event_time'])
          .where('events.recorder', 'in', part)
          .where(({ exists, selectFrom }) =>
            exists(selectFrom('event_fields').select('event_fields.seq').whereRef('event_fields.seq', '=', 'events.seq').where('event_fields.scope', '=', 'ilmd').where('event_fields.name', '=', `${GOLD_NS}producer`)),
          )
          .execute();
        for (const r of recorded) add(r.party, r.seq, r.event_time);
        const sold = await k
          .selectFrom('event_src_dest')
          .innerJoin('events', 'events.seq', 'event_src_dest.seq')
          .select(['event_src_dest.id as party', 'events.seq', 'events.event_time'])
          .where('event_src_dest.dir', '=', 'source')
          .where('event_src_dest.type', '=', 'owning_party')
          .where('event_src_dest.id', 'in', part)
          .where('events.event_type', '=', 'TransactionEvent')
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('event_lots')
                .innerJoin('lots', 'lots.lot_id', 'event_lots.lot_id')
                .select('event_lots.lot_id')
                .whereRef('event_lots.seq', '=', 'events.seq')
                .where(({ or, eb, exists: ex, selectFrom: from }) => or([eb('lots.site', 'is not', null), ex(from('lot_inputs').select('output_lot').whereRef('lot_inputs.output_lot', '=', 'lots.lot_id'))])),
            ),
          )
          .execute();
        for (const r of sold) add(r.party, r.seq, r.event_time);
      }
      return out;
    },
  };
}

export type MaterialFactsStore = ReturnType<typeof materialFactsStore>;
