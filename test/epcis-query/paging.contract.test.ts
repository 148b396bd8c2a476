import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureEntry } from '../../src/ledger/index.js';
import { testStores } from '../support/stores.js';
import { dl, labels, queryWorld, SGTIN, type QueryWorld } from './fixture.js';

/** 25 more exporter events, several sharing an event time, so that pages break inside a tie. */
function moreEvents(): Record<string, unknown>[] {
  return Array.from({ length: 25 }, (_, i) => ({
    eventID: `urn:uuid:p${String(i).padStart(2, '0')}`,
    type: 'ObjectEvent',
    eventTime: new Date(Date.UTC(2026, 3, 1 + Math.floor(i / 4))).toISOString(),
    eventTimeZoneOffset: '+00:00',
    epcList: [dl(SGTIN(2000 + i))],
    action: 'OBSERVE',
    bizStep: i % 2 === 0 ? 'receiving' : 'storing',
  }));
}

describe.each(testStores)('EPCIS query paging on $name', (store) => {
  let t: QueryWorld;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.exporter });

  /** Follows the Link headers from `url`; returns every page's labels. */
  async function walk(url: string): Promise<string[][]> {
    const pages: string[][] = [];
    for (let next: string | undefined = url; next; ) {
      const r = await get(next);
      expect(r.statusCode, r.body).toBe(200);
      pages.push(labels(r.json()));
      const link = r.headers['link'];
      next = typeof link === 'string' ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
      expect(pages.length).toBeLessThan(50);
    }
    return pages;
  }

  beforeAll(async () => {
    t = await queryWorld(store);
    const r = await t.w.orp.append(moreEvents().map((e) => captureEntry(e, t.w.exporter.uri)));
    if (!r.committed) throw new Error(JSON.stringify(r.results));
  });
  afterAll(async () => {
    await t.app.close();
    await t.w.cleanup();
  });

  it('walks every result exactly once, in order, page by page', async () => {
    const all = labels((await get('/events?perPage=1000')).json());
    expect(all).toHaveLength(28);
    const pages = await walk('/events?perPage=7');
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 7]);
    expect(pages.flat()).toEqual(all);
  });

  it('walks a filtered query newest first, and in ledger order', async () => {
    const desc = await walk('/events?EQ_bizStep=receiving&orderBy=eventTime&perPage=3');
    const expected = Array.from({ length: 13 }, (_, k) => `p${String(24 - 2 * k).padStart(2, '0')}`);
    // Events sharing an event time come in descending ledger order too.
    expect(desc.flat()).toEqual(expected);
    const byRecord = await walk('/events?orderBy=recordTime&orderDirection=ASC&perPage=5');
    expect(byRecord.flat()).toEqual(['e1', 'e2', 'e3', ...Array.from({ length: 25 }, (_, i) => `p${String(i).padStart(2, '0')}`)]);
  });

  it('stops at eventCountLimit across pages', async () => {
    const pages = await walk('/events?eventCountLimit=10&perPage=4');
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
  });

  it('pages the events of a resource and a resource list', async () => {
    const pages = await walk(`/epcs/${encodeURIComponent('urn:epc:idpat:sgtin:9521234.054321.*')}/events?perPage=10`);
    expect(pages.flat()).toHaveLength(28);
    const members: string[] = [];
    for (let next: string | undefined = '/bizSteps?perPage=2'; next; ) {
      const r = await get(next);
      members.push(...r.json().member);
      next = /^<([^>]+)>/.exec(String(r.headers['link'] ?? ''))?.[1];
    }
    expect(members).toEqual(['commissioning', 'packing', 'receiving', 'shipping', 'storing']);
  });

  it('rejects a token that is not ours, or sent with another query', async () => {
    const bad = await get('/events?nextPageToken=bm90IGEgdG9rZW4');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.parameter).toBe('nextPageToken');
    const first = await get('/events?EQ_bizStep=storing&perPage=2');
    const token = /nextPageToken=([^&>]+)/.exec(String(first.headers['link']))![1]!;
    expect((await get(`/events?EQ_bizStep=storing&nextPageToken=${token}`)).statusCode).toBe(200);
    expect((await get(`/events?EQ_bizStep=receiving&nextPageToken=${token}`)).json().details.parameter).toBe('nextPageToken');
  });

  it('gives another organisation nothing from the same token', async () => {
    const first = await get('/events?perPage=2');
    const next = /^<([^>]+)>/.exec(String(first.headers['link']))![1]!;
    const r = await t.app.inject({ method: 'GET', url: next, headers: t.house });
    // The page after the exporter's second event: the house's own events are all older.
    expect(labels(r.json())).toEqual([]);
  });
});
