import { sql, type Kysely, type Selectable } from 'kysely';
import type { GatingStore, SupplierDecision } from '../diligence/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/** Tables of migration 0012_gating (kept apart from schema.ts; used through `withTables`). */
export type GatingTables = {
  supplier_decisions: {
    id: string;
    organisation: string;
    supplier: string;
    decision: string;
    decided_by: string;
    decided_at: string;
    decided_ms: number;
    reason: string;
    plan_id: string | null;
    risk_ref: string | null;
    automatic: number;
    recorded_at: number;
  };
  risk_plans: { id: string; organisation: string; supplier: string; adopted_on: string; deadline: string; deadline_rule: string; created_by: string; measures: string; recorded_at: number };
  plan_progress: { plan_id: string; seq: number; measure: string; reported_on: string; value: number; note: string | null; reported_by: string; recorded_at: number };
  diligence_steps: { organisation: string; item: string; seq: number; status: string; evidence: string; note: string | null; updated_by: string; updated_on: string; recorded_at: number };
};

type K = Kysely<GatingTables & Database>;

function decisionFromRow(r: Selectable<GatingTables['supplier_decisions']>): SupplierDecision {
  return {
    id: r.id,
    organisation: r.organisation,
    supplier: r.supplier,
    decision: r.decision as SupplierDecision['decision'],
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    reason: r.reason,
    ...(r.plan_id !== null ? { planId: r.plan_id } : {}),
    ...(r.risk_ref !== null ? { riskRef: r.risk_ref } : {}),
    ...(Number(r.automatic) === 1 ? { automatic: true } : {}),
  };
}

/** The decisions of these organisations (in a ledger write transaction or not), in decision order. */
export async function decisionsOf(k: Kysely<any>, organisations: string[]): Promise<SupplierDecision[]> {
  const q = k as K;
  const out: SupplierDecision[] = [];
  for (const part of chunks(organisations, 500)) {
    const rows = await q.selectFrom('supplier_decisions').selectAll().where('organisation', 'in', part).orderBy('decided_ms').orderBy('recorded_at').execute();
    out.push(...rows.map(decisionFromRow));
  }
  return out;
}

/** The organisation URI each registered site or miner among `uris` belongs to. */
export async function organisationsOf(k: Kysely<any>, uris: string[]): Promise<Map<string, string>> {
  const q = k as K;
  const out = new Map<string, string>();
  for (const part of chunks(uris, 1000)) {
    for (const table of ['sites', 'miners'] as const) {
      const rows = await q.selectFrom(table).innerJoin('organisations', 'organisations.id', `${table}.org_id`).select([`${table}.uri as uri`, 'organisations.uri as org']).where(`${table}.uri`, 'in', part).execute();
      for (const r of rows) out.set(r.uri, r.org);
    }
  }
  return out;
}

/** Supplier decisions on either dialect. */
export function gatingStore(db: Db, now: () => number): GatingStore {
  const k = db.kysely.withTables<GatingTables>() as unknown as K;
  return {
    async addDecision(d) {
      await k
        .insertInto('supplier_decisions')
        .values({
          id: d.id,
          organisation: d.organisation,
          supplier: d.supplier,
          decision: d.decision,
          decided_by: d.decidedBy,
          decided_at: d.decidedAt,
          decided_ms: Date.parse(d.decidedAt),
          reason: d.reason,
          plan_id: d.planId ?? null,
          risk_ref: d.riskRef ?? null,
          automatic: d.automatic ? 1 : 0,
          recorded_at: now(),
        })
        .execute();
    },
    async decisions(organisation, supplier) {
      let q = k.selectFrom('supplier_decisions').selectAll().where('organisation', '=', organisation);
      if (supplier !== undefined) q = q.where('supplier', '=', supplier);
      return (await q.orderBy('decided_ms').orderBy('recorded_at').execute()).map(decisionFromRow);
    },
    async stockFrom(organisation, supplier) {
      // The supplier's sites: itself when it is a site, the sites of its organisation when it is one.
      const sites = (await k.selectFrom('sites').innerJoin('organisations', 'organisations.id', 'sites.org_id').select('sites.uri as uri').where((eb) => eb.or([eb('sites.uri', '=', supplier), eb('organisations.uri', '=', supplier)])).execute()).map((r) => r.uri);
      if (sites.length === 0) return [];
      const r = await sql<{ lot_id: string; site: string | null; held_mg: number; fineness: number; status: string }>`
        with recursive origin(lot) as (
          select lot_id from lots where site in (${sql.join(sites)})
          union
          select li.output_lot from lot_inputs li join origin on li.input_lot = origin.lot
        )
        select l.lot_id, l.site, l.held_mg, l.fineness, l.status from lots l join origin on l.lot_id = origin.lot
        where (l.owner = ${organisation} or l.custodian = ${organisation} or l.in_transit_to = ${organisation})
          and l.status in ('active', 'in_transit')
        order by l.created_at, l.lot_id`.execute(k);
      return r.rows.map((x) => ({ lot: x.lot_id, ...(x.site ? { site: x.site } : {}), heldMg: Number(x.held_mg), fineness: Number(x.fineness), status: x.status }));
    },
  };
}
