import { describe, expect, it } from 'vitest';
import { isOrpailleError } from '../kernel/index.js';
import { parseEventQuery, type QueryParams } from './query.js';

function rejection(params: QueryParams, prefixes: Record<string, string> = {}) {
  try {
    parseEventQuery(params, prefixes);
  } catch (err) {
    if (isOrpailleError(err)) return { code: err.code, parameter: err.details['parameter'], message: err.message };
    throw err;
  }
  throw new Error('expected a rejection');
}

const q = (params: QueryParams, prefixes: Record<string, string> = {}) => parseEventQuery(params, prefixes).query;

describe('parseEventQuery', () => {
  it('rejects an unknown parameter, naming it', () => {
    expect(rejection({ EQ_colour: 'red' })).toMatchObject({ code: 'ORP_EPCIS_QUERY_INVALID', parameter: 'EQ_colour' });
    expect(rejection({ maxEventCount: '10' })).toMatchObject({ parameter: 'maxEventCount' });
  });

  it('rejects bad values, naming the parameter', () => {
    for (const [params, parameter] of [
      [{ GE_eventTime: '2026-03-01' }, 'GE_eventTime'],
      [{ EQ_action: 'ADD,MOVE' }, 'EQ_action'],
      [{ eventType: 'GoldEvent' }, 'eventType'],
      [{ orderBy: 'bizStep' }, 'orderBy'],
      [{ orderDirection: 'UP' }, 'orderDirection'],
      [{ perPage: '0' }, 'perPage'],
      [{ eventCountLimit: 'ten' }, 'eventCountLimit'],
      [{ 'GT_gold:fineness': 'high' }, 'GT_gold:fineness'],
      [{ MATCH_epc: 'urn:epc:idpat:sgtin:0614141.*.12' }, 'MATCH_epc'],
      [{ 'EQ_ex:temp': '1' }, 'EQ_ex:temp'],
    ] as const) {
      expect(rejection(params), JSON.stringify(params)).toMatchObject({ code: 'ORP_EPCIS_QUERY_INVALID', parameter });
    }
  });

  it('reads times as instants and keeps both bounds', () => {
    expect(q({ GE_eventTime: '2026-03-01T00:00:00+02:00', LT_eventTime: '2026-04-01T00:00:00Z' }).eventTime).toEqual({
      ge: Date.parse('2026-02-28T22:00:00Z'),
      lt: Date.parse('2026-04-01T00:00:00Z'),
    });
  });

  it('canonicalises identifiers given as EPC URNs or Digital Links', () => {
    const query = q({ MATCH_epc: 'urn:epc:id:sgtin:0614141.107346.2017,https://example.com/01/10614141073464/21/2018', EQ_readPoint: 'urn:epc:id:sgln:4012345.00005.0' });
    expect(query.epcs).toEqual([
      { roles: ['epc', 'child'], values: ['https://id.gs1.org/01/10614141073464/21/2017', 'https://id.gs1.org/01/10614141073464/21/2018'], prefixes: [] },
    ]);
    expect(query.readPoints).toEqual(['https://id.gs1.org/414/4012345000054']);
  });

  it('turns EPC patterns and Digital Link prefixes into prefixes of canonical Digital Links', () => {
    expect(q({ MATCH_epc: 'urn:epc:idpat:sgtin:0614141.107346.*' }).epcs[0]).toMatchObject({
      values: ['https://id.gs1.org/01/10614141073464'],
      prefixes: ['https://id.gs1.org/01/10614141073464/'],
    });
    expect(q({ MATCH_anyEPC: 'urn:epc:idpat:sscc:4012345.*' }).epcs[0]!.prefixes).toHaveLength(10);
    expect(q({ MATCH_anyEPC: 'urn:epc:idpat:sgln:4012345.*.*' }).epcs[0]!.prefixes).toEqual(['https://id.gs1.org/414/4012345']);
    expect(q({ MATCH_epc: 'https://id.gs1.de/01/04012345999990/21/*' }).epcs[0]!.prefixes).toEqual(['https://id.gs1.org/01/04012345999990/21/']);
  });

  it('reads CBV values in any standard form as their bare names, and keeps other URIs', () => {
    const query = q({
      EQ_bizStep: 'cbv:BizStep-shipping,urn:epcglobal:cbv:bizstep:receiving,https://ref.gs1.org/cbv/BizStep-packing,https://example.org/step/x',
      EQ_disposition: 'urn:epcglobal:cbv:disp:in_transit',
      EQ_source_urn_epcglobal_cbv_sdt_owning_party: 'x:1',
    });
    expect(query.bizSteps).toEqual(['shipping', 'receiving', 'packing', 'https://example.org/step/x']);
    expect(query.dispositions).toEqual(['in_transit']);
  });

  it('reads typed business transaction, source and destination conditions', () => {
    const query = q({ EQ_bizTransaction_po: 'urn:x:po:1', EQ_destination_owning_party: 'urn:epc:id:pgln:4012345.00000' });
    expect(query.bizTransactions).toEqual([{ type: 'po', ids: ['urn:x:po:1'] }]);
    expect(query.destinations).toEqual([{ type: 'owning_party', ids: ['https://id.gs1.org/417/4012345000009'] }]);
  });

  it('names fields by full IRI, from the gold prefix, the GS1-Extensions prefixes or an IRI', () => {
    const query = q(
      { 'EQ_ILMD_gold:form': 'dore,bar', 'GE_gold:fineness': '900', 'EXISTS_INNER_ex:temp': '', 'LT_ILMD_https://ns.example.com/d': '2026-01-01T00:00:00Z' },
      { ex: 'https://example.org/ns/' },
    );
    expect(query.fields).toEqual([
      { scope: 'ilmd', name: 'https://ns.orpaille.org/gold/form', op: 'EQ', texts: ['dore', 'bar'] },
      { scope: 'ext', name: 'https://ns.orpaille.org/gold/fineness', op: 'GE', nums: [900] },
      { scope: 'ext_inner', name: 'https://example.org/ns/temp', op: 'EXISTS' },
      { scope: 'ilmd', name: 'https://ns.example.com/d', op: 'LT', nums: [Date.parse('2026-01-01T00:00:00Z')] },
    ]);
  });

  it('orders oldest first by default, newest first when orderBy is given alone', () => {
    expect(q({})).toMatchObject({ orderBy: 'eventTime', orderDirection: 'ASC' });
    expect(q({ orderBy: 'recordTime' })).toMatchObject({ orderBy: 'recordTime', orderDirection: 'DESC' });
  });

  it('takes repeated parameters as one list and keeps paging apart from the query', () => {
    const parsed = parseEventQuery({ EQ_bizStep: ['shipping', 'receiving'], perPage: '5', nextPageToken: 'abc' });
    expect(parsed.query.bizSteps).toEqual(['shipping', 'receiving']);
    expect([parsed.perPage, parsed.nextPageToken]).toEqual([5, 'abc']);
  });
});
