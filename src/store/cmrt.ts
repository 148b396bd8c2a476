import { sql, type Kysely } from 'kysely';
import type { CmrtProfile, ReferenceSmelter, SmelterReference, SupplierCmrt } from '../reports/cmrt/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { IndexedDatabase } from './event-index.js';
import { recordedOrReceivedBy } from './reports.js';

/** Tables of migration 0014_cmrt (used through `withTables`). */
export type CmrtTables = {
  cmrt_references: { version: string; revision_date: string; file_name: string; smelters: number; imported_at: number };
  cmrt_smelters: { version: string; row: number; metal: string; lookup_name: string; standard_name: string; country: string; smelter_id: string; source: string; street: string | null; city: string | null; state: string | null };
  cmrt_profiles: { org_id: string; body: string; updated_at: number };
  cmrt_declarations: { id: string; org_id: string; supplier: string; company_name: string; version: string; effective_date: string; scope: string; file_name: string; body: string; imported_at: number };
  cmrt_declaration_smelters: { declaration_id: string; row: number; metal: string; smelter_id: string | null; name: string; country: string; in_reference: number };
};

/** An imported reference version, without its rows. */
export interface ReferenceVersion {
  version: string;
  revisionDate: string;
  fileName: string;
  smelters: number;
  importedAt: number;
}

/** A supplier CMRT as stored: who imported it, for which supplier, and which of its smelter ids the reference did not know. */
export interface StoredDeclaration {
  id: string;
  orgId: string;
  supplier: string;
  fileName: string;
  importedAt: number;
  cmrt: SupplierCmrt;
  unknownSmelterIds: string[];
}

/** What the CMRT report reads of the ledger for one organisation and period (see supplyData). */
export interface SupplyData {
  /** Lots touched in the period by an event the organisation recorded or that names it as destination. */
  roots: string[];
  /** Every lot of their backward genealogy (roots included): id, number, form, mine site. */
  lots: { lot: string; number: string; form: string; site: string | null }[];
  /** Transformation edges among them: output made from input, with the fine gold of the input that went in. */
  edges: { output: string; input: string; fineMg: number }[];
  /** The events of those lots up to the head, in ledger order (EPCIS JSON bodies). */
  events: { seq: number; body: string }[];
}

/** The CMRT smelter reference, the organisations' recorded CMRT answers and the supplier CMRTs they imported. */
export function cmrtStore(db: Db) {
  const k = db.kysely.withTables<CmrtTables>() as unknown as Kysely<CmrtTables>;
  return {
    /** Replaces the rows of the reference's version (same version imported again) in one transaction. */
    async putReference(ref: SmelterReference, fileName: string, at: number): Promise<void> {
      await k.transaction().execute(async (trx) => {
        await trx.deleteFrom('cmrt_smelters').where('version', '=', ref.version).execute();
        await trx.deleteFrom('cmrt_references').where('version', '=', ref.version).execute();
        await trx.insertInto('cmrt_references').values({ version: ref.version, revision_date: ref.revisionDate, file_name: fileName, smelters: ref.smelters.length, imported_at: at }).execute();
        const rows = ref.smelters.map((s, i) => ({
          version: ref.version,
          row: i,
          metal: s.metal,
          lookup_name: s.lookupName,
          standard_name: s.standardName,
          country: s.country,
          smelter_id: s.smelterId,
          source: s.source,
          street: s.street ?? null,
          city: s.city ?? null,
          state: s.state ?? null,
        }));
        for (const part of chunks(rows, 200)) await trx.insertInto('cmrt_smelters').values(part).execute();
      });
    },

    async referenceVersions(): Promise<ReferenceVersion[]> {
      const rows = await k.selectFrom('cmrt_references').selectAll().orderBy('revision_date', 'desc').orderBy('version', 'desc').execute();
      return rows.map((r) => ({ version: r.version, revisionDate: r.revision_date, fileName: r.file_name, smelters: Number(r.smelters), importedAt: Number(r.imported_at) }));
    },

    /** The newest reference imported (latest template revision date), or undefined when none was. */
    async reference(): Promise<SmelterReference | undefined> {
      const [latest] = await this.referenceVersions();
      if (!latest) return undefined;
      const rows = await k.selectFrom('cmrt_smelters').selectAll().where('version', '=', latest.version).orderBy('row').execute();
      const smelters: ReferenceSmelter[] = rows.map((r) => ({
        metal: r.metal,
        lookupName: r.lookup_name,
        standardName: r.standard_name,
        country: r.country,
        smelterId: r.smelter_id,
        source: r.source,
        ...(r.street !== null ? { street: r.street } : {}),
        ...(r.city !== null ? { city: r.city } : {}),
        ...(r.state !== null ? { state: r.state } : {}),
      }));
      return { version: latest.version, revisionDate: latest.revisionDate, smelters };
    },

    async profile(orgId: string): Promise<CmrtProfile | undefined> {
      const r = await k.selectFrom('cmrt_profiles').select('body').where('org_id', '=', orgId).executeTakeFirst();
      return r ? (JSON.parse(r.body) as CmrtProfile) : undefined;
    },

    async putProfile(orgId: string, profile: CmrtProfile, at: number): Promise<void> {
      await k.transaction().execute(async (trx) => {
        await trx.deleteFrom('cmrt_profiles').where('org_id', '=', orgId).execute();
        await trx.insertInto('cmrt_profiles').values({ org_id: orgId, body: JSON.stringify(profile), updated_at: at }).execute();
      });
    },

    /** Stores an imported supplier CMRT and its smelter rows in one transaction. */
    async addDeclaration(d: StoredDeclaration): Promise<void> {
      const unknown = new Set(d.unknownSmelterIds);
      await k.transaction().execute(async (trx) => {
        await trx
          .insertInto('cmrt_declarations')
          .values({ id: d.id, org_id: d.orgId, supplier: d.supplier, company_name: d.cmrt.companyName, version: d.cmrt.version, effective_date: d.cmrt.effectiveDate, scope: d.cmrt.scope, file_name: d.fileName, body: JSON.stringify({ cmrt: d.cmrt, unknownSmelterIds: d.unknownSmelterIds }), imported_at: d.importedAt })
          .execute();
        const rows = d.cmrt.smelters.map((s) => ({ declaration_id: d.id, row: s.row, metal: s.metal, smelter_id: s.smelterId ?? null, name: s.name, country: s.country, in_reference: s.smelterId && !unknown.has(s.smelterId) ? 1 : 0 }));
        for (const part of chunks(rows, 200)) await trx.insertInto('cmrt_declaration_smelters').values(part).execute();
      });
    },

    /** Smelter ids the refiners recorded in their CMRT answers, by organisation id. */
    async recordedSmelterIds(): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (const r of await k.selectFrom('cmrt_profiles').select(['org_id', 'body']).execute()) {
        const id = (JSON.parse(r.body) as CmrtProfile).smelterId;
        if (id) out.set(r.org_id, id);
      }
      return out;
    },

    /** Supplier organisations an organisation imported a CMRT from. */
    async respondedSuppliers(orgId: string): Promise<Set<string>> {
      return new Set((await k.selectFrom('cmrt_declarations').select('supplier').where('org_id', '=', orgId).execute()).map((r) => r.supplier));
    },

    /**
     * The organisation's supply in [fromMs, toMs) as the ledger stood at `headSeq`: the lots of events it
     * recorded or received, their genealogy and the events of every lot of it (seq <= headSeq only, so a
     * concurrent capture cannot make the report disagree with its stamp).
     */
    async supplyData(orgUri: string, headSeq: number, fromMs: number, toMs: number): Promise<SupplyData> {
      const x = db.kysely as unknown as Kysely<IndexedDatabase>;
      const rootRows = await x
        .selectFrom('event_lots')
        .innerJoin('events', 'events.seq', 'event_lots.seq')
        .select('event_lots.lot_id')
        .distinct()
        .where('events.seq', '<=', headSeq)
        .where('events.event_time', '>=', fromMs)
        .where('events.event_time', '<', toMs)
        .where((eb) => recordedOrReceivedBy(eb, orgUri))
        .orderBy('event_lots.lot_id')
        .execute();
      const roots = rootRows.map((r) => r.lot_id);
      const edges = new Map<string, { output: string; input: string; fineMg: number }>();
      for (const part of chunks(roots, 500)) {
        // One select with an IN list: a union of one select per lot passes SQLite's limit of 500 compound terms.
        const seeds = sql`select l.lot_id from lots l where l.lot_id in (${sql.join(part)})`;
        const r = await sql<{ output: string; input: string; fine_mg: number | string }>`
          with recursive anc(lot) as (
            ${seeds}
            union
            select li.input_lot from lot_inputs li join anc on li.output_lot = anc.lot
          )
          select li.output_lot as output, li.input_lot as input, li.fine_mg as fine_mg from lot_inputs li join anc on li.output_lot = anc.lot`.execute(x);
        for (const e of r.rows) edges.set(`${e.output} ${e.input}`, { output: e.output, input: e.input, fineMg: Number(e.fine_mg) });
      }
      const ids = [...new Set([...roots, ...[...edges.values()].map((e) => e.input)])].sort();
      const lots: SupplyData['lots'] = [];
      const events = new Map<number, string>();
      for (const part of chunks(ids, 500)) {
        for (const r of await x.selectFrom('lots').select(['lot_id', 'lot_number', 'form', 'site']).where('lot_id', 'in', part).execute()) lots.push({ lot: r.lot_id, number: r.lot_number, form: r.form, site: r.site });
        const rows = await x.selectFrom('event_lots').innerJoin('events', 'events.seq', 'event_lots.seq').select(['events.seq', 'events.body']).where('event_lots.lot_id', 'in', part).where('events.seq', '<=', headSeq).execute();
        for (const r of rows) events.set(Number(r.seq), r.body);
      }
      return {
        roots,
        lots: lots.sort((a, b) => a.lot.localeCompare(b.lot)),
        edges: [...edges.values()].sort((a, b) => `${a.output} ${a.input}`.localeCompare(`${b.output} ${b.input}`)),
        events: [...events.entries()].sort((a, b) => a[0] - b[0]).map(([seq, body]) => ({ seq, body })),
      };
    },

    /** Imported supplier CMRTs of an organisation, newest effective date first (optionally of one supplier). */
    async declarations(orgId: string, supplier?: string): Promise<StoredDeclaration[]> {
      let q = k.selectFrom('cmrt_declarations').selectAll().where('org_id', '=', orgId);
      if (supplier) q = q.where('supplier', '=', supplier);
      const rows = await q.orderBy('effective_date', 'desc').orderBy('id').execute();
      return rows.map((r) => {
        const body = JSON.parse(r.body) as { cmrt: SupplierCmrt; unknownSmelterIds: string[] };
        return { id: r.id, orgId: r.org_id, supplier: r.supplier, fileName: r.file_name, importedAt: Number(r.imported_at), cmrt: body.cmrt, unknownSmelterIds: body.unknownSmelterIds };
      });
    },
  };
}

export type CmrtStore = ReturnType<typeof cmrtStore>;
