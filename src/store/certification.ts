import type { Kysely, Selectable, Transaction } from 'kysely';
import {
  authorisationProblems,
  inspectionProblems,
  statusChangeRefusal,
  type Authorisation,
  type AuthorisationScope,
  type CertificationStore,
  type IcglrStatusCode,
  type SiteInspection,
  type StatusChange,
} from '../certification/index.js';
import { OrpailleError, badInput, type Clock } from '../kernel/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';

/** Tables of migration 0007_registry (kept apart from schema.ts; used through `withTables`). */
export type RegistryTables = {
  authorisations: {
    id: string;
    kind: string;
    scheme: string;
    holder: string;
    issuer: string;
    issued_on: string;
    valid_until: string;
    /** JSON of the AuthorisationScope. */
    scope: string;
    created_at: number;
  };
  authorisation_sites: { authorisation_id: string; site: string };
  authorisation_status_changes: { authorisation_id: string; seq: number; status: string; from_date: string; reason: string | null; recorded_at: number };
  site_inspections: {
    id: string;
    site: string;
    date: string;
    status: number;
    report: string | null;
    purpose: string | null;
    inspector: string;
    agency: string;
    recorded_at: number;
  };
};

type K = Kysely<RegistryTables>;
type AuthorisationRow = Selectable<RegistryTables['authorisations']>;

/** Authorisations with their status history, and ICGLR site inspections, on either dialect. */
export function certificationStore(db: Db, clock: Clock): CertificationStore {
  const k: K = db.kysely.withTables<RegistryTables>() as unknown as K;

  async function withHistory(q: K | Transaction<RegistryTables>, rows: AuthorisationRow[]): Promise<Authorisation[]> {
    const changes = new Map<string, StatusChange[]>();
    for (const part of chunks(rows.map((r) => r.id), 500)) {
      const found = await q.selectFrom('authorisation_status_changes').selectAll().where('authorisation_id', 'in', part).orderBy('authorisation_id').orderBy('seq').execute();
      for (const c of found) {
        const list = changes.get(c.authorisation_id) ?? [];
        list.push({ status: c.status as StatusChange['status'], from: c.from_date, ...(c.reason !== null ? { reason: c.reason } : {}) });
        changes.set(c.authorisation_id, list);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as Authorisation['kind'],
      scheme: r.scheme as Authorisation['scheme'],
      holder: r.holder,
      issuer: r.issuer,
      scope: JSON.parse(r.scope) as AuthorisationScope,
      issuedOn: r.issued_on,
      validUntil: r.valid_until,
      statusChanges: changes.get(r.id) ?? [],
    }));
  }

  const ordered = <Q extends { orderBy: (c: 'issued_on' | 'id') => Q }>(q: Q) => q.orderBy('issued_on').orderBy('id');

  return {
    async add(a) {
      const problems = authorisationProblems(a);
      if (problems.length > 0) throw badInput(`authorisation ${a.id}: ${problems.join('; ')}`, { id: a.id, problems });
      const now = clock.now().getTime();
      await k.transaction().execute(async (trx) => {
        if (await trx.selectFrom('authorisations').select('id').where('id', '=', a.id).executeTakeFirst()) {
          throw new OrpailleError('ORP_AUTHORISATION_EXISTS', `an authorisation ${a.id} already exists`, { id: a.id });
        }
        await trx
          .insertInto('authorisations')
          .values({ id: a.id, kind: a.kind, scheme: a.scheme, holder: a.holder, issuer: a.issuer, issued_on: a.issuedOn, valid_until: a.validUntil, scope: JSON.stringify(a.scope), created_at: now })
          .execute();
        const sites = [...new Set(a.scope.sites ?? [])];
        for (const part of chunks(sites, 500)) {
          await trx.insertInto('authorisation_sites').values(part.map((site) => ({ authorisation_id: a.id, site }))).execute();
        }
        if (a.statusChanges.length > 0) {
          await trx
            .insertInto('authorisation_status_changes')
            .values(a.statusChanges.map((c, i) => ({ authorisation_id: a.id, seq: i + 1, status: c.status, from_date: c.from, reason: c.reason ?? null, recorded_at: now })))
            .execute();
        }
      });
    },

    async changeStatus(id, status, from, reason) {
      return k.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new OrpailleError('ORP_NOT_FOUND', `no authorisation ${id}`, { id });
        const [current] = await withHistory(trx, [row]);
        const change: StatusChange = { status, from, ...(reason !== undefined ? { reason } : {}) };
        const refusal = statusChangeRefusal(current!, change);
        if (refusal) throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', refusal, { id, status, from });
        await trx
          .insertInto('authorisation_status_changes')
          .values({ authorisation_id: id, seq: current!.statusChanges.length + 1, status, from_date: from, reason: reason ?? null, recorded_at: clock.now().getTime() })
          .execute();
        return { ...current!, statusChanges: [...current!.statusChanges, change] };
      });
    },

    async get(id) {
      const row = await k.selectFrom('authorisations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withHistory(k, [row]))[0] : undefined;
    },

    async authorisations(holders) {
      const rows: AuthorisationRow[] = [];
      for (const part of chunks([...new Set(holders)], 500)) {
        rows.push(...(await ordered(k.selectFrom('authorisations').selectAll().where('holder', 'in', part)).execute()));
      }
      rows.sort((x, y) => (x.issued_on === y.issued_on ? (x.id < y.id ? -1 : 1) : x.issued_on < y.issued_on ? -1 : 1));
      return withHistory(k, rows);
    },

    async list(filter = {}) {
      let q = k.selectFrom('authorisations').selectAll();
      if (filter.holder !== undefined) q = q.where('holder', '=', filter.holder);
      if (filter.issuer !== undefined) q = q.where('issuer', '=', filter.issuer);
      if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
      if (filter.scheme !== undefined) q = q.where('scheme', '=', filter.scheme);
      if (filter.parties !== undefined) {
        const parties = [...filter.parties];
        if (parties.length === 0) return [];
        q = q.where((eb) => eb.or([eb('holder', 'in', parties), eb('issuer', 'in', parties)]));
      }
      if (filter.site !== undefined) {
        const site = filter.site;
        q = q.where('id', 'in', (eb) => eb.selectFrom('authorisation_sites').select('authorisation_id').where('site', '=', site));
      }
      return withHistory(k, await ordered(q).execute());
    },

    async addInspection(i) {
      const problems = inspectionProblems(i);
      if (problems.length > 0) throw badInput(`inspection ${i.id}: ${problems.join('; ')}`, { id: i.id, problems });
      await k.transaction().execute(async (trx) => {
        if (await trx.selectFrom('site_inspections').select('id').where('id', '=', i.id).executeTakeFirst()) {
          throw new OrpailleError('ORP_INSPECTION_EXISTS', `an inspection ${i.id} already exists`, { id: i.id });
        }
        await trx
          .insertInto('site_inspections')
          .values({
            id: i.id,
            site: i.site,
            date: i.date,
            status: i.status,
            report: i.report ?? null,
            purpose: i.purpose ?? null,
            inspector: i.inspector,
            agency: i.agency,
            recorded_at: clock.now().getTime(),
          })
          .execute();
      });
    },

    async siteInspections(sites) {
      const out: SiteInspection[] = [];
      for (const part of chunks([...new Set(sites)], 500)) {
        const rows = await k.selectFrom('site_inspections').selectAll().where('site', 'in', part).execute();
        for (const r of rows) {
          out.push({
            id: r.id,
            site: r.site,
            date: r.date,
            status: Number(r.status) as IcglrStatusCode,
            ...(r.report !== null ? { report: r.report } : {}),
            ...(r.purpose !== null ? { purpose: r.purpose } : {}),
            inspector: r.inspector,
            agency: r.agency,
          });
        }
      }
      return out.sort((x, y) => (x.site !== y.site ? (x.site < y.site ? -1 : 1) : x.date !== y.date ? (x.date < y.date ? -1 : 1) : x.id < y.id ? -1 : 1));
    },
  };
}
