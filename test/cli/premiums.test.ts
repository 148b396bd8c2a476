import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrpaille } from '../../src/orpaille.js';
import { certifiedPurchase, seedLbma } from '../premiums/world.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

const sqliteStore = testStores.find((s) => s.name === 'sqlite')!;

describe('the premium, fx and contract subcommands of orpaille', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld(sqliteStore);
    await seedLbma(w);
    await appendOk(w, certifiedPurchase(w, 'Q1', { price: '50000.00' }));
    await w.orp.close();
  });
  afterAll(async () => {
    w.orp = await openOrpaille(w.config);
    await w.cleanup();
  });

  it.each([
    ['premium', 'due'],
    ['premium', 'revalue'],
    ['premium', 'pay'],
    ['premium', 'statement'],
    ['premium', 'plan', 'add'],
    ['premium', 'plan', 'project'],
    ['premium', 'plan', 'show'],
    ['premium', 'spend'],
    ['premium', 'policy'],
    ['fx', 'add'],
    ['fx', 'import'],
    ['fx', 'list'],
    ['contract', 'create'],
    ['contract', 'list'],
    ['contract', 'show'],
    ['contract', 'deliver'],
    ['contract', 'fail'],
    ['contract', 'end-trial'],
  ])('explains `%s %s %s` with --help', async (...cmd) => {
    const r = await run(w, ...cmd.filter(Boolean), '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: orpaille');
  });

  it('lists the due lines of a producer with minimum due, price paid, premium due and the finding', async () => {
    const r = await run(w, 'premium', 'due', '--org', 'asmo', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([expect.objectContaining({ purchaseNumber: 'P-Q1', minimumDue: '51923.46', paid: '50000.00', premiumDue: '3400.00', belowMinimum: true })]);
    expect((await run(w, 'premium', 'due', '--org', 'asmo')).out).toContain('below minimum');
  });

  it('records a payment and prints the statement', async () => {
    const paid = await run(w, 'premium', 'pay', '--org', 'asmo', '--payer', 'house', '--reference', 'MM-001', '--date', '2026-04-01', '--method', 'mobile_money', '--amount', '1000', '--json');
    expect(paid.code).toBe(0);
    const s = JSON.parse((await run(w, 'premium', 'statement', '--org', 'asmo', '--json')).out);
    expect(s).toMatchObject({ due: '3400.00', paid: '1000.00', outstanding: '2400.00', payments: [{ reference: 'MM-001', method: 'mobile_money' }] });
    const over = await run(w, 'premium', 'pay', '--org', 'asmo', '--payer', 'house', '--reference', 'MM-002', '--date', '2026-04-01', '--method', 'cash', '--amount', '2400.01');
    expect(over.code).toBe(2);
    expect(over.err).toContain('ORP_PREMIUM_OVERPAID');
  });

  it('records a plan, a project and spending with receipts', async () => {
    const plan = JSON.parse((await run(w, 'premium', 'plan', 'add', '--org', 'asmo', '--scheme', 'fairmined', '--from', '2026-01-01', '--to', '2028-12-31', '--decided-on', '2025-12-15', '--json')).out);
    const project = JSON.parse((await run(w, 'premium', 'plan', 'project', '--org', 'asmo', '--plan', plan.id, '--name', 'Clinic', '--budget', '900', '--from', '2026-04-01', '--to', '2026-12-31', '--decided-on', '2026-03-20', '--json')).out);
    const spent = await run(w, 'premium', 'spend', '--org', 'asmo', '--project', project.id, '--date', '2026-04-15', '--amount', '300', '--description', 'medicine', '--receipt', 'PH-1', '--receipt', 'PH-2', '--json');
    expect(JSON.parse(spent.out)).toMatchObject({ usd: '300.00', receipts: ['PH-1', 'PH-2'] });
    expect((await run(w, 'premium', 'plan', 'show', '--org', 'asmo')).out).toContain('Clinic');
  });

  it('sets and shows the below-minimum policy', async () => {
    expect(JSON.parse((await run(w, 'premium', 'policy', '--org', 'house', '--json')).out)).toEqual({ org: 'house', belowMinimumPolicy: 'flag' });
    expect((await run(w, 'premium', 'policy', '--org', 'house', '--set', 'reject')).out).toContain('reject');
    expect((await run(w, 'premium', 'policy', '--org', 'house', '--set', 'maybe')).code).toBe(2);
  });

  it('imports exchange rates from a CSV, all or nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orpaille-fx-'));
    const good = join(dir, 'rates.csv');
    writeFileSync(good, 'currency,date,usd_per_unit,source\nCDF,2026-03-02,0.00036,BCC\nPEN,2026-03-02,0.27,BCRP\n');
    expect(JSON.parse((await run(w, 'fx', 'import', good, '--json')).out)).toEqual({ file: good, added: 2 });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'currency,date,usd_per_unit,source\nGHS,2026-03-02,0.065,BoG\nXXQ,2026-03-02,1,x\n');
    expect((await run(w, 'fx', 'import', bad)).code).toBe(2);
    expect(JSON.parse((await run(w, 'fx', 'list', '--json')).out).map((r: { currency: string }) => r.currency)).toEqual(['CDF', 'PEN']);
  });

  it('runs a contract: refuses financing above the cap, takes deliveries, reports a failure', async () => {
    const capped = await run(w, 'contract', 'create', '--reference', 'K-1', '--buyer', 'house', '--seller', 'asmo', '--scheme', 'fairmined', '--start', '2026-03-01', '--prefinance', '4000', '--financing-cost', '9', '--rate', 'bank_lending_rate=6', '--rate', 'credit_insurance=1');
    expect(capped.code).toBe(2);
    expect(capped.err).toContain('ORP_FINANCING_COST_ABOVE_CAP');
    const c = JSON.parse((await run(w, 'contract', 'create', '--reference', 'K-1', '--buyer', 'house', '--seller', 'asmo', '--scheme', 'fairmined', '--start', '2026-03-01', '--trial', '1', '--prefinance', '4000', '--financing-cost', '8', '--rate', 'bank_lending_rate=6', '--rate', 'credit_insurance=1', '--json')).out);
    expect((await run(w, 'contract', 'deliver', c.id, '--date', '2026-03-05', '--fine-grams', '80', '--value', '5000')).code).toBe(0);
    const second = await run(w, 'contract', 'deliver', c.id, '--date', '2026-03-12', '--fine-grams', '80', '--value', '5000');
    expect(second.err).toContain('ORP_TRIAL_LIMIT_EXCEEDED');
    expect((await run(w, 'contract', 'end-trial', c.id, '--date', '2026-03-10')).code).toBe(0);
    expect((await run(w, 'contract', 'fail', c.id, '--date', '2026-03-19', '--reason', 'flooded pit', '--short-grams', '40')).code).toBe(0);
    const shown = JSON.parse((await run(w, 'contract', 'show', c.id, '--json')).out);
    expect(shown).toMatchObject({ prefinanceRepaid: '4000.00', prefinanceOutstanding: '0.00', trialConsignmentsUsed: 1, failedDeliveries: [{ reason: 'flooded pit', shortGrams: '40.000' }] });
    expect((await run(w, 'contract', 'list', '--org', 'asmo')).out).toContain('K-1');
  });
});
