import { describe, expect, it } from 'vitest';
import { EXPIRING_SOON_DAYS, claimRules, likelyClaim, daysBetween, filterCertificates, validityFlag, type Certificate } from './model';

const cert = (id: string, over: Partial<Certificate> = {}): Certificate => ({
  id,
  kind: 'licence',
  scheme: 'fairmined',
  holder: 'https://id.gs1.org/417/7640123000001',
  issuer: 'https://id.gs1.org/417/7640123000099',
  scope: {},
  issuedOn: '2025-01-01',
  validUntil: '2027-12-31',
  statusChanges: [],
  standing: { on: '2026-12-03', status: 'active', valid: true, since: '2025-01-01' },
  ...over,
});

describe('the certificates page model', () => {
  it('counts whole days between calendar days', () => {
    expect(daysBetween('2026-12-03', '2026-12-03')).toBe(0);
    expect(daysBetween('2026-12-03T10:00:00Z', '2027-01-02')).toBe(30);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('flags a valid certificate ending within the warning period as expiring, counting its last day', () => {
    const on = '2026-12-03';
    const last = (days: number) => new Date(Date.parse(`${on}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
    expect(validityFlag(cert('a', { validUntil: last(1) }))).toEqual({ kind: 'expiring', days: 1 });
    expect(validityFlag(cert('a', { validUntil: last(EXPIRING_SOON_DAYS) }))).toEqual({ kind: 'expiring', days: EXPIRING_SOON_DAYS });
    expect(validityFlag(cert('a', { validUntil: last(EXPIRING_SOON_DAYS + 1) }))).toEqual({ kind: 'active', since: '2025-01-01' });
  });

  it('flags an expired, suspended or withdrawn certificate by its standing and the day it took effect', () => {
    const expired = cert('a', { validUntil: '2026-07-31', standing: { on: '2026-12-03', status: 'expired', valid: false, since: '2026-08-01' } });
    expect(validityFlag(expired)).toEqual({ kind: 'expired', since: '2026-08-01' });
    const suspended = cert('b', { validUntil: '2026-12-10', standing: { on: '2026-12-03', status: 'suspended', valid: false, since: '2026-11-01' } });
    expect(validityFlag(suspended)).toEqual({ kind: 'suspended', since: '2026-11-01' });
  });

  it('filters by scheme, standing, expiring soon and text on number, holder and issuer', () => {
    const list = [
      cert('FM-LIC-1'),
      cert('FM-PTT-2', { kind: 'permit_to_trade', validUntil: '2026-07-31', standing: { on: '2026-12-03', status: 'expired', valid: false, since: '2026-08-01' } }),
      cert('CRAFT-3', { scheme: 'craft', holder: 'https://id.gs1.org/417/6160101010002', validUntil: '2027-01-14' }),
    ];
    const ids = (f: Parameters<typeof filterCertificates>[1]) => filterCertificates(list, f).map((c) => c.id);
    expect(ids({})).toEqual(['FM-LIC-1', 'FM-PTT-2', 'CRAFT-3']);
    expect(ids({ scheme: 'fairmined' })).toEqual(['FM-LIC-1', 'FM-PTT-2']);
    expect(ids({ status: 'expired' })).toEqual(['FM-PTT-2']);
    expect(ids({ status: 'active' })).toEqual(['FM-LIC-1', 'CRAFT-3']);
    expect(ids({ status: 'expiring' })).toEqual(['CRAFT-3']);
    expect(ids({ text: ' ptt ' })).toEqual(['FM-PTT-2']);
    expect(ids({ text: '6160101010002' })).toEqual(['CRAFT-3']);
    expect(ids({ text: '7640123000099' })).toEqual(['FM-LIC-1', 'FM-PTT-2', 'CRAFT-3']);
    expect(ids({ scheme: 'fairmined', text: 'lic' })).toEqual(['FM-LIC-1']);
  });

  it('preselects the claim a lot most likely makes, from its scheme and chain-of-custody model', () => {
    expect(likelyClaim({ scheme: 'fairmined', cocModel: 'segregated' })).toBe('fairmined-labelled');
    expect(likelyClaim({ scheme: 'fairmined', cocModel: 'mass_balance' })).toBe('fairmined-incorporated');
    expect(likelyClaim({ scheme: 'fairtrade', cocModel: 'identity_preserved' })).toBe('fairtrade-fully-traceable');
    expect(likelyClaim({ scheme: 'fairtrade', cocModel: 'book_and_claim' })).toBe('fairtrade-gold-sourcing-programme');
    expect(likelyClaim({ cocModel: 'segregated' })).toBeUndefined();
  });

  it('names the dated rules each claim reads', () => {
    expect(claimRules('icglr-certified')).toEqual(['icglr.status_period']);
    expect(claimRules('fairtrade-gold-sourcing-programme')).toEqual(['massbalance.credit_expiry']);
    expect(claimRules('fairmined-labelled')).toEqual([]);
  });
});
