import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/index.js';
import { formatGrams, formatMoney } from '../../src/kernel/index.js';
import type { RecordedValuation } from '../../src/premiums/index.js';
import { premiumPriceStatement } from '../../src/reporting/statement.js';
import { reportStore } from '../../src/store/index.js';
import { certifiedPurchase, seedLbma } from '../premiums/world.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { pdfText } from '../support/pdf-text.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const MARCH = { from: '2026-03-01', to: '2026-04-01' };
const AT = '2026-12-01T09:00:00.000Z';

/** CSV of the statement: the purchase rows, then the figure/value rows after the empty line. */
function parseCsv(text: string) {
  const [purchases, figures] = text.trimEnd().split('\r\n\r\n') as [string, string];
  const rows = purchases.split('\r\n').map((l) => l.split(','));
  const header = rows[0]!;
  return {
    purchases: rows.slice(1).map((r) => Object.fromEntries(header.map((c, i) => [c, r[i]!]))),
    figures: Object.fromEntries(figures.split('\r\n').slice(1).map((l) => l.split(',') as [string, string])),
  };
}

describe.each(testStores)('premium and price statement on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  let march: RecordedValuation[];
  const sum = (xs: readonly { premiumCents?: number }[]) => xs.reduce((a, d) => a + (d.premiumCents ?? 0), 0);

  beforeAll(async () => {
    w = await makeWorld(store);
    await seedLbma(w);
    await w.orp.prices.save(['2026-03-09', '2026-04-01'].map((date) => ({ metal: 'gold' as const, kind: 'fixing' as const, date, pm: '2000', currency: 'USD', source: 'test' })));
    // March: one purchase at a fair price and one below the scheme minimum; April: one more, outside the period.
    await appendOk(w, certifiedPurchase(w, 'S1', { price: '52000.00', grams: 1000 }));
    await appendOk(w, certifiedPurchase(w, 'S2', { price: '20000.00', grams: 500, day: 10 }));
    await appendOk(w, certifiedPurchase(w, 'S3', { price: '52000.00', grams: 1000, day: 33 }));
    await w.orp.premiums.pay({ producer: w.asmo.uri, payer: w.house.uri, reference: 'PR-1', paidOn: '2026-03-20', method: 'bank_transfer', amount: '1000.00', currency: 'USD' }, 'test');
    await w.orp.premiums.pay({ producer: w.asmo.uri, payer: w.house.uri, reference: 'PR-2', paidOn: '2026-04-05', method: 'bank_transfer', amount: '500.00', currency: 'USD' }, 'test');
    march = (await w.orp.premiums.dues({ producer: w.asmo.uri })).filter((d) => d.date < MARCH.to);
    app = await buildApp(w.orp, { rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('lists the purchases of the period with lots, gross and fine mass, price paid, minimum due and premium due', async () => {
    expect(march.map((d) => d.purchaseNumber)).toEqual(['P-S1', 'P-S2']);
    const r = await premiumPriceStatement(w.orp, { producer: 'asmo', period: MARCH, format: 'csv', generatedAt: AT });
    const { purchases } = parseCsv(r.bytes.toString('utf8'));
    expect(purchases.map((p) => p['purchase_number'])).toEqual(['P-S1', 'P-S2']);
    const s2 = purchases[1]!;
    const due = march[1]!;
    expect(s2).toMatchObject({ date: '2026-03-10', lots: w.lot(w.house, 'dore', 'S2'), gross_g: '500.000', fine_g: formatGrams(500 * 850), price: '20000.00', currency: 'USD', below_minimum: 'yes', status: 'evaluated' });
    expect(s2['minimum_usd']).toBe(formatMoney(due.minimumCents!));
    expect(s2['premium_due_usd']).toBe(formatMoney(due.premiumCents!));
    expect(purchases[0]!['below_minimum']).toBe('no');
  });

  it('totals premiums due and paid in the period, and what is outstanding when the period ends', async () => {
    const r = await premiumPriceStatement(w.orp, { producer: 'asmo', period: MARCH, format: 'csv', generatedAt: AT });
    const { figures } = parseCsv(r.bytes.toString('utf8'));
    expect(figures['premium_due_period_usd']).toBe(formatMoney(sum(march)));
    // PR-2 is paid in April: neither in the period nor before its end.
    expect(figures['premium_paid_period_usd']).toBe('1000.00');
    expect(figures['premium_outstanding_usd']).toBe(formatMoney(sum(march) - 100_000));
  });

  it('is stamped with the ledger head it read, and the same ledger and time give the same bytes', async () => {
    const head = await reportStore(w.orp.db).head();
    const a = await premiumPriceStatement(w.orp, { producer: 'asmo', period: MARCH, format: 'pdf', generatedAt: AT });
    const b = await premiumPriceStatement(w.orp, { producer: 'asmo', period: MARCH, format: 'pdf', generatedAt: AT });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const text = await pdfText(a.bytes);
    expect(text).toContain(`#${head.seq} ${head.hash}`);
    expect(text).toContain('Premium and price statement');
    for (const d of march) expect(text).toContain(d.purchaseNumber);
    expect(text).not.toContain('P-S3');
    expect(text).toContain(formatMoney(march[1]!.minimumCents!));
    expect(text).toContain(formatMoney(sum(march) - 100_000));
  });

  it('a later statement takes in the purchases recorded since, under the later head', async () => {
    const head = await reportStore(w.orp.db).head();
    await appendOk(w, certifiedPurchase(w, 'S4', { price: '52000.00', grams: 100, day: 12 }));
    try {
      const later = await premiumPriceStatement(w.orp, { producer: 'asmo', period: MARCH, format: 'csv', generatedAt: AT });
      expect(later.stamp.ledgerSeq).toBeGreaterThan(head.seq);
      expect(later.statement.purchases.map((p) => p.purchaseNumber)).toContain('P-S4');
      const dues = (await w.orp.premiums.dues({ producer: w.asmo.uri })).filter((d) => d.seq > head.seq);
      expect(dues.map((d) => d.purchaseNumber)).toEqual(['P-S4']);
    } finally {
      march = (await w.orp.premiums.dues({ producer: w.asmo.uri })).filter((d) => d.date < MARCH.to);
    }
  });

  it('orpaille report statement writes the PDF or CSV, and nothing with a bad period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'statement-'));
    const csv = join(dir, 's.csv');
    const ok = await run(w, 'report', 'statement', '--producer', 'asmo', '--from', MARCH.from, '--to', MARCH.to, '--out', csv, '--json');
    expect(ok.code).toBe(0);
    expect(parseCsv(readFileSync(csv, 'utf8')).purchases.map((p) => p['purchase_number'])).toEqual(march.map((d) => d.purchaseNumber));
    const bad = join(dir, 'bad.pdf');
    const r = await run(w, 'report', 'statement', '--producer', 'asmo', '--from', '2026-04-01', '--to', '2026-03-01', '--out', bad);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/--from .* must be before --to/);
    expect(existsSync(bad)).toBe(false);
    const unknown = await run(w, 'report', 'statement', '--producer', 'nobody', '--from', MARCH.from, '--to', MARCH.to, '--out', bad);
    expect(unknown.err).toContain('no organisation "nobody"');
    expect(existsSync(bad)).toBe(false);
  });

  it('GET /reports/statement answers the producer the PDF, a buyer its own purchases, and others a 404', async () => {
    const url = `/reports/statement?producer=asmo&from=${MARCH.from}&to=${MARCH.to}`;
    const producer = await app.inject({ method: 'GET', url, headers: await authHeaders(w.orp, 'asmo', 'viewer') });
    expect(producer.statusCode).toBe(200);
    expect(producer.headers['content-type']).toBe('application/pdf');
    expect(producer.headers['content-disposition']).toBe(`attachment; filename="statement-asmo-${MARCH.from}-${MARCH.to}.pdf"`);
    expect(await pdfText(producer.rawPayload)).toContain('P-S1');
    const buyer = await app.inject({ method: 'GET', url: `${url}&format=csv`, headers: await authHeaders(w.orp, 'house', 'viewer') });
    expect(buyer.statusCode).toBe(200);
    expect(buyer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(parseCsv(buyer.body).purchases.length).toBe(march.length);
    const stranger = await app.inject({ method: 'GET', url, headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(stranger.statusCode).toBe(404);
    const badPeriod = await app.inject({ method: 'GET', url: `/reports/statement?producer=asmo&from=2026-03-01&to=2026-02-01`, headers: await authHeaders(w.orp, 'asmo', 'viewer') });
    expect(badPeriod.statusCode).toBe(400);
  });
});
