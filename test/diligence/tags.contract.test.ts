import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoldEvent, PackEvent } from '../../src/custody/index.js';
import { parseSerials } from '../../src/tags/index.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** The house packs lots into a bag closed with `tag`. */
function pack(w: World, lots: string[], tag: string, day: number, recorder = w.house): PackEvent {
  return { type: 'pack', eventTime: w.at(day, 15), eventTimeZoneOffset: '+02:00', recorder: recorder.uri, bag: w.bag(recorder, day * 10 + lots.length), lots, tag, seal: `S-${tag}` };
}

for (const store of testStores) {
  describe(`tag custody and the tag red flags (${store.name})`, () => {
    let w: World;
    beforeEach(async () => {
      w = await makeWorld(store);
    });
    afterEach(async () => {
      await w.cleanup();
    });

    const issue = (serials: string, agent = w.house.uri, on = '2026-03-01') => w.orp.tags.issue({ org: w.asmo.id, agent, serials: parseSerials(serials), issuedOn: on, issuedBy: 'registrar@asmo' });

    it('issues a range of tags to an agent, and refuses the whole batch when one serial was already issued', async () => {
      const first = await issue('T-1..T-5');
      expect(first.committed).toBe(true);
      expect(first.results.map((r) => r.status)).toEqual(Array(5).fill('recorded'));
      const again = await issue('T-5..T-7');
      expect(again.committed).toBe(false);
      expect(again.results.map((r) => [r.serial, r.status, r.error?.code])).toEqual([
        ['T-5', 'rejected', 'ORP_RECORD_EXISTS'],
        ['T-6', 'recorded', undefined],
        ['T-7', 'recorded', undefined],
      ]);
      expect((await w.orp.tagStore.issues({ agent: w.house.uri })).map((t) => t.serial)).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
      await expect(issue('T-8', 'urn:nobody')).rejects.toMatchObject({ code: 'ORP_UNKNOWN_PARTY' });
    });

    it('declares tags voided or lost once, all or nothing, only tags the organisation issued', async () => {
      await issue('T-1..T-3');
      const bad = await w.orp.tags.declare(w.asmo.id, [
        { serial: 'T-1', state: 'voided', on: '2026-03-02', by: 'clerk', reason: 'torn' },
        { serial: 'X-1', state: 'lost', on: '2026-03-02', by: 'clerk' },
      ]);
      expect(bad.results.map((r) => r.error?.code)).toEqual([undefined, 'ORP_NOT_FOUND']);
      expect((await w.orp.tagStore.issues({ serials: ['T-1'] }))[0]!.state).toBe('issued');
      expect((await w.orp.tags.declare(w.asmo.id, [{ serial: 'T-1', state: 'voided', on: '2026-03-02', by: 'clerk', reason: 'torn' }])).committed).toBe(true);
      const twice = await w.orp.tags.declare(w.asmo.id, [{ serial: 'T-1', state: 'lost', on: '2026-03-03', by: 'clerk' }]);
      expect(twice.results[0]!.error?.code).toBe('ORP_STATUS_CHANGE_REFUSED');
      expect((await w.orp.tagStore.issues({ serials: ['T-1'] }))[0]).toMatchObject({ state: 'voided', stateOn: '2026-03-02', stateBy: 'clerk', reason: 'torn' });
    });

    it("computes an agent's stock from the registry and the ledger: issued = used + voided + lost + on hand", async () => {
      await issue('T-1..T-6');
      await appendOk(w, [...w.buy('1'), ...w.buy('2', { at: w.at(4) })]);
      await w.orp.tags.declare(w.asmo.id, [
        { serial: 'T-5', state: 'voided', on: '2026-03-03', by: 'clerk' },
        { serial: 'T-6', state: 'lost', on: '2026-03-05', by: 'clerk' },
      ]);
      const { stock } = await w.orp.tags.stock(w.house.id, '2026-03-04');
      expect(stock).toMatchObject({ issued: 6, used: 2, voided: 1, lost: 0, onHand: 3, onHandSerials: ['T-3', 'T-4', 'T-6'] });
      expect((await w.orp.tags.stock(w.house.uri, '2026-03-02')).stock).toMatchObject({ used: 1, voided: 0, onHand: 5 });
    });

    it('raises an incident when a count does not reconcile, listing missing and extra serials; none when it does', async () => {
      await issue('T-1..T-4');
      await appendOk(w, w.buy('1'));
      const ok = await w.orp.tags.count({ org: w.asmo.id, agent: w.house.id, countedOn: '2026-03-05', onHand: 3, countedBy: 'auditor' });
      expect(ok.raised).toEqual([]);
      expect(ok.reconciliation.reconciled).toBe(true);
      const off = await w.orp.tags.count({ org: w.asmo.id, agent: w.house.id, countedOn: '2026-03-06', serials: ['T-1', 'T-2', 'T-3'], countedBy: 'auditor' });
      expect(off.raised.map((i) => [i.rule, i.subject, i.evidence.numbers['missing'], i.evidence.numbers['extra']])).toEqual([['tag_stock_unreconciled', w.house.uri, 'T-4', 'T-1']]);
      expect(off.raised[0]!.org).toBe(w.asmo.uri);
      expect(off.raised[0]!.evidence.seqs).toHaveLength(1);
      expect((await w.orp.tags.stock(w.house.id, '2026-03-07')).lastCount).toMatchObject({ reconciled: false, missing: ['T-4'], extra: ['T-1'] });
      await expect(w.orp.tags.count({ org: w.asmo.id, agent: w.house.id, countedOn: '2026-03-06', onHand: 1, serials: ['T-1'], countedBy: 'a' })).rejects.toMatchObject({ code: 'ORP_BAD_INPUT' });
    });

    it('raises an incident when a later capture puts a used tag on another lot, reading the first use from the store', async () => {
      await issue('T-1..T-3');
      await appendOk(w, w.buy('1'));
      const [production] = w.buy('2', { at: w.at(3) });
      const reused: GoldEvent = { ...production!, type: 'production', lot: { ...(production as Extract<GoldEvent, { type: 'production' }>).lot, tag: 'T-1' } } as GoldEvent;
      await appendOk(w, [reused]);
      const { incidents } = await w.orp.incidents.list({ rule: 'tag_reused' });
      expect(incidents.map((i) => [i.subject, i.org, i.evidence.numbers['uses']])).toEqual([['T-1', w.house.uri, 2]]);
      expect(incidents[0]!.evidence.seqs).toEqual([1, 3]);
    });

    it('raises an incident when a tag is packed by a party it was not issued to, or after it was reported lost', async () => {
      await issue('B-1', w.exporter.uri);
      await issue('T-1..T-2');
      await appendOk(w, w.buy('1'));
      const lot = w.lot(w.house, 'dore', '1');
      await appendOk(w, [pack(w, [lot], 'B-1', 3)]);
      const [first] = (await w.orp.incidents.list({ rule: 'tag_outside_agent' })).incidents;
      expect(first).toMatchObject({ subject: 'B-1', org: w.house.uri, evidence: { numbers: { reason: 'other_agent', issuedTo: w.exporter.uri } } });
      // A tag used after it was reported lost.
      await w.orp.tags.declare(w.asmo.id, [{ serial: 'T-2', state: 'lost', on: '2026-03-03', by: 'clerk' }]);
      await appendOk(w, w.buy('2', { at: w.at(5) }));
      expect((await w.orp.incidents.list({ rule: 'tag_outside_agent', subject: 'T-2' })).incidents.map((i) => i.evidence.numbers['reason'])).toEqual(['lost']);
      // A tag no one issued, used by an organisation keeping a tag registry.
      await appendOk(w, [...w.buy('9', { at: w.at(6) })]);
      expect((await w.orp.incidents.list({ rule: 'tag_outside_agent', subject: 'T-9' })).incidents.map((i) => i.evidence.numbers['reason'])).toEqual(['never_issued']);
    });

    it('a full scan finds what capture found, judges every count against the whole ledger and raises nothing twice', async () => {
      await issue('T-1..T-4');
      await appendOk(w, w.buy('1'));
      expect((await w.orp.tags.count({ org: w.asmo.id, agent: w.house.id, countedOn: '2026-03-10', onHand: 3, countedBy: 'auditor' })).raised).toEqual([]);
      // A lot produced on 8 March is captured late: the count of 10 March no longer reconciles.
      await appendOk(w, w.buy('2', { at: w.at(8) }));
      await appendOk(w, [{ ...w.buy('3', { at: w.at(9) })[0]!, lot: { ...(w.buy('3')[0] as Extract<GoldEvent, { type: 'production' }>).lot, tag: 'T-2' } } as GoldEvent]);
      const before = (await w.orp.incidents.list({ limit: 100 })).incidents.filter((i) => i.rule.startsWith('tag_')).map((i) => i.rule);
      expect(before).toEqual(['tag_reused']);
      const report = await w.orp.redFlags.scan();
      expect(report.raised.map((i) => [i.rule, i.evidence.numbers['expected'], i.evidence.numbers['counted']])).toEqual([['tag_stock_unreconciled', 2, 3]]);
      expect(report.byRule.tag_reused).toBe(1);
      expect((await w.orp.redFlags.scan()).raised).toEqual([]);
    });
  });
}
