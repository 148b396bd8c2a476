import type { Kysely, Selectable } from 'kysely';
import { craftProblems, craftReviewRefusal, reviewCraft, type CraftAnswer, type CraftAssessment, type CraftReview, type CraftStage, type CraftStore } from '../diligence/index.js';
import { OrpailleError, badInput, type Clock } from '../kernel/index.js';
import type { Db } from './db.js';

/** The CRAFT table of migration 0011_assessments (used through `withTables`). */
export type CraftTables = {
  craft_assessments: {
    id: string;
    producer: string;
    buyer: string;
    questionnaire_version: string;
    assessed_on: string;
    stage: string;
    /** JSON array of the producer's CraftAnswer. */
    answers: string;
    /** JSON array of the reviewer's CraftAnswer, once reviewed. */
    review: string | null;
    submitted_by: string;
    reviewed_by: string | null;
    reviewed_on: string | null;
    recorded_at: number;
  };
};

type K = Kysely<CraftTables>;
type Row = Selectable<CraftTables['craft_assessments']>;

function fromRow(r: Row): CraftAssessment {
  return {
    id: r.id,
    producer: r.producer,
    buyer: r.buyer,
    questionnaireVersion: r.questionnaire_version,
    assessedOn: r.assessed_on,
    stage: r.stage as CraftStage,
    answers: JSON.parse(r.answers) as CraftAnswer[],
    submittedBy: r.submitted_by,
    ...(r.review !== null ? { review: { reviewedBy: r.reviewed_by!, reviewedOn: r.reviewed_on!, answers: JSON.parse(r.review) as CraftAnswer[] } } : {}),
  };
}

/** CRAFT assessments (self-assessment, then the buyer's review) on either dialect. */
export function craftStore(db: Db, clock: Clock): CraftStore {
  const k: K = db.kysely.withTables<CraftTables>() as unknown as K;
  return {
    async addCraft(a) {
      const problems = craftProblems(a);
      if (problems.length > 0) throw badInput(`CRAFT assessment ${a.id}: ${problems.join('; ')}`, { id: a.id, problems });
      await k.transaction().execute(async (trx) => {
        if (await trx.selectFrom('craft_assessments').select('id').where('id', '=', a.id).executeTakeFirst()) {
          throw new OrpailleError('ORP_RECORD_EXISTS', `a CRAFT assessment ${a.id} already exists`, { id: a.id });
        }
        await trx
          .insertInto('craft_assessments')
          .values({
            id: a.id,
            producer: a.producer,
            buyer: a.buyer,
            questionnaire_version: a.questionnaireVersion,
            assessed_on: a.assessedOn,
            stage: a.stage,
            answers: JSON.stringify(a.answers),
            review: a.review ? JSON.stringify(a.review.answers) : null,
            submitted_by: a.submittedBy,
            reviewed_by: a.review?.reviewedBy ?? null,
            reviewed_on: a.review?.reviewedOn ?? null,
            recorded_at: clock.now().getTime(),
          })
          .execute();
      });
    },

    async craft(id) {
      const row = await k.selectFrom('craft_assessments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },

    async crafts(filter) {
      let q = k.selectFrom('craft_assessments').selectAll();
      if (filter.producer !== undefined) q = q.where('producer', '=', filter.producer);
      if (filter.parties !== undefined) {
        const parties = [...new Set(filter.parties)];
        if (parties.length === 0) return [];
        q = q.where((eb) => eb.or([eb('producer', 'in', parties), eb('buyer', 'in', parties)]));
      }
      return (await q.orderBy('assessed_on').orderBy('id').execute()).map(fromRow);
    },

    async reviewCraft(id, review: CraftReview) {
      return k.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('craft_assessments').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new OrpailleError('ORP_NOT_FOUND', `no CRAFT assessment ${id}`, { id });
        const current = fromRow(row);
        const refusal = craftReviewRefusal(current, review);
        if (refusal) throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', refusal, { id });
        await trx
          .updateTable('craft_assessments')
          .set({ stage: 'reviewed', review: JSON.stringify(review.answers), reviewed_by: review.reviewedBy, reviewed_on: review.reviewedOn })
          .where('id', '=', id)
          .where('stage', '=', 'self')
          .execute();
        return reviewCraft(current, review);
      });
    },
  };
}
