import type { Kysely } from 'kysely';
import type { Db } from './db.js';
import type { IndexedDatabase } from './event-index.js';

/** A named query of the REST binding: its SimpleEventQuery parameters and the extension prefixes they were given with. */
export interface NamedQuery {
  name: string;
  params: Record<string, string | string[]>;
  prefixes: Record<string, string>;
  createdAt: number;
}

function fromRow(r: { name: string; query: string; created_at: number }): NamedQuery {
  const stored = JSON.parse(r.query) as Pick<NamedQuery, 'params' | 'prefixes'>;
  return { name: r.name, params: stored.params, prefixes: stored.prefixes, createdAt: Number(r.created_at) };
}

/** Named queries, kept per owner (an organisation): one owner's names never clash with or show to another. */
export function namedQueryStore(db: Db) {
  const k = db.kysely as unknown as Kysely<IndexedDatabase>;
  return {
    /** Saves a new named query; false when the owner already has one of that name. */
    async create(owner: string, q: NamedQuery): Promise<boolean> {
      const r = await k
        .insertInto('named_queries')
        .values({ owner, name: q.name, query: JSON.stringify({ params: q.params, prefixes: q.prefixes }), created_at: q.createdAt })
        .onConflict((oc) => oc.columns(['owner', 'name']).doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async list(owner: string): Promise<NamedQuery[]> {
      const rows = await k.selectFrom('named_queries').select(['name', 'query', 'created_at']).where('owner', '=', owner).orderBy('name').execute();
      return rows.map(fromRow);
    },
    async get(owner: string, name: string): Promise<NamedQuery | undefined> {
      const r = await k.selectFrom('named_queries').select(['name', 'query', 'created_at']).where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
      return r ? fromRow(r) : undefined;
    },
    /** Deletes a named query; false when there was none. */
    async remove(owner: string, name: string): Promise<boolean> {
      const r = await k.deleteFrom('named_queries').where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type NamedQueryStore = ReturnType<typeof namedQueryStore>;
