import { describe, expect, it } from 'vitest';
import { eventIndex, numericValue } from './event-index.js';

const HOUSE = 'https://id.gs1.org/417/6150002000005';
const MINER = 'https://id.gs1.org/8018/615000100000000015';
const SITE = 'https://id.gs1.org/414/6150001010010';
const LOT = 'https://id.gs1.org/01/06150002000046/10/TH-1';

const production = {
  type: 'ObjectEvent',
  eventTime: '2026-03-02T08:00:00.000Z',
  eventTimeZoneOffset: '+02:00',
  epcList: [],
  action: 'ADD',
  bizStep: 'commissioning',
  disposition: 'active',
  readPoint: { id: SITE },
  bizLocation: { id: SITE },
  quantityList: [{ epcClass: LOT, quantity: 10, uom: 'GRM' }],
  destinationList: [
    { type: 'owning_party', destination: MINER },
    { type: 'possessing_party', destination: MINER },
  ],
  ilmd: { 'gold:form': 'dore', 'gold:fineness': 850, 'gold:assay': { 'gold:method': 'xrf', 'gold:date': '2026-03-01' } },
  'gold:recorder': HOUSE,
};

describe('eventIndex', () => {
  it('indexes the where and why of an event as columns', () => {
    const ix = eventIndex(production, HOUSE);
    expect([ix.action, ix.disposition, ix.readPoint, ix.bizLocation]).toEqual(['ADD', 'active', SITE, SITE]);
  });

  it('gives each identifier its role, quantity classes included', () => {
    const ix = eventIndex(
      {
        type: 'AggregationEvent',
        parentID: 'https://id.gs1.org/00/061500020000000017',
        childEPCs: ['https://id.gs1.org/01/10614141073464/21/1'],
        childQuantityList: [{ epcClass: LOT }],
      },
      HOUSE,
    );
    expect(ix.epcs).toEqual([
      ['parent', 'https://id.gs1.org/00/061500020000000017'],
      ['child', 'https://id.gs1.org/01/10614141073464/21/1'],
      ['child_class', LOT],
    ]);
    const t = eventIndex({ type: 'TransformationEvent', inputEPCList: ['a:1'], outputQuantityList: [{ epcClass: 'b:2' }], inputQuantityList: [{ epcClass: 'c:3' }] }, HOUSE);
    expect(t.epcs).toEqual([
      ['input', 'a:1'],
      ['input_class', 'c:3'],
      ['output_class', 'b:2'],
    ]);
  });

  it('makes the recorder, gold:recorder and owning or possessing parties the parties of the event, not locations', () => {
    const ix = eventIndex(
      {
        ...production,
        sourceList: [{ type: 'location', source: SITE }, { type: 'owning_party', source: 'urn:x:seller' }],
      },
      'urn:x:recorder',
    );
    expect(ix.parties.sort()).toEqual([HOUSE, MINER, 'urn:x:recorder', 'urn:x:seller'].sort());
    expect(ix.sourcesDestinations).toContainEqual(['source', 'location', SITE]);
  });

  it('keeps business transactions with or without a type', () => {
    const ix = eventIndex({ bizTransactionList: [{ type: 'po', bizTransaction: 'urn:x:po:1' }, { bizTransaction: 'urn:x:inv:2' }] }, HOUSE);
    expect(ix.bizTransactions).toEqual([
      ['po', 'urn:x:po:1'],
      [null, 'urn:x:inv:2'],
    ]);
  });

  it('names ilmd and extension fields by full IRI, nested ones in the inner scope, numbers and dates with a numeric value', () => {
    const ix = eventIndex(production, HOUSE);
    const g = 'https://ns.orpaille.org/gold/';
    expect(ix.fields).toEqual([
      ['ilmd', `${g}form`, 'dore', null],
      ['ilmd', `${g}fineness`, '850', 850],
      ['ilmd', `${g}assay`, null, null],
      ['ilmd_inner', `${g}method`, 'xrf', null],
      ['ilmd_inner', `${g}date`, '2026-03-01', Date.parse('2026-03-01T00:00:00Z')],
      ['ext', `${g}recorder`, HOUSE, null],
    ]);
  });

  it("expands CURIEs with the event's own @context and the standard prefixes", () => {
    const ix = eventIndex(
      {
        '@context': [{ ex: 'https://example.org/ns/' }],
        'ex:temp': [1.5, 2],
        ilmd: { 'cbvmda:lotNumber': 'L1' },
      },
      HOUSE,
    );
    expect(ix.fields).toEqual([
      ['ilmd', 'urn:epcglobal:cbv:mda:lotNumber', 'L1', null],
      ['ext', 'https://example.org/ns/temp', '1.5', 1.5],
      ['ext', 'https://example.org/ns/temp', '2', 2],
    ]);
  });
});

describe('numericValue', () => {
  it('reads decimals and ISO 8601 instants, nothing else', () => {
    expect(numericValue('800.00')).toBe(800);
    expect(numericValue('-1e3')).toBe(-1000);
    expect(numericValue('2026-03-01T10:00:00+02:00')).toBe(Date.parse('2026-03-01T08:00:00Z'));
    expect(numericValue('TH-2026')).toBeNull();
    expect(numericValue('12 g')).toBeNull();
  });
});
