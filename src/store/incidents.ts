import type { Selectable } from 'kysely';
import {
  INCIDENT_STATUSES,
  type Incident,
  type IncidentChange,
  type IncidentOrder,
  type IncidentStatus,
  type RedFlagHit,
  type RedFlagRule,
  type RiskArea,
  type SiteProduction,
  raiseIncident,
} from '../diligence/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { IncidentTables, IncidentsTable } from './incident-tables.js';
import { materialFactsStore } from './material-facts.js';
import { supplierHistoryStore } from './supplier-history.js';

export interface IncidentFilter {
  /** Party URIs whose incidents to list; undefined = every organisation's (platform administrator). */
  orgs?: string[];
  status?: IncidentStatus;
  rule?: RedFlagRule;
  subject?: string;
  /** Newest event first (the default), oldest event first, or the latest changed first. */
  order?: IncidentOrder;
  limit?: number;
  offset?: number;
}

export interface CashApproval {
  buyer: string;
  purchaseNumber: string;
  approvedBy: string;
  approvedAt: number;
  note: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Incidents, their history, cash approvals, risk areas, and the production history the capacity rule reads. */
export function incidentStore(db: Db) {
  const k = db.kysely.withTables<IncidentTables>();

  const toIncident = (r: Selectable<IncidentsTable>, history: IncidentChange[]): Incident => ({
    id: r.id,
    org: r.org,
    rule: r.rule as RedFlagRule,
    key: r.key,
    subject: r.subject,
    summary: r.summary,
    status: r.status as IncidentStatus,
    ...(r.owner ? { owner: r.owner } : {}),
    evidence: JSON.parse(r.evidence) as Incident['evidence'],
    raisedAt: iso(Number(r.raised_at)),
    updatedAt: iso(Number(r.updated_at)),
    history,
  });

  const historyOf = async (ids: string[]): Promise<Map<string, IncidentChange[]>> => {
    const out = new Map<string, IncidentChange[]>();
    for (const part of chunks(ids, 500)) {
      const rows = await k.selectFrom('incident_history').selectAll().where('incident_id', 'in', part).orderBy('incident_id').orderBy('n').execute();
      for (const h of rows) {
        const list = out.get(h.incident_id) ?? [];
        list.push({ at: iso(Number(h.at)), by: h.actor, status: h.status as IncidentStatus, ...(h.owner ? { owner: h.owner } : {}), note: h.note });
        out.set(h.incident_id, list);
      }
    }
    return out;
  };

  return {
    ...materialFactsStore(db),
    ...supplierHistoryStore(db),

    /**
     * Raises an incident for each hit whose key has none yet, in one transaction; returns those raised.
     * Rescanning the same events raises nothing new.
     */
    async raise(hits: RedFlagHit[], atMs: number, newId: () => string): Promise<Incident[]> {
      if (hits.length === 0) return [];
      return k.transaction().execute(async (trx) => {
        const existing = new Set<string>();
        for (const part of chunks([...new Set(hits.map((h) => h.key))], 500)) {
          for (const r of await trx.selectFrom('incidents').select('key').where('key', 'in', part).execute()) existing.add(r.key);
        }
        const raised: Incident[] = [];
        for (const h of hits) {
          if (existing.has(h.key)) continue;
          existing.add(h.key);
          raised.push(raiseIncident(newId(), h, iso(atMs)));
        }
        for (const part of chunks(raised, 200)) {
          await trx
            .insertInto('incidents')
            .values(
              part.map((i) => ({
                id: i.id,
                org: i.org,
                rule: i.rule,
                key: i.key,
                subject: i.subject,
                summary: i.summary,
                status: i.status,
                owner: null,
                evidence: JSON.stringify(i.evidence),
                event_time: Date.parse(i.evidence.eventTime),
                raised_at: atMs,
                updated_at: atMs,
              })),
            )
            .execute();
          await trx
            .insertInto('incident_history')
            .values(part.map((i) => ({ incident_id: i.id, n: 1, at: atMs, actor: i.history[0]!.by, status: i.status, owner: null, note: i.history[0]!.note })))
            .execute();
        }
        return raised;
      });
    },

    /** Incidents newest first by the time of the event that raised them (or as `order` says), with their history. */
    async list(filter: IncidentFilter = {}): Promise<{ incidents: Incident[]; total: number }> {
      if (filter.orgs && filter.orgs.length === 0) return { incidents: [], total: 0 };
      let q = k.selectFrom('incidents');
      if (filter.orgs) q = q.where('org', 'in', filter.orgs);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.rule) q = q.where('rule', '=', filter.rule);
      if (filter.subject) q = q.where('subject', '=', filter.subject);
      const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const order = filter.order ?? 'newest';
      const sorted = order === 'updated' ? q.orderBy('updated_at', 'desc') : q.orderBy('event_time', order === 'oldest' ? 'asc' : 'desc');
      const rows = await sorted
        .selectAll()
        .orderBy('id')
        .limit(filter.limit ?? 100)
        .offset(filter.offset ?? 0)
        .execute();
      const history = await historyOf(rows.map((r) => r.id));
      return { incidents: rows.map((r) => toIncident(r, history.get(r.id) ?? [])), total };
    },

    /** One incident with its history, or undefined. */
    async get(id: string): Promise<Incident | undefined> {
      const r = await k.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      return toIncident(r, (await historyOf([id])).get(id) ?? []);
    },

    /** Counts of incidents per status (for the organisations given, or all). */
    async counts(orgs?: string[]): Promise<Record<IncidentStatus, number>> {
      const out = Object.fromEntries(INCIDENT_STATUSES.map((s) => [s, 0])) as Record<IncidentStatus, number>;
      if (orgs && orgs.length === 0) return out;
      let q = k.selectFrom('incidents').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status');
      if (orgs) q = q.where('org', 'in', orgs);
      for (const r of await q.execute()) out[r.status as IncidentStatus] = Number(r.n);
      return out;
    },

    /**
     * Applies `change` to an incident in one transaction (the decision is the caller's pure function);
     * returns the updated incident, or undefined when there is none with that id.
     */
    async update(id: string, change: (i: Incident) => { incident: Incident; change: IncidentChange }): Promise<Incident | undefined> {
      return k.transaction().execute(async (trx) => {
        let sel = trx.selectFrom('incidents').selectAll().where('id', '=', id);
        // Two people changing one incident at once: the second waits and sees the first's change.
        if (db.dialect === 'postgres') sel = sel.forUpdate();
        const r = await sel.executeTakeFirst();
        if (!r) return undefined;
        const rows = await trx.selectFrom('incident_history').selectAll().where('incident_id', '=', id).orderBy('n').execute();
        const current = toIncident(r, rows.map((h) => ({ at: iso(Number(h.at)), by: h.actor, status: h.status as IncidentStatus, ...(h.owner ? { owner: h.owner } : {}), note: h.note })));
        const next = change(current);
        const at = Date.parse(next.change.at);
        await trx.updateTable('incidents').set({ status: next.incident.status, owner: next.incident.owner ?? null, updated_at: at }).where('id', '=', id).execute();
        await trx
          .insertInto('incident_history')
          .values({ incident_id: id, n: rows.length + 1, at, actor: next.change.by, status: next.change.status, owner: next.change.owner ?? null, note: next.change.note })
          .execute();
        return next.incident;
      });
    },

    /** Records a person's approval of a cash purchase; upsert (a second approval replaces the first's note and author). */
    async approveCash(a: CashApproval): Promise<void> {
      await k
        .insertInto('cash_approvals')
        .values({ buyer: a.buyer, purchase_number: a.purchaseNumber, approved_by: a.approvedBy, approved_at: a.approvedAt, note: a.note })
        .onConflict((oc) => oc.columns(['buyer', 'purchase_number']).doUpdateSet({ approved_by: a.approvedBy, approved_at: a.approvedAt, note: a.note }))
        .execute();
    },

    /** Which of these (buyer, purchase number) pairs have an approval; keys `buyer|number`. */
    async cashApprovals(pairs?: { buyer: string; purchaseNumber: string }[]): Promise<Set<string>> {
      const out = new Set<string>();
      if (pairs && pairs.length === 0) return out;
      if (!pairs) {
        for (const r of await k.selectFrom('cash_approvals').select(['buyer', 'purchase_number']).execute()) out.add(`${r.buyer}|${r.purchase_number}`);
        return out;
      }
      for (const part of chunks([...new Set(pairs.map((p) => p.purchaseNumber))], 500)) {
        for (const r of await k.selectFrom('cash_approvals').select(['buyer', 'purchase_number']).where('purchase_number', 'in', part).execute()) out.add(`${r.buyer}|${r.purchase_number}`);
      }
      return out;
    },

    /** Adds or replaces risk areas (same id and effectiveFrom replace); returns how many were written. */
    async putAreas(areas: RiskArea[]): Promise<number> {
      await k.transaction().execute(async (trx) => {
        for (const a of areas) {
          const row = {
            name: a.name,
            category: a.category,
            effective_to: a.effectiveTo ?? null,
            countries: JSON.stringify(a.countries),
            polygons: JSON.stringify(a.polygons),
            source: a.source,
          };
          await trx
            .insertInto('risk_areas')
            .values({ id: a.id, effective_from: a.effectiveFrom, ...row })
            .onConflict((oc) => oc.columns(['id', 'effective_from']).doUpdateSet(row))
            .execute();
        }
      });
      return areas.length;
    },

    /** Adds the areas whose (id, effectiveFrom) is not there yet (the shipped default set); returns how many were added. */
    async seedAreas(areas: RiskArea[]): Promise<number> {
      const have = new Set((await k.selectFrom('risk_areas').select(['id', 'effective_from']).execute()).map((r) => `${r.id}|${r.effective_from}`));
      const missing = areas.filter((a) => !have.has(`${a.id}|${a.effectiveFrom}`));
      if (missing.length > 0) await this.putAreas(missing);
      return missing.length;
    },

    /** Every version of every risk area. */
    async areas(): Promise<RiskArea[]> {
      const rows = await k.selectFrom('risk_areas').selectAll().orderBy('id').orderBy('effective_from').execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        category: r.category as RiskArea['category'],
        countries: JSON.parse(r.countries) as string[],
        polygons: JSON.parse(r.polygons) as RiskArea['polygons'],
        effectiveFrom: r.effective_from,
        ...(r.effective_to ? { effectiveTo: r.effective_to } : {}),
        source: r.source,
      }));
    },

    /** Ledger events after `afterSeq` that speak the gold extension, in order, at most `limit` read (seq and body). */
    async goldBodies(afterSeq: number, limit: number): Promise<{ rows: { seq: number; body: string }[]; lastSeq: number | undefined }> {
      const rows = await db.kysely.selectFrom('events').select(['seq', 'body']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      const last = rows.at(-1);
      return { rows: rows.filter((r) => r.body.includes('"gold:')).map((r) => ({ seq: Number(r.seq), body: r.body })), lastSeq: last ? Number(last.seq) : undefined };
    },

    /**
     * Gross mass of the lots produced at each site in (fromMs, toMs] (all of it without bounds), oldest first: lots with a site and
     * no input lot (transformation outputs inherit their inputs' site and are not new production).
     */
    async siteProductions(sites: string[], fromMs?: number, toMs?: number): Promise<Map<string, SiteProduction[]>> {
      const out = new Map<string, SiteProduction[]>();
      for (const part of chunks(sites, 500)) {
        let q = db.kysely.selectFrom('lots').select(['site', 'created_at', 'initial_mg']).where('site', 'in', part);
        if (fromMs !== undefined) q = q.where('created_at', '>', fromMs);
        if (toMs !== undefined) q = q.where('created_at', '<=', toMs);
        const rows = await q
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('lot_inputs').select('output_lot').whereRef('lot_inputs.output_lot', '=', 'lots.lot_id'))))
          .orderBy('created_at')
          .execute();
        for (const r of rows) {
          const list = out.get(r.site!) ?? [];
          list.push({ atMs: Number(r.created_at), grossMg: Number(r.initial_mg) });
          out.set(r.site!, list);
        }
      }
      return out;
    },
  };
}

export type IncidentStore = ReturnType<typeof incidentStore>;
