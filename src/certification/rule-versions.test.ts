import { describe, expect, it } from 'vitest';
import { planRuleVersion, versionsInForce } from './rule-versions.js';
import type { RuleVersion } from './rules.js';

const usd: RuleVersion = { rule: 'redflag.cash_without_approval', key: 'USD', effectiveFrom: '2000-01-01', value: { enabled: true, above: '10000.00' }, source: 'LBMA RGG v9', confidence: 'assumed' };
const next = (o: Partial<RuleVersion> = {}): RuleVersion => ({ ...usd, effectiveFrom: '2027-01-01', value: { enabled: true, above: '5000.00' }, source: 'board decision 2026-12', confidence: 'firm', ...o });

describe('adding a rule version', () => {
  it('closes the version in force on the day the new one starts', () => {
    expect(planRuleVersion([usd], next())).toEqual({ insert: next(), close: { rule: usd.rule, key: 'USD', effectiveFrom: '2000-01-01', effectiveTo: '2027-01-01' } });
  });

  it('adds a new key of a known rule shaped like the rule’s latest version, closing nothing', () => {
    expect(planRuleVersion([usd], next({ key: 'XOF', value: { enabled: true, above: '6000000' } }))).toEqual({ insert: next({ key: 'XOF', value: { enabled: true, above: '6000000' } }) });
  });

  it('refuses a rule that is not shipped', () => {
    expect(() => planRuleVersion([usd], next({ rule: 'redflag.cash_without_aproval' }))).toThrow(expect.objectContaining({ code: 'ORP_RULE_UNKNOWN' }));
  });

  it('refuses a value the rule could not read, naming the field', () => {
    expect(() => planRuleVersion([usd], next({ value: { enabled: true, above: 5000 } }))).toThrow(expect.objectContaining({ code: 'ORP_RULE_VALUE_INVALID', message: expect.stringContaining('$.above: expected string, got number') }));
  });

  it('never rewrites the past: a version must start after the latest one of its key', () => {
    expect(() => planRuleVersion([usd, next()], next({ effectiveFrom: '2026-06-01' }))).toThrow(expect.objectContaining({ code: 'ORP_RULE_BACKDATED' }));
    expect(() => planRuleVersion([usd], next({ effectiveFrom: '2000-01-01' }))).toThrow(expect.objectContaining({ code: 'ORP_RULE_BACKDATED' }));
  });

  it('refuses bad dates, an unknown confidence and a missing source', () => {
    expect(() => planRuleVersion([usd], next({ effectiveFrom: '2027-02-30' }))).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    expect(() => planRuleVersion([usd], next({ effectiveTo: '2026-12-31' }))).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    expect(() => planRuleVersion([usd], next({ confidence: 'sure' as RuleVersion['confidence'] }))).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
    expect(() => planRuleVersion([usd], next({ source: ' ' }))).toThrow(expect.objectContaining({ code: 'ORP_BAD_INPUT' }));
  });

  it('lists the one version of each rule and key in force on a day', () => {
    const closed = { ...usd, effectiveTo: '2027-01-01' };
    expect(versionsInForce([closed, next()], '2026-12-31')).toEqual([closed]);
    expect(versionsInForce([closed, next()], '2027-01-01')).toEqual([next()]);
  });
});
