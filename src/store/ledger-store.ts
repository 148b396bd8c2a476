import type { Kysely, Transaction } from 'kysely';
import type { CreditAccount } from '../custody/index.js';
import type { LedgerRecord, LedgerStore, LedgerWriteTx, ProjectionDelta } from '../ledger/index.js';
import type { EventIndex } from '../epcis/index.js';
import { insertFlat, insertShaped } from './bulk.js';
import { chunks } from './chunks.js';
import { decisionsOf, organisationsOf } from './gating.js';
import type { Db, Dialect } from './db.js';
import { indexOfRecord, writeEventIndex, type IndexedDatabase } from './event-index.js';
import type { EventIndexColumns } from './event-index-tables.js';
import type { PremiumTables } from './premium-tables.js';
import { loadPricingFacts, pricesOver, valuationRow } from './premiums.js';
import { creditEntryFromRow, lotFromRow, lotToRow, recordFromRow } from './rows.js';
import type { Database, EventsTable } from './schema.js';

const IN_CHUNK = 2000;
const ROW_CHUNK = 1000;

/** The ledger's store on either dialect: one query written once for both. */
export function ledgerStore(db: Db): LedgerStore {
  const k = db.kysely;
  return {
    writeTransaction: (fn) =>
      k.transaction().execute(async (trx) => {
        // Taking the head row's write lock first serialises writers: a row lock in PostgreSQL,
        // the database write lock in SQLite (waiting on busy_timeout instead of failing later).
        await trx.updateTable('ledger_head').set({ locked_at: Date.now() }).where('id', '=', 1).execute();
        return fn(writeTx(trx, db));
      }),
    async readRecords(afterSeq, limit) {
      const rows = await k.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map(recordFromRow);
    },
    async publicKey(keyId) {
      const row = await k
        .selectFrom('keys')
        .innerJoin('organisations', 'organisations.id', 'keys.org_id')
        .select(['keys.public_key', 'organisations.uri'])
        .where('keys.key_id', '=', keyId)
        .executeTakeFirst();
      return row ? { publicKey: row.public_key, owner: row.uri } : undefined;
    },
    async signingKey(orgUri) {
      const row = await k
        .selectFrom('keys')
        .innerJoin('organisations', 'organisations.id', 'keys.org_id')
        .select(['keys.key_id', 'keys.private_key'])
        .where('organisations.uri', '=', orgUri)
        .orderBy('keys.created_at', 'desc')
        .executeTakeFirst();
      return row ? { keyId: row.key_id, privateKey: row.private_key } : undefined;
    },
  };
}

function writeTx(trx: Transaction<Database>, db: Db): LedgerWriteTx {
  const dialect = db.dialect;
  return {
    async head() {
      const h = await trx.selectFrom('ledger_head').select(['seq', 'record_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { seq: Number(h.seq), recordHash: h.record_hash };
    },
    async existingEventIds(ids) {
      const found = new Set<string>();
      for (const part of chunks(ids, IN_CHUNK)) {
        if (part.length === 0) continue;
        const rows = await trx.selectFrom('events').select('event_id').where('event_id', 'in', part).execute();
        for (const r of rows) found.add(r.event_id);
      }
      return found;
    },
    async loadLots(uris) {
      const out = [];
      for (const part of chunks(uris, IN_CHUNK)) {
        const rows = await trx.selectFrom('lots').selectAll().where('lot_id', 'in', part).execute();
        out.push(...rows.map(lotFromRow));
      }
      return out;
    },
    async loadCredits(keys, fromMs) {
      const out: CreditAccount[] = [];
      for (const key of keys) {
        const account = await trx
          .selectFrom('credit_accounts')
          .select('last_entry')
          .where('holder', '=', key.holder)
          .where('scheme', '=', key.scheme)
          .where('metal', '=', key.metal)
          .executeTakeFirst();
        if (!account) continue;
        // Only entries with something left that had not expired by the batch's first event can be spent.
        const rows = await trx
          .selectFrom('credit_entries')
          .select(['entry', 'earned_at', 'expires_at', 'amount_mg', 'remaining_mg'])
          .where('holder', '=', key.holder)
          .where('scheme', '=', key.scheme)
          .where('metal', '=', key.metal)
          .where('remaining_mg', '>', 0)
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', fromMs)]))
          .orderBy('entry')
          .execute();
        out.push({ ...key, lastEntry: Number(account.last_entry), entries: rows.map(creditEntryFromRow) });
      }
      return out;
    },
    async knownParties(uris) {
      const organisations = new Set<string>();
      const sites = new Set<string>();
      const miners = new Set<string>();
      for (const part of chunks(uris, IN_CHUNK)) {
        for (const r of await trx.selectFrom('organisations').select('uri').where('uri', 'in', part).execute()) organisations.add(r.uri);
        for (const r of await trx.selectFrom('sites').select('uri').where('uri', 'in', part).execute()) sites.add(r.uri);
        for (const r of await trx.selectFrom('miners').select('uri').where('uri', 'in', part).execute()) miners.add(r.uri);
      }
      return { organisations, sites, miners };
    },
    supplierDecisions: (organisations) => decisionsOf(trx, organisations),
    partyOrganisations: (uris) => organisationsOf(trx, uris),
    pricingFacts: (q) => loadPricingFacts(trx, q, pricesOver(db, trx)),
    async append(records: LedgerRecord[], delta: ProjectionDelta) {
      // The event index goes in with the records, in the same transaction, so queries never see one without the other.
      const indexed = records.map((r) => ({ seq: r.seq, index: indexOfRecord(r) }));
      const itrx = trx as unknown as Transaction<IndexedDatabase>;
      const params = eventRowParams(records, indexed);
      for (let i = 0; i < params.length; i += ROW_CHUNK * EVENT_COLUMNS.length) {
        const part = params.slice(i, i + ROW_CHUNK * EVENT_COLUMNS.length);
        await insertFlat(itrx, dialect, 'events', EVENT_COLUMNS, part, (values) => itrx.insertInto('events').values(values as never));
      }
      await writeEventIndex(itrx, dialect, indexed);
      const last = records.at(-1);
      if (last) {
        await trx.updateTable('ledger_head').set({ seq: last.seq, record_hash: last.recordHash }).where('id', '=', 1).execute();
      }
      await upsertLots(trx, dialect, [...delta.newLots, ...delta.updatedLots].map(lotToRow));
      for (const part of chunks(delta.edges, ROW_CHUNK)) {
        const rows = part.map((e) => ({ output_lot: e.output, input_lot: e.input, fine_mg: e.fineMg }));
        await insertShaped(trx, dialect, 'lot_inputs', rows, (r) => trx.insertInto('lot_inputs').values(r));
      }
      for (const part of chunks(delta.eventLots, ROW_CHUNK * 4)) {
        const rows = part.map((e) => ({ lot_id: e.lot, seq: e.seq }));
        await insertShaped(trx, dialect, 'event_lots', rows, (r) => trx.insertInto('event_lots').values(r));
      }
      for (const part of chunks(delta.valuations ?? [], ROW_CHUNK)) {
        const rows = part.map(valuationRow);
        await insertShaped(trx, dialect, 'purchase_valuations', rows, (r) => (trx as unknown as Transaction<Database & PremiumTables>).insertInto('purchase_valuations').values(r));
      }
      for (const c of delta.credits) await writeCreditAccount(trx, c);
    },
  };
}

const EVENT_COLUMNS = [
  'seq', 'event_id', 'event_type', 'biz_step', 'event_time', 'record_time', 'recorder', 'body', 'prev_hash', 'record_hash', 'key_id', 'signature',
  'action', 'disposition', 'read_point', 'biz_location',
] as const satisfies readonly (keyof (EventsTable & EventIndexColumns))[];

/** The `events` rows of `records` as one flat parameter list in EVENT_COLUMNS order (no object per row on the capture path). */
function eventRowParams(records: LedgerRecord[], indexed: { index: EventIndex }[]): unknown[] {
  const out: unknown[] = new Array(records.length * EVENT_COLUMNS.length);
  let k = 0;
  records.forEach((r, i) => {
    const x = indexed[i]!.index;
    out[k++] = r.seq;
    out[k++] = r.eventId;
    out[k++] = r.eventType;
    out[k++] = r.bizStep;
    out[k++] = r.eventTime;
    out[k++] = r.recordTime;
    out[k++] = r.recorder;
    out[k++] = r.body;
    out[k++] = r.prevHash;
    out[k++] = r.recordHash;
    out[k++] = r.keyId;
    out[k++] = r.signature;
    out[k++] = x.action;
    out[k++] = x.disposition;
    out[k++] = x.readPoint;
    out[k++] = x.bizLocation;
  });
  return out;
}

/** Upserts a credit account and the entries a batch loaded or opened (spent ones included). */
async function writeCreditAccount(trx: Kysely<Database>, c: CreditAccount): Promise<void> {
  const key = { holder: c.holder, scheme: c.scheme, metal: c.metal };
  await trx
    .insertInto('credit_accounts')
    .values({ ...key, last_entry: c.lastEntry })
    .onConflict((oc) => oc.columns(['holder', 'scheme', 'metal']).doUpdateSet({ last_entry: c.lastEntry }))
    .execute();
  for (const e of c.entries) {
    await trx
      .insertInto('credit_entries')
      .values({ ...key, entry: e.entry, earned_at: e.earnedAt, expires_at: e.expiresAt ?? null, amount_mg: e.amountMg, remaining_mg: e.remainingMg })
      .onConflict((oc) => oc.columns(['holder', 'scheme', 'metal', 'entry']).doUpdateSet({ remaining_mg: e.remainingMg }))
      .execute();
  }
}

async function upsertLots(trx: Kysely<Database>, dialect: Dialect, rows: ReturnType<typeof lotToRow>[]): Promise<void> {
  for (const part of chunks(rows, 500)) {
    await insertShaped(trx, dialect, 'lots-upsert', part, (values) => trx
      .insertInto('lots')
      .values(values)
      .onConflict((oc) =>
        oc.column('lot_id').doUpdateSet((eb) => ({
          held_mg: eb.ref('excluded.held_mg'),
          fineness: eb.ref('excluded.fineness'),
          assay_method: eb.ref('excluded.assay_method'),
          assay_lab: eb.ref('excluded.assay_lab'),
          assay_date: eb.ref('excluded.assay_date'),
          assay_sample: eb.ref('excluded.assay_sample'),
          custodian: eb.ref('excluded.custodian'),
          owner: eb.ref('excluded.owner'),
          status: eb.ref('excluded.status'),
          in_transit_to: eb.ref('excluded.in_transit_to'),
          bag: eb.ref('excluded.bag'),
          tag: eb.ref('excluded.tag'),
          seal: eb.ref('excluded.seal'),
          last_event_at: eb.ref('excluded.last_event_at'),
        })),
      ));
  }
}
