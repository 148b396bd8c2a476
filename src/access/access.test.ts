import { describe, expect, it } from 'vitest';
import { disclosableFields, disclosedFacts, type LotFacts } from './disclosure.js';
import { roleWithin } from './roles.js';
import { hashPassword, newApiToken, newDisclosureCode, sameSecret, secretHash, verifyPassword } from './secrets.js';

describe('access secrets', () => {
  it('verifies a password against its salted scrypt hash and rejects another', async () => {
    const h = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(h);
  });

  it('rejects a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('makes tokens orp_ + 43 base64url characters (32 bytes) and keeps only their SHA-256', () => {
    const { token, hash } = newApiToken();
    expect(token).toMatch(/^orp_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(secretHash(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(newApiToken().token).not.toBe(token);
  });

  it('compares secrets of different lengths as unequal', () => {
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('abc', 'abc')).toBe(true);
  });

  it('makes short url-safe disclosure codes', () => {
    expect(newDisclosureCode()).toMatch(/^[A-Za-z0-9_-]{10}$/);
  });
});

describe('roles', () => {
  it('lets a holder hand out only roles within its own authority', () => {
    expect(roleWithin('viewer', 'operator')).toBe(true);
    expect(roleWithin('admin', 'operator')).toBe(false);
    expect(roleWithin('auditor', 'operator')).toBe(false);
    expect(roleWithin('operator', 'auditor')).toBe(false);
    expect(roleWithin('operator', 'admin')).toBe(true);
  });
});

describe('disclosure allow-list', () => {
  const facts: LotFacts = {
    origins: [{ country: 'CD', siteName: 'Site 1', icglrId: 'CD-1', sharePercent: 100 }],
    cocModel: 'segregated',
    forms: ['dore'],
    fineGoldGrams: '8.000',
    dates: { lotCreated: '2026-03-02' },
    custodians: ['House'],
  };

  it('shows the chosen facts and nothing else', () => {
    expect(disclosedFacts(disclosableFields(['forms', 'originCountries', 'forms']), facts)).toEqual({ forms: ['dore'], originCountries: ['CD'] });
  });

  it('never discloses miners or prices, whatever the spelling', () => {
    for (const f of ['minerNames', 'MinerIds', 'prices', 'purchasePrice', 'paymentMethod']) {
      expect(() => disclosableFields([f]), f).toThrow(/can never be disclosed/);
    }
  });

  it('refuses an empty or unknown field list', () => {
    expect(() => disclosableFields([])).toThrow(/at least one/);
    expect(() => disclosableFields(['colour'])).toThrow(/not a disclosable field/);
  });
});
