import { describe, expect, it } from 'vitest';
import { shapeMismatch } from './shape.js';

describe('shapeMismatch', () => {
  const cash = { enabled: true, above: '10000.00' };

  it('accepts a value of the same shape', () => {
    expect(shapeMismatch(cash, { enabled: false, above: '5000.00' })).toBeUndefined();
    expect(shapeMismatch({ countries: ['CD'] }, { countries: [] })).toBeUndefined();
  });

  it('names the path of a field of the wrong kind', () => {
    expect(shapeMismatch(cash, { enabled: true, above: 5000 })).toBe('$.above: expected string, got number');
    expect(shapeMismatch({ countries: ['CD'] }, { countries: ['CD', 7] })).toBe('$.countries[1]: expected string, got number');
  });

  it('refuses a missing field and a field the rule does not have', () => {
    expect(shapeMismatch(cash, { enabled: true })).toBe('$.above: missing');
    expect(shapeMismatch(cash, { enabled: true, above: '1.00', abov: '2.00' })).toBe('$.abov: not a field of this rule');
  });
});
