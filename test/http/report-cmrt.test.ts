import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { cellText } from '../../src/reports/cmrt/index.js';
import { makeAccessWorld } from '../support/access-world.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import type { World } from '../support/world.js';

describe.each(testStores)('GET /reports/cmrt on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    w = await makeAccessWorld(store);
    app = await buildApp(w.orp, { rateLimit: false });
    h['house'] = await authHeaders(w.orp, 'house', 'viewer');
    h['refiner'] = await authHeaders(w.orp, 'refiner', 'viewer');
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('returns the xlsx of the caller’s own organisation with its ledger head, and 400 for a bad period', async () => {
    const r = await app.inject({ method: 'GET', url: '/reports/cmrt?period=2026&scope=A', headers: h['house']! });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toBe('attachment; filename="cmrt-house-2026.xlsx"');
    const head = await w.orp.db.kysely.selectFrom('ledger_head').select(['seq', 'record_hash']).executeTakeFirstOrThrow();
    expect([r.headers['x-ledger-seq'], r.headers['x-ledger-head']]).toEqual([String(head.seq), head.record_hash]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect([cellText(wb.getWorksheet('Declaration')!.getCell('D8')), cellText(wb.getWorksheet('Declaration')!.getCell('D28'))]).toEqual([w.house.name, 'Yes']);
    // The refiner bought nothing: its CMRT says nothing about the house's gold.
    const other = await app.inject({ method: 'GET', url: '/reports/cmrt?period=2026', headers: h['refiner']! });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect([cellText(wb2.getWorksheet('Declaration')!.getCell('D8')), cellText(wb2.getWorksheet('Declaration')!.getCell('D28'))]).toEqual([w.refiner.name, '']);
    expect((await app.inject({ method: 'GET', url: '/reports/cmrt?period=26', headers: h['house']! })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/reports/cmrt' })).statusCode).toBe(401);
  });
});
