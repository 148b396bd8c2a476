import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleVersion } from '../../certification/index.js';
import type { GoldEvent, PurchaseEvent, ShipEvent } from '../../custody/index.js';
import { projectRoot } from '../../paths.js';
import type { KycRecord } from '../kyc.js';
import { scanEvents } from './engine.js';
import { redFlagRulesFrom } from './rules.js';
import type { ScanContext, ScanEvent } from './types.js';

const shipped = (JSON.parse(readFileSync(join(projectRoot(), 'rules', 'diligence.json'), 'utf8')) as { values: RuleVersion[] }).values;

const HOUSE = 'urn:org:house';
const EXPORTER = 'urn:org:exporter';
const MINER = 'urn:miner:1';
const STRANGER = 'urn:party:unknown-buyer';

const at = (day: string) => `${day}T10:00:00.000Z`;

function buy(seller: string, day: string, n: string, recorder = HOUSE): PurchaseEvent {
  return { type: 'purchase', eventTime: at(day), eventTimeZoneOffset: '+00:00', recorder, lots: ['urn:lot:1'], seller, buyer: HOUSE, purchaseNumber: n, price: '100.00', currency: 'USD', paymentMethod: 'bank_transfer', custodyTransferred: true };
}
function ship(to: string, day: string): ShipEvent {
  return { type: 'ship', eventTime: at(day), eventTimeZoneOffset: '+00:00', recorder: HOUSE, lots: ['urn:lot:1'], from: HOUSE, to };
}
function owner(supplier: string, identifiedOn: string, by = HOUSE): KycRecord {
  return { kind: 'beneficial_owner', id: `bo-${supplier}-${identifiedOn}`, owner: by, supplier, evidence: [], recordedBy: 'kyc officer', name: 'Jeanne M.', shareBasisPoints: 6000, identifiedOn };
}
function licence(supplier: string): KycRecord {
  return { kind: 'licence', id: `lic-${supplier}`, owner: HOUSE, supplier, evidence: [], recordedBy: 'kyc officer', licenceType: 'trading', number: 'N-1', issuer: 'SAEMAPE', validFrom: '2025-01-01' };
}

function scan(golds: GoldEvent[], o: { kyc?: KycRecord[]; rules?: RuleVersion[] } = {}) {
  const events: ScanEvent[] = golds.map((gold, i) => ({ seq: i + 1, gold, atMs: Date.parse(gold.eventTime) }));
  const ctx: ScanContext = {
    rules: redFlagRulesFrom(o.rules ?? shipped),
    sites: new Map(),
    organisations: new Map([HOUSE, EXPORTER].map((uri) => [uri, { uri, id: uri.split(':').at(-1)!, name: `Org ${uri.split(':').at(-1)}`, country: 'CD' }])),
    productions: () => [],
    cashApproved: () => false,
    areas: [],
    siteStatus: () => undefined,
    miners: new Map([[MINER, { uri: MINER, id: 'miner-1', org: HOUSE, country: 'CD', birthYear: 1990, registeredOn: '2026-02-01' }]]),
    lotFacts: () => undefined,
    lotOrigins: () => [],
    minedActivity: () => [],
    kycRecords: (org, party) => (o.kyc ?? []).filter((r) => r.owner === org && r.supplier === party),
  };
  return scanEvents(events, ctx).filter((h) => h.rule === 'unidentified_intermediary');
}

describe('unidentified intermediary', () => {
  it('flags a purchase from a party that is not in the registry, with what identification is missing', () => {
    const hits = scan([buy(STRANGER, '2026-03-01', 'P-1')]);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      key: `unidentified_intermediary|${HOUSE}|${STRANGER}|2026-03`,
      org: HOUSE,
      subject: STRANGER,
      seqs: [1],
      numbers: { registeredAs: 'none', kycRecords: 0, beneficialOwners: 0, missing: 'unregistered, no_beneficial_owner' },
      threshold: { gaps: ['unregistered', 'no_beneficial_owner'] },
      ruleVersion: { rule: 'redflag.unidentified_intermediary' },
    });
  });

  it('flags a registered organisation whose KYC file names no beneficial owner on the event’s date', () => {
    const golds = [buy(EXPORTER, '2026-03-01', 'P-1')];
    expect(scan(golds, { kyc: [licence(EXPORTER)] }).map((h) => h.numbers['missing'])).toEqual(['no_beneficial_owner']);
    // Identified before the purchase: nothing; identified after it: still missing on the day.
    expect(scan(golds, { kyc: [owner(EXPORTER, '2026-02-15')] })).toEqual([]);
    expect(scan(golds, { kyc: [owner(EXPORTER, '2026-03-02')] })).toHaveLength(1);
    // Another organisation's file does not identify the supplier for the house.
    expect(scan(golds, { kyc: [owner(EXPORTER, '2026-02-15', 'urn:org:other')] })).toHaveLength(1);
  });

  it('takes a miner registered by the day of the sale as identified, not one registered after it', () => {
    expect(scan([buy(MINER, '2026-03-01', 'P-1')])).toEqual([]);
    expect(scan([buy(MINER, '2026-01-15', 'P-1')]).map((h) => h.numbers['missing'])).toEqual(['unregistered, no_beneficial_owner']);
  });

  it('judges the counterparty of a shipment (the party that is not the recorder), once per month', () => {
    const hits = scan([ship(STRANGER, '2026-03-01'), ship(STRANGER, '2026-03-20'), ship(STRANGER, '2026-04-02')]);
    expect(hits.map((h) => [h.subject, h.seqs])).toEqual([
      [STRANGER, [1]],
      [STRANGER, [3]],
    ]);
  });

  it('counts only the gaps the rule version in force lists', () => {
    const onlyUnregistered: RuleVersion[] = [
      ...shipped.filter((v) => v.rule !== 'redflag.unidentified_intermediary'),
      { rule: 'redflag.unidentified_intermediary', key: 'default', effectiveFrom: '2000-01-01', value: { gaps: ['unregistered'] }, source: 'test', confidence: 'assumed' },
    ];
    expect(scan([buy(EXPORTER, '2026-03-01', 'P-1')], { rules: onlyUnregistered })).toEqual([]);
    expect(scan([buy(STRANGER, '2026-03-01', 'P-2')], { rules: onlyUnregistered }).map((h) => h.numbers['missing'])).toEqual(['unregistered']);
    const noKyc: RuleVersion[] = [
      ...shipped.filter((v) => v.rule !== 'redflag.unidentified_intermediary'),
      { rule: 'redflag.unidentified_intermediary', key: 'default', effectiveFrom: '2000-01-01', value: { gaps: ['no_kyc_record'] }, source: 'test', confidence: 'assumed' },
    ];
    expect(scan([buy(EXPORTER, '2026-03-01', 'P-1')], { rules: noKyc, kyc: [licence(EXPORTER)] })).toEqual([]);
    expect(scan([buy(EXPORTER, '2026-03-01', 'P-1')], { rules: noKyc })).toHaveLength(1);
  });

  it('refuses a rule version naming a gap it does not know', () => {
    const bad: RuleVersion[] = [
      ...shipped.filter((v) => v.rule !== 'redflag.unidentified_intermediary'),
      { rule: 'redflag.unidentified_intermediary', key: 'default', effectiveFrom: '2000-01-01', value: { gaps: ['no_passport'] }, source: 'test', confidence: 'assumed' },
    ];
    expect(() => scan([buy(STRANGER, '2026-03-01', 'P-1')], { rules: bad })).toThrow(/malformed/);
  });
});
