import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, formatScaled, parseDecimal, parseMoney, roundHalfUp } from './money.js';

describe('money as integer cents', () => {
  it('parses amounts with at most two decimals into cents, exactly', () => {
    expect(parseMoney('8198.44')).toBe(819844);
    expect(parseMoney('1700')).toBe(170000);
    expect(parseMoney('0.1')).toBe(10);
    expect(() => parseMoney('1.005')).toThrowError(/decimals/);
    expect(() => parseMoney('-3')).toThrowError(/non-negative/);
  });

  it('formats cents with two decimals', () => {
    expect(formatMoney(5192346)).toBe('51923.46');
    expect(formatMoney(-305)).toBe('-3.05');
    expect(formatMoney(7n)).toBe('0.07');
  });

  it('rounds exact fractions half away from zero', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(-5n, 2n)).toBe(-3n);
    expect(roundHalfUp(49n, 100n)).toBe(0n);
  });

  it('keeps decimals exact', () => {
    expect(parseDecimal('2034.550', 'p')).toEqual({ units: 203455n, scale: 2 });
    expect(formatDecimal(parseDecimal('2034.550', 'p'))).toBe('2034.55');
    expect(formatScaled(7327n, 1)).toBe('732.7');
    expect(formatScaled(5n, 3)).toBe('0.005');
  });
});
