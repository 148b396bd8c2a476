import { describe, expect, it } from 'vitest';
import { readLogbook, type LogbookDirectory } from './logbook.js';
import type { PurchaseEvent } from './types.js';

const dir: LogbookDirectory = {
  buyer: { uri: 'urn:house', companyPrefix: '6150002' },
  miner: (id) => (id === 'm1' ? { uri: 'urn:miner:1', producerUri: 'urn:asmo' } : undefined),
  site: (id) => (id === 's1' ? { uri: 'urn:site:1', producerUri: 'urn:asmo', offset: '+02:00' } : undefined),
  lotUri: (form, n) => `urn:lot:${form}:${n}`,
};

const HEADER = 'date,miner_id,site_id,gross_grams,fineness,price,currency,payment_method,tag';
const read = (text: string) => readLogbook(new TextEncoder().encode(text), dir);
const purchases = (text: string) => read(text).rows.map((r) => r.events[1] as PurchaseEvent);

describe('the declared material column of a purchase logbook', () => {
  it('puts the seller’s declaration on the purchase, and nothing when the cell is empty or the column absent', () => {
    const rows = purchases(`${HEADER},declared_material\n2026-03-10,m1,s1,5,850,10,USD,cash,T1,recycled\n2026-03-10,m1,s1,5,850,10,USD,cash,T2,Mined\n2026-03-10,m1,s1,5,850,10,USD,cash,T3,\n`);
    expect(rows.map((p) => p.declaredMaterial)).toEqual(['recycled', 'mined', undefined]);
    expect(purchases(`${HEADER}\n2026-03-10,m1,s1,5,850,10,USD,cash,T4\n`)[0]).not.toHaveProperty('declaredMaterial');
  });

  it('refuses a row whose declaration is neither mined nor recycled, naming the line', () => {
    const r = read(`${HEADER},declared_material\n2026-03-10,m1,s1,5,850,10,USD,cash,T1,scrap\n`);
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ line: 2, message: 'declared_material "scrap" must be empty or one of mined, recycled' }]);
  });
});
