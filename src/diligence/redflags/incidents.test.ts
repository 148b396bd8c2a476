import { describe, expect, it } from 'vitest';
import { parseRiskAreas } from './areas.js';
import { raiseIncident, updateIncident, type Incident } from './incidents.js';
import type { RedFlagHit } from './types.js';

const HIT: RedFlagHit = {
  rule: 'cash_without_approval',
  key: 'cash_without_approval|urn:house|P-1',
  org: 'urn:house',
  subject: 'P-1',
  eventTime: '2026-04-22T10:00:00+02:00',
  seqs: [42],
  summary: 'purchase P-1 paid 12000.00 USD in cash, above 10000.00 USD, with no approval recorded',
  numbers: { price: '12000.00' },
  threshold: { above: '10000.00' },
  ruleVersion: { rule: 'redflag.cash_without_approval', key: 'USD', effectiveFrom: '2000-01-01', source: 'LBMA RGG v9', confidence: 'assumed' },
};

const raised = (): Incident => raiseIncident('inc_1', HIT, '2026-04-22T09:00:00.000Z');

describe('incidents', () => {
  it('raises an open incident carrying the hit as evidence and a first line of history', () => {
    const i = raised();
    expect(i).toMatchObject({ status: 'open', org: 'urn:house', rule: 'cash_without_approval', evidence: { seqs: [42], threshold: { above: '10000.00' } } });
    expect(i.history).toEqual([{ at: '2026-04-22T09:00:00.000Z', by: 'redflag engine', status: 'open', note: HIT.summary }]);
  });

  it('records who moved it, when and why, and keeps every step in the history', () => {
    const a = updateIncident(raised(), { by: 'compliance@house', status: 'under_review', owner: 'amani', note: 'asked the counter for the approval' }, '2026-04-23T08:00:00.000Z').incident;
    const b = updateIncident(a, { by: 'amani', status: 'closed', note: 'approval found on paper, recorded' }, '2026-04-24T08:00:00.000Z').incident;
    expect(b.status).toBe('closed');
    expect(b.owner).toBe('amani');
    expect(b.history.map((h) => [h.status, h.by])).toEqual([
      ['open', 'redflag engine'],
      ['under_review', 'compliance@house'],
      ['closed', 'amani'],
    ]);
  });

  it('refuses a change without a note, to an unknown status, from closed to mitigated, or that changes nothing', () => {
    expect(() => updateIncident(raised(), { by: 'x', status: 'closed', note: ' ' }, '2026-04-23T08:00:00.000Z')).toThrow(/needs a note/);
    expect(() => updateIncident(raised(), { by: 'x', status: 'done' as never, note: 'n' }, '2026-04-23T08:00:00.000Z')).toThrow(/status must be one of/);
    const closed = updateIncident(raised(), { by: 'x', status: 'closed', note: 'n' }, '2026-04-23T08:00:00.000Z').incident;
    expect(() => updateIncident(closed, { by: 'x', status: 'mitigated', note: 'n' }, '2026-04-23T09:00:00.000Z')).toThrow(expect.objectContaining({ code: 'ORP_STATUS_CHANGE_REFUSED' }));
    expect(updateIncident(closed, { by: 'x', status: 'open', note: 'reopened: a second cash sale' }, '2026-04-23T09:00:00.000Z').incident.status).toBe('open');
    expect(() => updateIncident(raised(), { by: 'x', status: 'open', note: 'n' }, '2026-04-23T08:00:00.000Z')).toThrow(/already open/);
  });
});

describe('risk area files', () => {
  const feature = (props: Record<string, unknown>, geometry: unknown = null) => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: props, geometry }] });
  const ok = { id: 'a', name: 'A', effectiveFrom: '2026-01-01', source: 'test', countries: ['CD'] };

  it('reads dated country lists and polygons', () => {
    const [a] = parseRiskAreas(feature({ ...ok, countries: [] }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }));
    expect(a).toMatchObject({ id: 'a', category: 'cahra', polygons: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] });
  });

  it('refuses an area without a date, a source, a polygon or countries, or with a bad country code', () => {
    expect(() => parseRiskAreas(feature({ ...ok, effectiveFrom: 'soon' }))).toThrow(/effectiveFrom/);
    expect(() => parseRiskAreas(feature({ ...ok, source: undefined }))).toThrow(/source/);
    expect(() => parseRiskAreas(feature({ ...ok, countries: [] }))).toThrow(/polygon or a list of countries/);
    expect(() => parseRiskAreas(feature({ ...ok, countries: ['Congo'] }))).toThrow(/ISO 3166-1/);
    expect(() => parseRiskAreas({ type: 'Feature' })).toThrow(/FeatureCollection/);
    expect(() => parseRiskAreas(feature(ok, { type: 'Point', coordinates: [0, 0] }))).toThrow(/Polygon or MultiPolygon/);
  });
});
