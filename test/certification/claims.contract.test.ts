import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Authorisation } from '../../src/certification/index.js';
import type { TransformEvent } from '../../src/custody/index.js';
import { buildApp } from '../../src/http/index.js';
import { authHeaders } from '../support/auth.js';
import { run } from '../support/cli.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/*
 * Claims judged on the ledger's own events and the registry's authorisations: the house buys two
 * Fairmined lots from miners of the ASMO (as its First Authorized Buyer), ships them to the exporter,
 * who buys them and melts them into one segregated Fairmined doré bar, D1.
 */

const ARM = 'urn:example:alliance-for-responsible-mining';

describe.each(testStores)('claim checks on $name', (store) => {
  let w: World;
  let app: FastifyInstance | undefined;

  const authorisation = (id: string, kind: Authorisation['kind'], holder: string, scope: Authorisation['scope'], validUntil = '2027-12-31'): Authorisation => ({
    id,
    kind,
    scheme: 'fairmined',
    holder,
    issuer: ARM,
    scope,
    issuedOn: '2025-01-01',
    validUntil,
    statusChanges: [],
  });

  /** Registers the chain's authorisations; the exporter's permit ends on `exporterUntil`. */
  async function authorise(exporterUntil: string) {
    await w.orp.certification.add(authorisation('CERT-ASMO', 'producer_certificate', w.asmo.uri, { sites: w.sites.map((s) => s.uri) }));
    await w.orp.certification.add(authorisation('PTT-HOUSE', 'permit_to_trade', w.house.uri, { firstAuthorisedBuyer: true, suppliers: [w.asmo.uri] }));
    await w.orp.certification.add(authorisation('PTT-EXP', 'permit_to_trade', w.exporter.uri, { suppliers: [w.house.uri] }, exporterUntil));
  }

  beforeEach(async () => {
    w = await makeWorld(store);
    const a = w.lot(w.house, 'dore', 'A');
    const b = w.lot(w.house, 'dore', 'B');
    const base = (day: number, recorder: string) => ({ eventTime: w.at(day), eventTimeZoneOffset: '+02:00', recorder });
    await appendOk(w, [
      ...w.buy('A', { grams: 10, fineness: 800, scheme: 'fairmined' }),
      ...w.buy('B', { grams: 10, fineness: 800, scheme: 'fairmined', site: 1, miner: 1 }),
      { ...base(3, w.house.uri), type: 'ship', lots: [a, b], from: w.house.uri, to: w.exporter.uri },
      { ...base(4, w.exporter.uri), type: 'receive', lots: [a, b], from: w.house.uri, to: w.exporter.uri },
      { ...base(4, w.exporter.uri), type: 'purchase', lots: [a, b], seller: w.house.uri, buyer: w.exporter.uri, purchaseNumber: 'EX-1', price: '1500.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: false },
      {
        ...base(5, w.exporter.uri),
        type: 'transform',
        operation: 'melt',
        inputs: [{ lot: a, massMg: 10_000 }, { lot: b, massMg: 10_000 }],
        outputs: [{ lot: w.lot(w.exporter, 'dore', 'D1'), form: 'dore', grossMg: 19_800, fineness: 8050, cocModel: 'segregated', scheme: 'fairmined' }],
      },
    ]);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await w.cleanup();
  });

  it('holds a Fairmined Labelled claim on an unbroken certified chain, naming the lots and sites behind it', async () => {
    await authorise('2027-12-31');
    const v = await w.orp.checkClaim('D1', 'fairmined-labelled');
    expect(v.reasons).toEqual([]);
    expect(v).toMatchObject({ valid: true, lot: w.lot(w.exporter, 'dore', 'D1') });
    expect(v.backing.lots).toEqual([w.lot(w.exporter, 'dore', 'D1'), w.lot(w.house, 'dore', 'A'), w.lot(w.house, 'dore', 'B')]);
    expect([...v.backing.sites].sort()).toEqual(w.sites.map((s) => s.uri).sort());
    expect(v.backing.producers).toEqual([w.asmo.uri]);

    const cli = await run(w, 'claim', 'check', 'D1', 'fairmined-labelled');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('fairmined-labelled on D1: VALID');
    expect(cli.out).toMatch(/lots \(3\): D1, A, B/);
    expect(cli.out).toContain('Site 1');
    expect(cli.out).toContain('Site 2');
    expect(JSON.parse((await run(w, 'claim', 'check', 'D1', 'fairmined-labelled', '--json')).out)).toMatchObject({ valid: true, reasons: [] });

    app = await buildApp(w.orp, { rateLimit: false });
    const res = await app.inject({ method: 'GET', url: '/lots/D1/claims/fairmined-labelled', headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ claim: 'fairmined-labelled', valid: true, backing: { lots: v.backing.lots } });
  });

  it('answers a chain broken by an expired Permit to Trade with every transfer it breaks', async () => {
    // The exporter's permit ends on 3 March: its receipt, purchase and melt on 4 and 5 March are uncertified.
    await authorise('2026-03-03');
    const v = await w.orp.checkClaim('D1', 'fairmined-labelled');
    expect(v.valid).toBe(false);
    expect(v.reasons.map((r) => [r.code, r.transfer?.type, r.date, r.authorisation, r.party])).toEqual([
      ['AUTHORISATION_EXPIRED', 'receive', '2026-03-04', 'PTT-EXP', w.exporter.uri],
      ['AUTHORISATION_EXPIRED', 'purchase', '2026-03-04', 'PTT-EXP', w.exporter.uri],
      ['AUTHORISATION_EXPIRED', 'transform', '2026-03-05', 'PTT-EXP', w.exporter.uri],
    ]);
    expect(v.reasons[0]!.event).toMatch(/^ni:\/\/\/sha-256;/);
    expect(v.reasons[0]!.message).toContain('Bunia Gold Export: Permit to Trade PTT-EXP was expired since 2026-03-04');

    const cli = await run(w, 'claim', 'check', w.lot(w.exporter, 'dore', 'D1'), 'fairmined-labelled');
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('INVALID (3 reasons)');
    expect(cli.out.match(/AUTHORISATION_EXPIRED/g)).toHaveLength(3);

    app = await buildApp(w.orp, { rateLimit: false });
    const res = await app.inject({ method: 'GET', url: '/lots/D1/claims/fairmined-labelled', headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(res.json()).toMatchObject({ valid: false, reasons: [{ code: 'AUTHORISATION_EXPIRED' }, { code: 'AUTHORISATION_EXPIRED' }, { code: 'AUTHORISATION_EXPIRED' }] });
  });

  it('refuses an unknown claim with a usage error, and an unknown lot as not found', async () => {
    expect((await run(w, 'claim', 'check', 'D1', 'fairmined-gold')).code).toBe(2);
    expect((await run(w, 'claim', 'check', 'NOPE', 'fairmined-labelled')).err).toContain('ORP_LOT_NOT_FOUND');
    app = await buildApp(w.orp, { rateLimit: false });
    const res = await app.inject({ method: 'GET', url: '/lots/D1/claims/fairmined-gold', headers: await authHeaders(w.orp, 'exporter', 'viewer') });
    expect(res.statusCode).toBe(400);
  });

  it('backs a Fairmined Incorporated claim with the holder credits the ledger recorded, until they expire', async () => {
    // rules/certification.json: Fairmined credits expire after 12 months.
    // The house melts a certified mass-balance lot into uncertified gold: 8 g of Fairmined credit, earned on 6 March.
    const melt: TransformEvent = {
      type: 'transform',
      eventTime: w.at(6),
      eventTimeZoneOffset: '+02:00',
      recorder: w.house.uri,
      operation: 'melt',
      inputs: [{ lot: w.lot(w.house, 'dore', 'C'), massMg: 10_000 }],
      outputs: [{ lot: w.lot(w.house, 'dore', 'U'), form: 'dore', grossMg: 9_900, fineness: 8000, cocModel: 'mass_balance' }],
    };
    await appendOk(w, [...w.buy('C', { grams: 10, fineness: 800, scheme: 'fairmined', cocModel: 'mass_balance' }), melt]);
    // U holds 9.9 g at 800: 7.92 g fine, covered by the 8 g until 6 March 2027.
    const v = await w.orp.checkClaim('U', 'fairmined-incorporated');
    expect(v).toMatchObject({ valid: true, backing: { lots: [w.lot(w.house, 'dore', 'U')], credits: { holder: w.house.uri, claimedGrams: '7.920', availableGrams: '8.000' } } });
    const later = await run(w, 'claim', 'check', 'U', 'fairmined-incorporated', '--at', '2027-03-07', '--json');
    expect(later.code).toBe(1);
    expect(JSON.parse(later.out)).toMatchObject({ valid: false, reasons: [{ code: 'CREDITS_INSUFFICIENT', party: w.house.uri }] });
  });
});
