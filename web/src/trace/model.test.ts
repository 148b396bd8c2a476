import { describe, expect, it } from 'vitest';
import { eventHash, layoutGraph, lotLabel, summariseEvent, type Trace } from './model';

const L = (n: string) => `https://id.gs1.org/01/07640123000056/10/${n}`;
const S1 = 'https://id.gs1.org/414/6160101010033';
const S2 = 'https://id.gs1.org/414/6160101010040';

describe('the trace explorer model', () => {
  it('names a lot by the lot number of its GS1 Digital Link', () => {
    expect(lotLabel(L('HAF-26-00001'))).toBe('HAF-26-00001');
    expect(lotLabel(L('A%2FB'))).toBe('A/B');
    expect(lotLabel('urn:x:lot-7')).toBe('urn:x:lot-7');
  });

  it('lays the genealogy out left to right: mine sites, farthest ancestors, the lot, then what it went into', () => {
    const back: Trace = {
      direction: 'backward',
      origins: [{ site: S1, siteName: 'Site 1 (CD-1)', country: 'CD', sharePercent: 100, fineGoldGrams: '8.000', productionLots: 1 }],
      ancestors: [
        { lot: L('BAR'), depth: 1, form: 'bar' },
        { lot: L('S1'), depth: 2, form: 'sponge', site: S1 },
      ],
      edges: [
        { input: L('BAR'), output: L('RING') },
        { input: L('S1'), output: L('BAR') },
      ],
    };
    const fwd: Trace = { direction: 'forward', descendants: [{ lot: L('RING'), depth: 0 }, { lot: L('BOX'), depth: 1, form: 'product' }], edges: [{ input: L('RING'), output: L('BOX') }] };
    const g = layoutGraph({ id: L('RING'), form: 'product' }, back, fwd);
    expect(g.nodes.map((n) => [n.kind, n.label, n.col])).toEqual([
      ['site', 'Site 1 (CD-1)', 0],
      ['lot', 'S1', 1],
      ['lot', 'BAR', 2],
      ['current', 'RING', 3],
      ['lot', 'BOX', 4],
    ]);
    expect(g.edges).toEqual([
      { from: S1, to: L('S1') },
      { from: L('BAR'), to: L('RING') },
      { from: L('S1'), to: L('BAR') },
      { from: L('RING'), to: L('BOX') },
    ]);
    expect([g.columns, g.rows]).toEqual([5, 1]);
  });

  it('folds a column longer than the limit into one node that takes the hidden lots\u2019 edges', () => {
    const ancestors = ['P1', 'P2', 'P3', 'P4'].map((n, i) => ({ lot: L(n), depth: 1, site: i < 2 ? S1 : S2 }));
    const back: Trace = { direction: 'backward', ancestors, edges: ancestors.map((a) => ({ input: a.lot, output: L('D') })) };
    const g = layoutGraph({ id: L('D'), form: 'dore' }, back, undefined, 3);
    const col1 = g.nodes.filter((n) => n.col === 1);
    expect(col1.map((n) => [n.kind, n.label, n.count])).toEqual([
      ['lot', 'P1', undefined],
      ['lot', 'P2', undefined],
      ['more', '', 2],
    ]);
    expect(g.edges.filter((e) => e.to === L('D')).map((e) => e.from)).toEqual([L('P1'), L('P2'), 'more:1']);
    expect(g.edges.filter((e) => e.to === 'more:1')).toEqual([{ from: S2, to: 'more:1' }]);
  });

  it('draws a production lot with no ancestors next to its mine site', () => {
    const g = layoutGraph({ id: L('P'), form: 'sponge', site: S1 }, { direction: 'backward', ancestors: [], edges: [] }, undefined);
    expect(g.nodes.map((n) => [n.kind, n.col])).toEqual([
      ['site', 0],
      ['current', 1],
    ]);
    expect(g.edges).toEqual([{ from: S1, to: L('P') }]);
  });

  it('lists an event\u2019s parties, quantities, assay, documents, price and cited evidence files', () => {
    const sha = 'a'.repeat(64);
    const s = summariseEvent({
      type: 'TransactionEvent',
      eventID: `ni:///sha-256;${'b'.repeat(64)}?ver=CBV2.0`,
      eventTime: '2026-03-02T06:16:58.149Z',
      bizStep: 'accepting',
      bizTransactionList: [{ bizTransaction: 'urn:orpaille:bt:po:MTH-2026-000001', type: 'po' }],
      'gold:purchaseNumber': 'MTH-2026-000001',
      'gold:price': '1634.19',
      'gold:currency': 'USD',
      'gold:paymentMethod': 'cash',
      'gold:recorder': 'https://id.gs1.org/417/6160102000002',
      'gold:assay': { 'gold:method': 'xrf', 'gold:date': '2026-03-02', 'gold:lab': 'Lab' },
      'gold:fineness': 627.5,
      'gold:evidence': [`sha256:${sha}`],
      sourceList: [{ source: 'https://id.gs1.org/8018/616010100000002537', type: 'owning_party' }],
      destinationList: [{ destination: 'https://id.gs1.org/417/6160102000002', type: 'owning_party' }],
      quantityList: [{ epcClass: L('X'), quantity: 17.72, uom: 'GRM' }],
    });
    expect(s).toMatchObject({ type: 'TransactionEvent', bizStep: 'accepting', time: '2026-03-02T06:16:58.149Z', price: { amount: '1634.19', currency: 'USD', paymentMethod: 'cash' } });
    expect(s.parties.map((p) => [p.side, p.type])).toEqual([
      ['recorder', 'recorder'],
      ['source', 'owning_party'],
      ['destination', 'owning_party'],
    ]);
    expect(s.quantities).toEqual([{ lot: L('X'), quantity: 17.72, uom: 'GRM', role: 'lot' }]);
    expect(s.assays).toEqual([{ method: 'xrf', lab: 'Lab', date: '2026-03-02', fineness: 627.5 }]);
    expect(s.documents).toEqual([{ type: 'po', id: 'MTH-2026-000001' }]);
    expect(s.evidence).toEqual([sha]);
    expect(eventHash(s.id)).toBe('b'.repeat(64));
  });

  it('reads the assay of each output of a transformation', () => {
    const s = summariseEvent({
      type: 'TransformationEvent',
      bizStep: 'creating_class_instance',
      eventTime: '2026-03-25T08:00:00.000Z',
      ilmd: { 'gold:operation': 'refine', 'gold:outputs': [{ 'gold:lot': L('B1'), 'gold:fineness': 999.9, 'gold:assay': { 'gold:method': 'fire_assay', 'gold:date': '2026-03-25' } }] },
      inputQuantityList: [{ epcClass: L('D1'), quantity: 762.144, uom: 'GRM' }],
    });
    expect(s.operation).toBe('refine');
    expect(s.assays).toEqual([{ method: 'fire_assay', date: '2026-03-25', fineness: 999.9, lot: L('B1') }]);
    expect(s.quantities).toEqual([{ lot: L('D1'), quantity: 762.144, uom: 'GRM', role: 'input' }]);
  });
});
