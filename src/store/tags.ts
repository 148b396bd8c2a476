import type { Kysely, Selectable } from 'kysely';
import { fromEpcis, type GoldEvent } from '../custody/index.js';
import { GOLD_NS } from '../epcis/index.js';
import { decideDeclarations, decideIssues, tagUsesOf, type TagCount, type TagIssue, type TagState, type TagStore, type TagUse } from '../tags/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';
import type { IndexedDatabase } from './event-index.js';

/** Tables of migration 0013_tags (used through `withTables`). */
export type TagTables = {
  tags: {
    org: string;
    serial: string;
    agent: string;
    issued_on: string;
    issued_by: string;
    state: string;
    state_on: string | null;
    state_by: string | null;
    reason: string | null;
    recorded_at: number;
    updated_at: number;
  };
  tag_counts: { id: string; org: string; agent: string; counted_on: string; on_hand: number; serials: string | null; counted_by: string; recorded_at: number };
};

type K = Kysely<TagTables & IndexedDatabase>;

const TAG_FIELD = `${GOLD_NS}tag`;

function issueOf(r: Selectable<TagTables['tags']>): TagIssue {
  return {
    org: r.org,
    serial: r.serial,
    agent: r.agent,
    issuedOn: r.issued_on,
    issuedBy: r.issued_by,
    state: r.state as TagState,
    ...(r.state_on !== null ? { stateOn: r.state_on } : {}),
    ...(r.state_by !== null ? { stateBy: r.state_by } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
  };
}

function countOf(r: Selectable<TagTables['tag_counts']>): TagCount {
  return {
    id: r.id,
    org: r.org,
    agent: r.agent,
    countedOn: r.counted_on,
    onHand: Number(r.on_hand),
    ...(r.serials !== null ? { serials: JSON.parse(r.serials) as string[] } : {}),
    countedBy: r.counted_by,
  };
}

/** The tag registry (issues, voided and lost tags, physical counts) and tag uses read from the ledger's event index. */
export function tagStore(db: Db): TagStore {
  const k = db.kysely.withTables<TagTables>() as unknown as K;
  return {
    async issue(items, recordedAt) {
      return k.transaction().execute(async (trx) => {
        const org = items[0]?.org;
        if (items.some((t) => t.org !== org)) throw new Error('tag issues of one batch must share their issuing organisation');
        const taken = new Set<string>();
        for (const part of chunks([...new Set(items.map((t) => t.serial))], 500)) {
          for (const r of await trx.selectFrom('tags').select('serial').where('org', '=', org ?? '').where('serial', 'in', part).execute()) taken.add(r.serial);
        }
        const result = decideIssues(items, taken);
        if (!result.committed) return result;
        for (const part of chunks(items, 500)) {
          await trx
            .insertInto('tags')
            .values(part.map((t) => ({ org: t.org, serial: t.serial, agent: t.agent, issued_on: t.issuedOn, issued_by: t.issuedBy, state: 'issued', state_on: null, state_by: null, reason: null, recorded_at: recordedAt, updated_at: recordedAt })))
            .execute();
        }
        return result;
      });
    },

    async declare(org, items, recordedAt) {
      return k.transaction().execute(async (trx) => {
        const issued = new Map<string, TagIssue>();
        for (const part of chunks([...new Set(items.map((d) => d.serial))], 500)) {
          let q = trx.selectFrom('tags').selectAll().where('org', '=', org).where('serial', 'in', part);
          // Two people declaring one tag at once: the second waits and is refused.
          if (db.dialect === 'postgres') q = q.forUpdate();
          for (const r of await q.execute()) issued.set(r.serial, issueOf(r));
        }
        const result = decideDeclarations(items, issued);
        if (!result.committed) return result;
        for (const d of items) {
          await trx.updateTable('tags').set({ state: d.state, state_on: d.on, state_by: d.by, reason: d.reason ?? null, updated_at: recordedAt }).where('org', '=', org).where('serial', '=', d.serial).execute();
        }
        return result;
      });
    },

    async addCount(c, recordedAt) {
      await k
        .insertInto('tag_counts')
        .values({ id: c.id, org: c.org, agent: c.agent, counted_on: c.countedOn, on_hand: c.onHand, serials: c.serials ? JSON.stringify(c.serials) : null, counted_by: c.countedBy, recorded_at: recordedAt })
        .execute();
    },

    async issues(filter = {}) {
      if (filter.serials?.length === 0) return [];
      const run = async (serials?: string[]) => {
        let q = k.selectFrom('tags').selectAll();
        if (filter.org) q = q.where('org', '=', filter.org);
        if (filter.agent) q = q.where('agent', '=', filter.agent);
        if (serials) q = q.where('serial', 'in', serials);
        return (await q.orderBy('serial').orderBy('org').execute()).map(issueOf);
      };
      if (!filter.serials) return run();
      const out: TagIssue[] = [];
      for (const part of chunks([...new Set(filter.serials)], 500)) out.push(...(await run(part)));
      return out.sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : a.org < b.org ? -1 : 1));
    },

    async counts(filter = {}) {
      let q = k.selectFrom('tag_counts').selectAll();
      if (filter.org) q = q.where('org', '=', filter.org);
      if (filter.agent) q = q.where('agent', '=', filter.agent);
      if (filter.id) q = q.where('id', '=', filter.id);
      return (await q.orderBy('counted_on').orderBy('recorded_at').orderBy('id').execute()).map(countOf);
    },

    async keepers() {
      const out = new Set<string>();
      for (const r of await k.selectFrom('tags').select('org').distinct().execute()) out.add(r.org);
      for (const r of await k.selectFrom('tags').select('agent').distinct().execute()) out.add(r.agent);
      return out;
    },

    async uses(serials, beforeSeq) {
      const wanted = new Set(serials);
      const seqs = new Set<number>();
      for (const part of chunks([...wanted], 500)) {
        let q = k.selectFrom('event_fields').select('seq').where('name', '=', TAG_FIELD).where('text_value', 'in', part);
        if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
        for (const r of await q.execute()) seqs.add(Number(r.seq));
      }
      const out: TagUse[] = [];
      for (const part of chunks([...seqs].sort((a, b) => a - b), 500)) {
        for (const r of await k.selectFrom('events').select(['seq', 'body']).where('seq', 'in', part).orderBy('seq').execute()) {
          let gold: GoldEvent;
          try {
            gold = fromEpcis(JSON.parse(r.body) as Record<string, unknown>);
          } catch {
            continue; // A plain EPCIS event with a gold:tag field of its own: not a tag use the rules know.
          }
          for (const u of tagUsesOf(Number(r.seq), gold)) if (wanted.has(u.serial)) out.push(u);
        }
      }
      return out;
    },
  };
}
