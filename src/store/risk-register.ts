import type { Kysely, Selectable, Transaction } from 'kysely';
import { evolveRisk, riskEntryProblems, riskStatus, riskStatusChangeRefusal, type Evidence, type RiskEntry, type RiskId, type RiskRegisterStore, type RiskStatus, type RiskStatusChange, type RiskSubject } from '../diligence/index.js';
import { OrpailleError, badInput, type Clock } from '../kernel/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';

/** Tables of migration 0011_assessments for the risk register (kept apart from schema.ts; used through `withTables`). */
export type RiskRegisterTables = {
  risk_entries: {
    id: string;
    owner: string;
    subject_kind: string;
    subject: string;
    risk: string;
    catalogue_version: string;
    /** The current status, kept in step with the last change so listings can filter on it. */
    status: string;
    observed_on: string;
    source: string;
    /** JSON array of Evidence. */
    evidence: string;
    note: string | null;
    recorded_by: string;
    recorded_at: number;
  };
  risk_status_changes: { entry_id: string; seq: number; status: string; on_date: string; by_person: string; reason: string | null; recorded_at: number };
};

type K = Kysely<RiskRegisterTables>;
type Row = Selectable<RiskRegisterTables['risk_entries']>;

/** The risk register on either dialect: entries with their status history. */
export function riskRegisterStore(db: Db, clock: Clock): RiskRegisterStore {
  const k: K = db.kysely.withTables<RiskRegisterTables>() as unknown as K;

  async function withHistory(q: K | Transaction<RiskRegisterTables>, rows: Row[]): Promise<RiskEntry[]> {
    const history = new Map<string, RiskStatusChange[]>();
    for (const part of chunks(rows.map((r) => r.id), 500)) {
      const found = await q.selectFrom('risk_status_changes').selectAll().where('entry_id', 'in', part).orderBy('entry_id').orderBy('seq').execute();
      for (const c of found) {
        const list = history.get(c.entry_id) ?? [];
        list.push({ status: c.status as RiskStatus, on: c.on_date, by: c.by_person, ...(c.reason !== null ? { reason: c.reason } : {}) });
        history.set(c.entry_id, list);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      owner: r.owner,
      subject: { kind: r.subject_kind as RiskSubject['kind'], uri: r.subject },
      risk: r.risk as RiskId,
      catalogueVersion: r.catalogue_version,
      observedOn: r.observed_on,
      source: r.source,
      evidence: JSON.parse(r.evidence) as Evidence[],
      ...(r.note !== null ? { note: r.note } : {}),
      recordedBy: r.recorded_by,
      history: history.get(r.id) ?? [],
    }));
  }

  const insertChanges = (trx: Transaction<RiskRegisterTables>, id: string, changes: RiskStatusChange[], firstSeq: number, now: number) =>
    trx
      .insertInto('risk_status_changes')
      .values(changes.map((c, i) => ({ entry_id: id, seq: firstSeq + i, status: c.status, on_date: c.on, by_person: c.by, reason: c.reason ?? null, recorded_at: now })))
      .execute();

  return {
    async addRisk(e) {
      const problems = riskEntryProblems(e);
      if (problems.length > 0) throw badInput(`risk entry ${e.id}: ${problems.join('; ')}`, { id: e.id, problems });
      const now = clock.now().getTime();
      await k.transaction().execute(async (trx) => {
        if (await trx.selectFrom('risk_entries').select('id').where('id', '=', e.id).executeTakeFirst()) {
          throw new OrpailleError('ORP_RECORD_EXISTS', `a risk entry ${e.id} already exists`, { id: e.id });
        }
        await trx
          .insertInto('risk_entries')
          .values({
            id: e.id,
            owner: e.owner,
            subject_kind: e.subject.kind,
            subject: e.subject.uri,
            risk: e.risk,
            catalogue_version: e.catalogueVersion,
            status: riskStatus(e),
            observed_on: e.observedOn,
            source: e.source,
            evidence: JSON.stringify(e.evidence),
            note: e.note ?? null,
            recorded_by: e.recordedBy,
            recorded_at: now,
          })
          .execute();
        await insertChanges(trx, e.id, e.history, 1, now);
      });
    },

    async risk(id) {
      const row = await k.selectFrom('risk_entries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withHistory(k, [row]))[0] : undefined;
    },

    async risks(filter = {}) {
      let q = k.selectFrom('risk_entries').selectAll();
      if (filter.owners !== undefined) {
        const owners = [...new Set(filter.owners)];
        if (owners.length === 0) return [];
        q = q.where('owner', 'in', owners);
      }
      if (filter.subject !== undefined) q = q.where('subject', '=', filter.subject);
      if (filter.subjectKind !== undefined) q = q.where('subject_kind', '=', filter.subjectKind);
      if (filter.risk !== undefined) q = q.where('risk', '=', filter.risk);
      if (filter.status !== undefined) q = q.where('status', '=', filter.status);
      return withHistory(k, await q.orderBy('observed_on').orderBy('id').execute());
    },

    async changeRiskStatus(id, change) {
      return k.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('risk_entries').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new OrpailleError('ORP_NOT_FOUND', `no risk entry ${id}`, { id });
        const [current] = await withHistory(trx, [row]);
        const refusal = riskStatusChangeRefusal(current!, change);
        if (refusal) throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', refusal, { id, status: change.status, on: change.on });
        const now = clock.now().getTime();
        await insertChanges(trx, id, [change], current!.history.length + 1, now);
        await trx.updateTable('risk_entries').set({ status: change.status }).where('id', '=', id).execute();
        return evolveRisk(current!, change);
      });
    },
  };
}
