import type { Kysely } from 'kysely';
import { indicatorProblems, kycDate, kycProblems, type IndicatorStore, type KycRecord, type KycStore, type SiteIndicators } from '../diligence/index.js';
import { OrpailleError, badInput, type Clock } from '../kernel/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';

/** Tables of migration 0011_assessments for KYC records and site indicators (used through `withTables`). */
export type AssessmentTables = {
  kyc_records: {
    id: string;
    owner: string;
    supplier: string;
    kind: string;
    /** The date the record speaks of (identification, start of validity, check). */
    recorded_on: string;
    valid_until: string | null;
    /** JSON of the whole KycRecord. */
    body: string;
    recorded_by: string;
    recorded_at: number;
  };
  site_indicators: {
    id: string;
    owner: string;
    site: string;
    period_from: string;
    period_to: string;
    mercury_used_mg: number | null;
    mercury_recovered_mg: number | null;
    gold_produced_mg: number | null;
    retorts_in_use: number | null;
    people_trained: number | null;
    /** JSON of the whole SiteIndicators. */
    body: string;
    source: string;
    recorded_by: string;
    recorded_at: number;
  };
};

type K = Kysely<AssessmentTables>;

/** Know-your-counterparty records and mercury/ESG site indicators on either dialect. */
export function assessmentStore(db: Db, clock: Clock): KycStore & IndicatorStore {
  const k: K = db.kysely.withTables<AssessmentTables>() as unknown as K;

  async function insertNew<T extends 'kyc_records' | 'site_indicators'>(table: T, id: string, what: string, row: AssessmentTables[T]): Promise<void> {
    await k.transaction().execute(async (trx) => {
      // Both tables have a text id primary key; the one query serves both.
      const t = trx as unknown as Kysely<Record<string, { id: string }>>;
      if (await t.selectFrom(table as string).select('id').where('id', '=', id).executeTakeFirst()) {
        throw new OrpailleError('ORP_RECORD_EXISTS', `a ${what} ${id} already exists`, { id });
      }
      await trx.insertInto(table).values(row as never).execute();
    });
  }

  return {
    async addKyc(r) {
      const problems = kycProblems(r);
      if (problems.length > 0) throw badInput(`KYC record ${r.id}: ${problems.join('; ')}`, { id: r.id, problems });
      await insertNew('kyc_records', r.id, 'KYC record', {
        id: r.id,
        owner: r.owner,
        supplier: r.supplier,
        kind: r.kind,
        recorded_on: kycDate(r),
        valid_until: r.kind === 'licence' ? (r.validUntil ?? null) : null,
        body: JSON.stringify(r),
        recorded_by: r.recordedBy,
        recorded_at: clock.now().getTime(),
      });
    },

    async kycRecords(filter) {
      let q = k.selectFrom('kyc_records').select(['body']);
      if (filter.owners !== undefined) {
        const owners = [...new Set(filter.owners)];
        if (owners.length === 0) return [];
        q = q.where('owner', 'in', owners);
      }
      if (filter.supplier !== undefined) q = q.where('supplier', '=', filter.supplier);
      if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
      return (await q.orderBy('recorded_on').orderBy('id').execute()).map((r) => JSON.parse(r.body) as KycRecord);
    },

    async addIndicators(i) {
      const problems = indicatorProblems(i);
      if (problems.length > 0) throw badInput(`site indicators ${i.id}: ${problems.join('; ')}`, { id: i.id, problems });
      await insertNew('site_indicators', i.id, 'site indicator record', {
        id: i.id,
        owner: i.owner,
        site: i.site,
        period_from: i.periodFrom,
        period_to: i.periodTo,
        mercury_used_mg: i.mercuryUsedMg ?? null,
        mercury_recovered_mg: i.mercuryRecoveredMg ?? null,
        gold_produced_mg: i.goldProducedMg ?? null,
        retorts_in_use: i.retortsInUse ?? null,
        people_trained: i.peopleTrained ?? null,
        body: JSON.stringify(i),
        source: i.source,
        recorded_by: i.recordedBy,
        recorded_at: clock.now().getTime(),
      });
    },

    async indicators(filter) {
      const owners = filter.owners !== undefined ? [...new Set(filter.owners)] : undefined;
      if (owners?.length === 0) return [];
      const sitesParts = filter.sites !== undefined ? chunks([...new Set(filter.sites)], 500) : [undefined];
      const out: SiteIndicators[] = [];
      for (const part of sitesParts) {
        if (part?.length === 0) continue;
        let q = k.selectFrom('site_indicators').select(['body']);
        if (owners !== undefined) q = q.where('owner', 'in', owners);
        if (part !== undefined) q = q.where('site', 'in', part);
        out.push(...(await q.orderBy('site').orderBy('period_from').orderBy('id').execute()).map((r) => JSON.parse(r.body) as SiteIndicators));
      }
      return out;
    },
  };
}
