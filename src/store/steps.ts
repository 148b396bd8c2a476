import type { Kysely } from 'kysely';
import type { StepEntry, StepStore } from '../diligence/index.js';
import type { Db } from './db.js';
import type { GatingTables } from './gating.js';

type K = Kysely<GatingTables>;

/** The OECD five-step checklist entries of each organisation, append-only, on either dialect. */
export function stepStore(db: Db, now: () => number): StepStore {
  const k = db.kysely.withTables<GatingTables>() as unknown as K;
  return {
    async addStep(e) {
      await k.transaction().execute(async (trx) => {
        const last = await trx.selectFrom('diligence_steps').select((eb) => eb.fn.max('seq').as('seq')).where('organisation', '=', e.organisation).where('item', '=', e.item).executeTakeFirst();
        await trx
          .insertInto('diligence_steps')
          .values({ organisation: e.organisation, item: e.item, seq: Number(last?.seq ?? 0) + 1, status: e.status, evidence: JSON.stringify(e.evidence), note: e.note ?? null, updated_by: e.updatedBy, updated_on: e.updatedOn, recorded_at: now() })
          .execute();
      });
    },
    async steps(organisation) {
      const rows = await k.selectFrom('diligence_steps').selectAll().where('organisation', '=', organisation).orderBy('item').orderBy('seq').execute();
      return rows.map((r) => ({ organisation: r.organisation, item: r.item, status: r.status as StepEntry['status'], evidence: JSON.parse(r.evidence) as string[], ...(r.note !== null ? { note: r.note } : {}), updatedBy: r.updated_by, updatedOn: r.updated_on }));
    },
  };
}
