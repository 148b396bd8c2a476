import { sql } from 'kysely';
import type { SupplierExposure, SupplierRiskHit } from '../diligence/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { EventIndexTables } from './event-index-tables.js';
import type { IncidentTables } from './incident-tables.js';

/** Pushes `item` onto the list of `key`. */
function push<T>(m: Map<string, T[]>, key: string, item: T): void {
  const list = m.get(key);
  if (list) list.push(item);
  else m.set(key, [item]);
}

/**
 * What the supplier_risk_history rule reads about suppliers (src/diligence/redflags): the events each took
 * part in (event_parties) on lots (event_lots) with the production sites of the lots' genealogy (lots.site,
 * lot_inputs), and the origin and transit incidents concerning them. Part of the incident store.
 */
export function supplierHistoryStore(db: Db) {
  const k = db.kysely.withTables<Pick<EventIndexTables, 'event_parties'>>();
  const ki = db.kysely.withTables<IncidentTables>();

  /** Production sites reached by the genealogy of lots that carry no site of their own (mixed outputs). */
  const originSites = async (lots: string[]): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    for (const part of chunks(lots, 500)) {
      const seeds = sql.join(part.map((id) => sql`select cast(${id} as text), cast(${id} as text)`), sql` union `);
      const r = await sql<{ lot: string; site: string }>`
        with recursive anc(lot, ancestor) as (
          ${seeds}
          union
          select anc.lot, li.input_lot from lot_inputs li join anc on li.output_lot = anc.ancestor
        )
        select distinct anc.lot as lot, l.site as site from anc join lots l on l.lot_id = anc.ancestor where l.site is not null`.execute(k);
      for (const row of r.rows) push(out, row.lot, row.site);
    }
    return out;
  };

  return {
    /**
     * Per party: the events it took part in on lots with a known production site, in (fromMs, toMs] of
     * event time when given, sorted by time. A lot of several sites gives one exposure per site.
     */
    async supplierExposures(parties: string[], fromMs?: number, toMs?: number): Promise<Map<string, SupplierExposure[]>> {
      const rows: { party: string; seq: number; atMs: number; lot: string; site: string | null }[] = [];
      for (const part of chunks([...new Set(parties)], 500)) {
        let q = k
          .selectFrom('event_parties as ep')
          .innerJoin('events as e', 'e.seq', 'ep.seq')
          .innerJoin('event_lots as el', 'el.seq', 'ep.seq')
          .innerJoin('lots as l', 'l.lot_id', 'el.lot_id')
          .select(['ep.party as party', 'e.seq as seq', 'e.event_time as atMs', 'l.lot_id as lot', 'l.site as site'])
          .where('ep.party', 'in', part);
        if (fromMs !== undefined) q = q.where('e.event_time', '>', fromMs);
        if (toMs !== undefined) q = q.where('e.event_time', '<=', toMs);
        for (const r of await q.execute()) rows.push({ party: r.party, seq: Number(r.seq), atMs: Number(r.atMs), lot: r.lot, site: r.site });
      }
      const mixed = await originSites([...new Set(rows.filter((r) => r.site === null).map((r) => r.lot))]);
      const out = new Map<string, SupplierExposure[]>();
      for (const r of rows) {
        for (const site of r.site !== null ? [r.site] : (mixed.get(r.lot) ?? [])) push(out, r.party, { atMs: r.atMs, seq: r.seq, lot: r.lot, site });
      }
      for (const list of out.values()) list.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
      return out;
    },

    /** Per party: risk_area_origin and risk_area_transit incidents it recorded or (transit) was the subject of, sorted by time. */
    async supplierRiskHits(parties: string[], fromMs?: number, toMs?: number): Promise<Map<string, SupplierRiskHit[]>> {
      const out = new Map<string, SupplierRiskHit[]>();
      const wanted = new Set(parties);
      const seen = new Set<string>();
      for (const part of chunks([...wanted], 500)) {
        let q = ki
          .selectFrom('incidents')
          .select(['org', 'subject', 'rule', 'key', 'evidence', 'event_time'])
          .where('rule', 'in', ['risk_area_origin', 'risk_area_transit'])
          .where((eb) => eb.or([eb('org', 'in', part), eb.and([eb('rule', '=', 'risk_area_transit'), eb('subject', 'in', part)])]));
        if (fromMs !== undefined) q = q.where('event_time', '>', fromMs);
        if (toMs !== undefined) q = q.where('event_time', '<=', toMs);
        for (const r of await q.execute()) {
          const ev = JSON.parse(r.evidence) as { seqs?: number[]; threshold?: Record<string, unknown> };
          const hit: SupplierRiskHit = { atMs: Number(r.event_time), rule: r.rule as SupplierRiskHit['rule'], key: r.key, area: String(ev.threshold?.['area']), seqs: ev.seqs ?? [] };
          for (const p of new Set([r.org, ...(r.rule === 'risk_area_transit' ? [r.subject] : [])])) {
            if (!wanted.has(p) || seen.has(`${p}|${r.key}`)) continue;
            seen.add(`${p}|${r.key}`);
            push(out, p, hit);
          }
        }
      }
      for (const list of out.values()) list.sort((a, b) => a.atMs - b.atMs);
      return out;
    },
  };
}
