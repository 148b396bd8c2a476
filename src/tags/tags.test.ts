import { describe, expect, it } from 'vitest';
import { parseSerials, serialRange, stockOn, tagUsesOf, type TagIssue } from './index.js';

describe('tag serials', () => {
  it('expands a range keeping prefix and width', () => {
    expect(serialRange('ITR-000098', 'ITR-000101')).toEqual(['ITR-000098', 'ITR-000099', 'ITR-000100', 'ITR-000101']);
    expect(parseSerials('ITR-000100..ITR-000199')).toHaveLength(100);
    expect(parseSerials('ITR-7')).toEqual(['ITR-7']);
  });

  it('refuses ranges that mix prefixes or widths, run backwards or are not serials', () => {
    for (const [a, b] of [['ITR-01', 'ABC-02'], ['ITR-01', 'ITR-002'], ['ITR-09', 'ITR-01'], ['ITR-A', 'ITR-B'], ['ITR 1', 'ITR 2']]) {
      expect(() => serialRange(a!, b!)).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    }
  });
});

describe('tag stock', () => {
  const t = (serial: string, over: Partial<TagIssue> = {}): TagIssue => ({ org: 'o', serial, agent: 'a', issuedOn: '2026-01-01', issuedBy: 'p', state: 'issued', ...over });

  it('puts each tag issued by the day in exactly one place: used, voided, lost or on hand', () => {
    const issues = [t('1'), t('2', { state: 'voided', stateOn: '2026-01-05' }), t('3', { state: 'lost', stateOn: '2026-01-06' }), t('4'), t('5', { issuedOn: '2026-02-01' }), t('6', { agent: 'b' })];
    const production = tagUsesOf(9, { type: 'production', eventTime: '2026-01-03T08:00:00Z', eventTimeZoneOffset: '+02:00', recorder: 'a', site: 's', producer: 'a', lot: { lot: 'l', form: 'dore', grossMg: 1, fineness: 8000, tag: '1', cocModel: 'segregated' } });
    const s = stockOn('a', '2026-01-10', issues, (serial) => production.filter((u) => u.serial === serial));
    expect(s).toMatchObject({ issued: 4, used: 1, voided: 1, lost: 1, onHand: 1, onHandSerials: ['4'] });
    expect(s.issued).toBe(s.used + s.voided + s.lost + s.onHand);
    expect(stockOn('a', '2026-01-02', issues, () => [])).toMatchObject({ issued: 4, onHand: 4 });
  });
});
