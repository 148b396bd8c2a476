import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent, PurchaseEvent } from '../../src/custody/index.js';
import { openOrpaille } from '../../src/orpaille.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, NOW, type World } from '../support/world.js';
import { fixedClock } from '../../src/kernel/index.js';

const TEXT_COLUMNS = ['event_id', 'event_type', 'biz_step', 'recorder', 'body', 'prev_hash', 'record_hash', 'key_id', 'signature'] as const;
const NUMBER_COLUMNS = ['event_time', 'record_time'] as const;

/** Changes one character of a text: the middle one, to a different character of the same kind. */
function flipOneByte(text: string): string {
  const i = Math.floor(text.length / 2);
  const c = text[i]!;
  const replacement = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : /[a-f]/.test(c) ? (c === 'f' ? 'e' : 'f') : c === 'x' ? 'y' : 'x';
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

describe.each(testStores)('ledger integrity on $name', (store) => {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(store);
    // Five batches of two records: the second record of each batch carries the recorder's signature.
    for (let k = 0; k < 5; k++) await appendOk(w, w.buy(`L${k}`, { at: w.at(2 + k) }));
  });
  afterEach(async () => {
    await w.cleanup();
  });

  it('verifies an untouched ledger', async () => {
    const r = await w.orp.verify();
    expect(r).toMatchObject({ ok: true, records: 10 });
  });

  for (const column of [...TEXT_COLUMNS, ...NUMBER_COLUMNS]) {
    it(`fails verification naming the record whose ${column} was edited through raw SQL`, async () => {
      const k = w.orp.db.kysely;
      const row = await sql<Record<string, unknown>>`select ${sql.ref(column)} as v from events where seq = 6`.execute(k);
      const value = row.rows[0]!['v'];
      const edited = typeof value === 'string' ? flipOneByte(value) : Number(value) + 1;
      await sql`update events set ${sql.ref(column)} = ${edited} where seq = 6`.execute(k);
      const r = await w.orp.verify();
      expect(r.ok).toBe(false);
      expect(r.failure?.seq).toBe(6);
      expect(r.records).toBe(5);
    });
  }

  it('fails verification when the newest records are no longer covered by a signature', async () => {
    await sql`update events set signature = null where seq = 10`.execute(w.orp.db.kysely);
    const r = await w.orp.verify();
    expect(r.ok).toBe(false);
    expect(r.failure?.seq).toBe(9);
    expect(r.failure?.problem).toMatch(/signature/);
  });

  it('fails verification where a record was removed or renumbered', async () => {
    await sql`update events set seq = 60 where seq = 6`.execute(w.orp.db.kysely);
    const r = await w.orp.verify();
    expect(r.ok).toBe(false);
    expect(r.records).toBe(5);
    expect(r.failure?.problem).toMatch(/sequence/);
  });

  it('fails verification when a key is swapped for another organisation’s', async () => {
    const k = w.orp.db.kysely;
    const other = await k.selectFrom('keys').select('public_key').where('org_id', '=', 'refiner').executeTakeFirstOrThrow();
    await k.updateTable('keys').set({ public_key: other.public_key }).where('org_id', '=', 'house').execute();
    const r = await w.orp.verify();
    expect(r.ok).toBe(false);
    expect(r.failure?.seq).toBe(2);
    expect(r.failure?.problem).toMatch(/signature/);
  });

  it('treats a resubmitted event as a duplicate: no new record, no error', async () => {
    const again = await w.orp.append(w.buy('L1', { at: w.at(3) }));
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(again.rejected).toBe(0);
    expect((await w.orp.registry.counts()).events).toBe(10);
    // Twice in the same batch: written once.
    const fresh = w.buy('L9', { at: w.at(9) });
    const r = await w.orp.append([...fresh, ...fresh]);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'duplicate', 'duplicate']);
    expect((await w.orp.registry.counts()).events).toBe(12);
  });

  it('writes nothing of a batch with one rejected event, and keeps the valid ones in partial mode', async () => {
    const bad: GoldEvent = { ...(w.buy('L0', { at: w.at(9) })[1] as PurchaseEvent), purchaseNumber: 'again' }; // L0 is no longer the miner's to sell
    const batch = [...w.buy('N1', { at: w.at(9) }), bad];
    const atomic = await w.orp.append(batch);
    expect(atomic.committed).toBe(false);
    expect(atomic.results.map((r) => r.status)).toEqual(['rolled_back', 'rolled_back', 'rejected']);
    expect(atomic.results[2]!.error?.code).toBe('ORP_LOT_NOT_OWNED');
    expect((await w.orp.registry.counts()).events).toBe(10);
    const partial = await w.orp.append(batch, { mode: 'partial' });
    expect(partial.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect((await w.orp.registry.counts()).events).toBe(12);
    expect((await w.orp.verify()).ok).toBe(true);
  });

  it('leaves a ledger that verifies and holds none of a batch whose process is killed mid-write', async () => {
    const events: GoldEvent[] = [];
    for (let k = 0; k < 1500; k++) events.push(...w.buy(`K${k}`, { at: w.at(10) }));
    const dir = mkdtempSync(join(tmpdir(), 'orpaille-crash-'));
    const file = join(dir, 'events.json');
    writeFileSync(file, JSON.stringify(events));
    const child = spawn(process.execPath, [join(import.meta.dirname, '../support/crash-child.mjs'), JSON.stringify(w.config), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const killedMidWrite = await new Promise<boolean>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('progress')) {
          child.kill('SIGKILL');
          resolve(!output.includes('committed'));
        }
      });
      child.on('exit', () => resolve(false));
    });
    expect(killedMidWrite).toBe(true);
    await new Promise((r) => child.once('exit', r).once('close', r));
    // A fresh connection sees the ledger as before the batch.
    await w.orp.close();
    const reopened = await openOrpaille({ ...w.config, clock: fixedClock(NOW) });
    w.orp = reopened;
    expect((await reopened.registry.counts()).events).toBe(10);
    expect(await reopened.queries.lot(w.lot(w.house, 'dore', 'K0'))).toBeUndefined();
    expect((await reopened.verify()).ok).toBe(true);
  });
});
