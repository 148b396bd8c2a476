import type { Kysely, Selectable } from 'kysely';
import type { PlanMeasure, PlanStore, ProgressReport, RiskPlan } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Db } from './db.js';
import type { GatingTables } from './gating.js';

type K = Kysely<GatingTables>;

function progressFromRow(r: Selectable<GatingTables['plan_progress']>): ProgressReport {
  return { measure: r.measure, reportedOn: r.reported_on, value: Number(r.value), reportedBy: r.reported_by, ...(r.note !== null ? { note: r.note } : {}) };
}

/** Risk management plans and their progress reports on either dialect (tables of migration 0012_gating). */
export function planStore(db: Db, now: () => number): PlanStore {
  const k = db.kysely.withTables<GatingTables>() as unknown as K;

  async function withProgress(rows: Selectable<GatingTables['risk_plans']>[]): Promise<RiskPlan[]> {
    if (rows.length === 0) return [];
    const reports = await k.selectFrom('plan_progress').selectAll().where('plan_id', 'in', rows.map((r) => r.id)).orderBy('plan_id').orderBy('seq').execute();
    return rows.map((r) => ({
      id: r.id,
      organisation: r.organisation,
      supplier: r.supplier,
      adoptedOn: r.adopted_on,
      deadline: r.deadline,
      deadlineRule: JSON.parse(r.deadline_rule) as RiskPlan['deadlineRule'],
      createdBy: r.created_by,
      measures: JSON.parse(r.measures) as PlanMeasure[],
      progress: reports.filter((p) => p.plan_id === r.id).map(progressFromRow),
    }));
  }

  return {
    async addPlan(p) {
      if (await k.selectFrom('risk_plans').select('id').where('id', '=', p.id).executeTakeFirst()) {
        throw new OrpailleError('ORP_RECORD_EXISTS', `plan ${p.id} already exists`, { id: p.id });
      }
      await k
        .insertInto('risk_plans')
        .values({
          id: p.id,
          organisation: p.organisation,
          supplier: p.supplier,
          adopted_on: p.adoptedOn,
          deadline: p.deadline,
          deadline_rule: JSON.stringify(p.deadlineRule),
          created_by: p.createdBy,
          measures: JSON.stringify(p.measures),
          recorded_at: now(),
        })
        .execute();
    },
    async plan(id) {
      return (await withProgress(await k.selectFrom('risk_plans').selectAll().where('id', '=', id).execute()))[0];
    },
    async plans(organisation, supplier) {
      let q = k.selectFrom('risk_plans').selectAll().where('organisation', '=', organisation);
      if (supplier !== undefined) q = q.where('supplier', '=', supplier);
      return withProgress(await q.orderBy('adopted_on').orderBy('id').execute());
    },
    async addProgress(planId, report) {
      await k.transaction().execute(async (trx) => {
        const last = await trx.selectFrom('plan_progress').select((eb) => eb.fn.max('seq').as('seq')).where('plan_id', '=', planId).executeTakeFirst();
        await trx
          .insertInto('plan_progress')
          .values({ plan_id: planId, seq: Number(last?.seq ?? 0) + 1, measure: report.measure, reported_on: report.reportedOn, value: report.value, note: report.note ?? null, reported_by: report.reportedBy, recorded_at: now() })
          .execute();
      });
    },
  };
}
