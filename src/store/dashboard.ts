import { sql, type RawBuilder } from 'kysely';
import type { Db } from './db.js';
import type { IncidentTables } from './incident-tables.js';
import type { RiskRegisterTables } from './risk-register.js';

/** A CBV word as events may carry it: the bare word (as Orpaille writes it) or its URN and Web URI forms. */
const cbvForms = (word: string, urn: string, web: string) => [word, `${urn}${word}`, `${web}${word}`];
const OWNING_PARTY = cbvForms('owning_party', 'urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-');
/** Purchases (ownership passes) and productions (a lot comes into existence at a mine site). */
const PURCHASE = cbvForms('accepting', 'urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-');
const PRODUCTION = cbvForms('commissioning', 'urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-');

/** Risk register statuses and incident statuses that still ask for work (mitigated and closed do not). */
const OPEN_RISK = ['identified', 'confirmed'];
const OPEN_INCIDENT = ['open', 'under_review'];

/**
 * The lots in the lineage of what `parties` may see (docs/api.md): every visible lot (custodian or owner in
 * `parties`, or touched by an event with a party there) and, recursively, every lot that went into one. A trace
 * of a visible lot shows these ancestors, so the dashboard may aggregate them.
 */
function lineageLots(parties: string[]): RawBuilder<unknown> {
  const p = sql.join(parties);
  return sql`
    visible(lot) as (
      select l.lot_id from lots l
      where l.custodian in (${p}) or l.owner in (${p})
         or exists (select 1 from event_lots el join event_parties ep on ep.seq = el.seq where el.lot_id = l.lot_id and ep.party in (${p}))
    ),
    lineage(lot) as (
      select lot from visible
      union
      select li.input_lot from lot_inputs li join lineage on li.output_lot = lineage.lot
    )`;
}

/** Fine gold moved in one kind of event between two parties, summed over the period (one row per seller, buyer and site). */
export interface FlowRow {
  step: 'purchase' | 'production';
  /** The selling organisation (party URI); absent when the seller is a miner or for a production. */
  seller?: string;
  /** The buying or producing organisation (party URI). */
  buyer: string;
  /** The mine site of the lots when there is no selling organisation (a miner's sale, a production). */
  site?: string;
  fineMg: number;
  events: number;
}

/** Reads of the web dashboard (docs/web.md, "Dashboard"): aggregated in SQL, scoped to what a principal may see. */
export function dashboardStore(db: Db) {
  const k = db.kysely;
  return {
    /** URIs of the sites of lots in the lineage of what `parties` may see, and of sites of organisations in `parties`. */
    async visibleSites(parties: string[]): Promise<Set<string>> {
      if (parties.length === 0) return new Set();
      const r = await sql<{ site: string }>`
        with recursive ${lineageLots(parties)}
        select distinct l.site as site from lineage join lots l on l.lot_id = lineage.lot where l.site is not null
        union
        select s.uri as site from sites s join organisations o on o.id = s.org_id where o.uri in (${sql.join(parties)})`.execute(k);
      return new Set(r.rows.map((x) => x.site));
    },

    /**
     * Fine gold (initial gross mass x fineness of each lot) that changed owner in [fromMs, toMs): purchases between a
     * seller and a buying organisation, and productions by an organisation at a site (a miner's production stays at
     * the site until a buyer takes it). Only lots in the lineage of what `parties` may see count.
     */
    async flows(parties: string[], fromMs: number, toMs: number): Promise<FlowRow[]> {
      if (parties.length === 0) return [];
      const r = await sql<{ step: string; seller: string | null; buyer: string; site: string | null; fine_mg: number | string; events: number | string }>`
        with recursive ${lineageLots(parties)}
        select case when e.biz_step in (${sql.join(PRODUCTION)}) then 'production' else 'purchase' end as step,
               so.uri as seller, bo.uri as buyer, case when so.uri is null then l.site end as site,
               sum(l.initial_mg * l.fineness / 10000) as fine_mg, count(distinct e.seq) as events
        from lineage
        join lots l on l.lot_id = lineage.lot
        join event_lots el on el.lot_id = lineage.lot
        join events e on e.seq = el.seq
        join event_src_dest d on d.seq = e.seq and d.dir = 'destination' and d.type in (${sql.join(OWNING_PARTY)})
        join organisations bo on bo.uri = d.id
        left join event_src_dest s on s.seq = e.seq and s.dir = 'source' and s.type in (${sql.join(OWNING_PARTY)})
        left join organisations so on so.uri = s.id
        where e.biz_step in (${sql.join([...PURCHASE, ...PRODUCTION])}) and e.event_time >= ${fromMs} and e.event_time < ${toMs}
        group by 1, 2, 3, 4`.execute(k);
      return r.rows.map((x) => ({
        step: x.step as FlowRow['step'],
        ...(x.seller !== null ? { seller: x.seller } : {}),
        buyer: x.buyer,
        ...(x.site !== null ? { site: x.site } : {}),
        fineMg: Number(x.fine_mg),
        events: Number(x.events),
      }));
    },

    /**
     * Open risk register entries (identified or confirmed) and open incidents (open or under review) about each of
     * `sites`, kept by `owners` (every organisation's when undefined: the platform administrator).
     */
    async openRisks(sites: string[], owners: string[] | undefined): Promise<Map<string, { risks: number; incidents: number }>> {
      const out = new Map<string, { risks: number; incidents: number }>(sites.map((s) => [s, { risks: 0, incidents: 0 }]));
      if (sites.length === 0 || owners?.length === 0) return out;
      const risks = k.withTables<RiskRegisterTables>();
      let rq = risks
        .selectFrom('risk_entries')
        .select(['subject', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('subject_kind', '=', 'site')
        .where('subject', 'in', sites)
        .where('status', 'in', OPEN_RISK);
      if (owners) rq = rq.where('owner', 'in', owners);
      for (const row of await rq.groupBy('subject').execute()) out.get(row.subject)!.risks = Number(row.n);
      let iq = k
        .withTables<IncidentTables>()
        .selectFrom('incidents')
        .select(['subject', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('subject', 'in', sites)
        .where('status', 'in', OPEN_INCIDENT);
      if (owners) iq = iq.where('org', 'in', owners);
      for (const row of await iq.groupBy('subject').execute()) out.get(row.subject)!.incidents = Number(row.n);
      return out;
    },
  };
}

export type DashboardStore = ReturnType<typeof dashboardStore>;
