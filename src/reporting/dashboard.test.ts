import { describe, expect, it } from 'vitest';
import type { Organisation, Site } from '../parties/index.js';
import { flowGraph, stageOf } from './dashboard.js';

const org = (n: string, roles: Organisation['roles']): Organisation => ({ id: n, uri: `https://id.gs1.org/417/${n}`, name: `Org ${n}`, roles, country: 'CD', gln: n, companyPrefix: n });
const site = (n: string): Site => ({
  id: n,
  uri: `https://id.gs1.org/414/${n}`,
  organisation: 'p',
  name: `Site ${n}`,
  icglrId: `CD-${n}`,
  country: 'CD',
  geometry: { type: 'Point', coordinates: [30, 1] },
  latitude: 1,
  longitude: 30,
  licenceType: 'artisanal',
  capacityGramsPerMonth: 1000,
});

describe('the dashboard flow graph', () => {
  const house = org('1000000000001', ['trading_house']);
  const exporter = org('2000000000001', ['exporter']);
  const coop = org('3000000000001', ['producer', 'exporter']);
  const s1 = site('6000000000011');
  const period = { from: '2026-01-01', to: '2027-01-01' };

  it('puts an organisation in the column of its first chain role', () => {
    expect(stageOf(['producer', 'exporter'])).toBe('producer');
    expect(stageOf(['certifier'])).toBe('other');
    expect(stageOf(['manufacturer', 'refiner'])).toBe('refiner');
  });

  it('starts a miner’s sale at the site of its lots, sums rows between the same nodes, and names only readable organisations', () => {
    const g = flowGraph(
      [
        { step: 'purchase', buyer: house.uri, site: s1.uri, fineMg: 1500, events: 2 },
        { step: 'purchase', buyer: house.uri, site: s1.uri, fineMg: 500, events: 1 },
        { step: 'purchase', seller: house.uri, buyer: exporter.uri, fineMg: 1999, events: 1 },
        { step: 'production', buyer: coop.uri, site: s1.uri, fineMg: 7, events: 1 },
      ],
      [house, exporter, coop],
      [s1],
      [house.uri],
      period,
    );
    expect(g.links).toEqual([
      { source: s1.uri, target: house.uri, fineGrams: '2.000', events: 3 },
      { source: house.uri, target: exporter.uri, fineGrams: '1.999', events: 1 },
      { source: s1.uri, target: coop.uri, fineGrams: '0.007', events: 1 },
    ]);
    expect(g.totalFineGrams).toBe('4.006');
    expect(g.nodes.map((n) => [n.stage, n.name ?? n.key])).toEqual([
      ['site', 'Site 6000000000011'],
      ['producer', coop.gln],
      ['trading_house', 'Org 1000000000001'],
      ['exporter', exporter.gln],
    ]);
  });

  it('leaves out a row with neither a selling organisation nor a site, and gold an organisation sells to itself', () => {
    const g = flowGraph(
      [
        { step: 'purchase', buyer: house.uri, fineMg: 100, events: 1 },
        { step: 'purchase', seller: house.uri, buyer: house.uri, fineMg: 100, events: 1 },
      ],
      [house],
      [],
      [house.uri],
      period,
    );
    expect(g).toEqual({ period, nodes: [], links: [], totalFineGrams: '0.000' });
  });
});
