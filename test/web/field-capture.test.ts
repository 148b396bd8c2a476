import { describe, expect, it } from 'vitest';
import { fromEpcis, type GoldEvent } from '../../src/custody/index.js';
import { readEpcisDocument } from '../../src/epcis/index.js';
import { deviceBlock, deviceLotPrefix } from '../../src/field/index.js';
import { bagUri, lotGtin, lotUri, makeMiner, makeOrganisation } from '../../src/parties/index.js';
import { assayEvent, captureTime, epcisDocumentText, localDate, movementEvent, packEvent, purchaseEvents } from '../../web/src/capture/events.js';
import { nextBag, nextLot, nextMiner, NO_COUNTERS, type DeviceIdentity } from '../../web/src/capture/ids.js';
import { basisOf, estimate, fineGrams } from '../../web/src/capture/pricing.js';

/*
 * The browser builds its events itself; the server must read them as the gold events they mean. These tests read
 * what the page would sign with the server's own reader, and compare the identifiers with the server's.
 */

const org = makeOrganisation({ id: 'coop', name: 'Coop', roles: ['producer'], country: 'PE', companyPrefix: '7750123' });
const site = 'https://id.gs1.org/414/7750123010015';
const device: DeviceIdentity = {
  id: 'dev_1',
  name: 'phone',
  number: 2,
  block: deviceBlock(org.companyPrefix, 2),
  lotPrefix: deviceLotPrefix(2),
  identifiers: { organisation: org.uri, companyPrefix: org.companyPrefix, lotGtins: { dore: lotGtin(org, 'dore') } },
};
const time = { eventTime: '2026-12-03T14:05:00.000Z', eventTimeZoneOffset: '-05:00' };

function read(text: string): GoldEvent[] {
  const r = readEpcisDocument(text, 'json');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document.events.map((e) => fromEpcis(e as unknown as Record<string, unknown>));
}

describe('field capture events and identifiers', () => {
  it('makes miner, lot and bag identifiers from the device block as the server makes them', () => {
    const m = nextMiner(device, NO_COUNTERS);
    expect(m.serial).toBe(device.block.from);
    expect(m.uri).toBe(makeMiner(org, device.block.from, { displayName: 'x', gender: 'male', birthYear: 1990, registeredOn: '2026-01-01' }).uri);
    const lot = nextLot(device, m.counters, 'dore');
    expect(lot).toMatchObject({ number: 'F002-000001', purchaseNumber: 'F002-P000001', uri: lotUri(org, 'dore', 'F002-000001') });
    expect(nextBag(device, lot.counters).uri).toBe(bagUri(org, device.block.from));
    expect(() => nextMiner(device, { ...NO_COUNTERS, miner: device.block.size })).toThrow(/used its/);
  });

  it('builds a purchase the server reads as the miner’s production and the sale', () => {
    const miner = nextMiner(device, NO_COUNTERS).uri;
    const lot = lotUri(org, 'dore', 'F002-000001');
    const text = epcisDocumentText(
      purchaseEvents({ time, recorder: org.uri, site, producer: org.uri, miner, lot, form: 'dore', grossGrams: 12.345, fineness: 913.4, scheme: 'fairmined', purchaseNumber: 'F002-P000001', price: '1234.50', currency: 'USD', paymentMethod: 'mobile_money' }),
      time.eventTime,
    );
    expect(read(text)).toEqual([
      { ...time, type: 'production', recorder: org.uri, site, producer: org.uri, miner, lot: { lot, form: 'dore', grossMg: 12_345, fineness: 9134, cocModel: 'segregated', scheme: 'fairmined' } },
      { ...time, type: 'purchase', recorder: org.uri, lots: [lot], seller: miner, buyer: org.uri, purchaseNumber: 'F002-P000001', price: '1234.50', currency: 'USD', paymentMethod: 'mobile_money', custodyTransferred: true },
    ]);
  });

  it('builds pack, ship, receive and assay events the server reads back', () => {
    const lots = [lotUri(org, 'dore', 'F002-000001'), lotUri(org, 'dore', 'F002-000002')];
    const bag = bagUri(org, device.block.from);
    const other = 'https://id.gs1.org/417/7640123000001';
    const text = epcisDocumentText(
      [
        packEvent({ time, recorder: org.uri, bag, lots, tag: 'T-1', seal: 'S-1' }),
        movementEvent({ step: 'shipping', time, recorder: org.uri, bag, lots, from: org.uri, to: other }),
        movementEvent({ step: 'receiving', time, recorder: org.uri, lots: lots.slice(0, 1), from: other, to: org.uri }),
        assayEvent({ time, recorder: org.uri, lot: lots[0]!, fineness: 905.5, method: 'xrf', lab: 'Coop lab', sampleId: 'S-9' }),
      ],
      time.eventTime,
    );
    const base = { ...time, recorder: org.uri };
    expect(read(text)).toEqual([
      { ...base, type: 'pack', bag, lots, tag: 'T-1', seal: 'S-1' },
      { ...base, type: 'ship', bag, lots, from: org.uri, to: other },
      { ...base, type: 'receive', lots: lots.slice(0, 1), from: other, to: org.uri },
      { ...base, type: 'assay', lot: lots[0], fineness: 9055, assay: { method: 'xrf', date: '2026-12-03', lab: 'Coop lab', sampleId: 'S-9' } },
    ]);
  });

  it('takes the device’s offset and local date', () => {
    const t = captureTime(new Date('2026-12-03T02:00:00.000Z'));
    expect(t.eventTime).toBe('2026-12-03T02:00:00.000Z');
    expect(t.eventTimeZoneOffset).toMatch(/^[+-]\d{2}:\d{2}$/);
    expect(localDate({ eventTime: '2026-12-03T02:00:00.000Z', eventTimeZoneOffset: '-05:00' })).toBe('2026-12-02');
  });

  it('estimates the minimum price and premium from a basis as the quote for the same gold gives them', () => {
    // A quote for one tonne of fine gold at 4000 USD/oz, Fairmined: 95 % of the benchmark, USD 4 per gram premium.
    const basis = basisOf({ scheme: 'fairmined', date: '2026-12-03', fineGrams: '1000000.000', minimumPrice: '122171938.67', premium: '4000000.00', benchmarkUsdPerOz: '4000', price: { kind: 'given', date: '2026-12-03', value: '4000' } });
    expect(fineGrams(12.345, 913.4)).toBe(11.275);
    expect(estimate(basis, 12.345, 913.4)).toEqual({ fineGrams: 11.275, minimumPrice: (Math.round(11.275 * 122.17193867 * 100) / 100).toFixed(2), premium: '45.10' });
  });
});
