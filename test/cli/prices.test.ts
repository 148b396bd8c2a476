import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the price, assay and settlement subcommands of orpaille', () => {
  let w: World;
  const file = (name: string, text: string) => {
    const path = join(tmpdir(), `orpaille-${process.pid}-${name}`);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await appendOk(w, w.buy('A', { grams: 25, fineness: 900 }));
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([['price', 'quote'], ['price', 'import'], ['price', 'show'], ['assay', 'open'], ['assay', 'record'], ['assay', 'reconcile'], ['assay', 'show'], ['settlement', 'create'], ['settlement', 'show']])(
    'explains `%s %s` with --help',
    async (...cmd) => {
      const r = await run(w, ...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage: orpaille');
    },
  );

  it('quotes the issue\'s worked numbers: 1,000 g at 850.0 fine, LBMA 2,000 USD/oz', async () => {
    const r = await run(w, 'price', 'quote', '--scheme', 'fairtrade-eco', '--grams', '1000', '--fineness', '850.0', '--lbma', '2000', '--date', '2026-03-02', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ fineGrams: '850.000', minimumPrice: '51923.46', premium: '8198.44', currency: 'USD' });
    const text = await run(w, 'price', 'quote', '--scheme', 'fairmined', '--grams', '1000', '--fineness', '850.0', '--lbma', '2000', '--date', '2026-03-02');
    expect(text.out).toContain('minimum price: 51923.46 USD');
    expect(text.out).toContain('premium due:   3400.00 USD');
  });

  it('refuses a quote without a price for the date and says what to import', async () => {
    const r = await run(w, 'price', 'quote', '--scheme', 'fairtrade', '--grams', '1000', '--fineness', '850.0', '--date', '2026-03-02');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ORP_NO_PRICE');
    expect(r.err).toContain('orpaille price import');
  });

  it('imports nothing from a file with a bad line (exit 1, lines named), then a good file; the monthly series too', async () => {
    const bad = await run(w, 'price', 'import', file('bad.csv', 'date,AM,PM\n2026-03-02,2000,2001\n2026-03-03,2002,\n03/04/2026,1,2\n'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('line 4');
    expect(bad.out).toContain('nothing was written');
    expect((await run(w, 'price', 'show', '--date', '2026-03-02')).code).toBe(1);
    const good = await run(w, 'price', 'import', file('good.csv', 'date,AM,PM\n2026-03-02,2000,2001\n2026-03-03,2002,\n'), '--json');
    expect(JSON.parse(good.out)).toMatchObject({ format: 'daily', added: 2 });
    const monthly = await run(w, 'price', 'import', 'src/pricing/data/gold-prices-monthly.csv', '--json');
    expect(JSON.parse(monthly.out)).toMatchObject({ format: 'monthly', added: 2322, problems: [] });
  });

  it('uses the imported price of --date when --lbma is omitted and says which one', async () => {
    const r = await run(w, 'price', 'quote', '--scheme', 'fairtrade', '--grams', '1000', '--fineness', '850.0', '--date', '2026-03-02', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ benchmarkUsdPerOz: '2001', price: { kind: 'pm_fixing', date: '2026-03-02', value: '2001' } });
    const month = await run(w, 'price', 'show', '--date', '2026-02-15');
    expect(month.out).toContain('gold on 2026-02-15: 5020 USD/ozt, monthly average of 2026-02-01');
  });

  it('runs an assay exchange to an umpire and settles the lot on its final assay', async () => {
    const opened = JSON.parse((await run(w, 'assay', 'open', '--lot', 'A', '--seller', 'house', '--buyer', 'refiner', '--org', 'house', '--json')).out) as { id: string };
    const rec = (org: string, role: string, fineness: string) => run(w, 'assay', 'record', opened.id, '--org', org, '--role', role, '--method', 'fire_assay', '--lab', `${org} lab`, '--sample', `${role}-1`, '--fineness', fineness, '--date', '2026-03-03');
    expect((await rec('house', 'seller', '901.0')).code).toBe(0);
    expect((await rec('house', 'buyer', '899.0')).code).toBe(2);
    expect((await rec('refiner', 'buyer', '899.0')).code).toBe(0);
    const pending = await run(w, 'assay', 'reconcile', opened.id);
    expect(pending.code).toBe(1);
    expect(pending.out).toContain('umpire assay needed');
    expect((await rec('refiner', 'umpire', '899.6')).code).toBe(0);
    const final = await run(w, 'assay', 'reconcile', opened.id);
    expect(final.code).toBe(0);
    expect(final.out).toContain('final assay 899.6 (umpire');

    const s = await run(w, 'settlement', 'create', '--lot', 'A', '--seller', 'house', '--buyer', 'refiner', '--org', 'refiner', '--net-grams', '24.9', '--assay-exchange', opened.id, '--payable', '99.5', '--pricing-date', '2026-03-03', '--charge', 'refining=0.50/oz', '--charge', 'assay=5', '--json');
    expect(s.code).toBe(0);
    const statement = JSON.parse(s.out) as { id: string; result: Record<string, unknown>; rules: { rule: string }[] };
    // 24.9 g at 899.6 = 22.400 g fine; 99.5 % = 22.288 g payable, at the AM price of 3 March (no PM that day).
    expect(statement.result).toMatchObject({ fineGoldGrams: '22.400', payableGoldGrams: '22.288', benchmark: { kind: 'am_fixing', date: '2026-03-03', usdPerTroyOz: '2002' } });
    expect(statement.rules.map((r) => r.rule)).toEqual(['assay.splitting_limit', 'assay.umpire']);
    const shown = await run(w, 'settlement', 'show', statement.id);
    expect(shown.out).toContain(`amount due      ${statement.result['amountDue']} USD`);
  });
});
