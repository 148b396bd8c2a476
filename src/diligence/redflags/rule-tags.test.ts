import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleVersion } from '../../certification/index.js';
import type { GoldEvent, PackEvent, ProductionEvent, TransformEvent } from '../../custody/index.js';
import { projectRoot } from '../../paths.js';
import type { TagCount, TagIssue, TagUse } from '../../tags/index.js';
import { scanEvents } from './engine.js';
import { tagStockHits, type TagFacts } from './rule-tags.js';
import { redFlagRulesFrom } from './rules.js';
import type { ScanContext, ScanEvent } from './types.js';

const shipped = (JSON.parse(readFileSync(join(projectRoot(), 'rules', 'diligence.json'), 'utf8')) as { values: RuleVersion[] }).values;
const tagRules = shipped.filter((v) => v.rule.startsWith('redflag.tag_'));

const HOUSE = 'urn:org:house';
const OTHER = 'urn:org:other-trader';
const ASMO = 'urn:org:asmo';
const AGENT = 'urn:org:field-agent';

const day = (d: number) => new Date(Date.UTC(2026, 5, d, 8)).toISOString();

function production(n: number, tag: string, d: number, recorder = HOUSE, producer = ASMO): ProductionEvent {
  return { type: 'production', eventTime: day(d), eventTimeZoneOffset: '+02:00', recorder, site: 'urn:site:a', producer, lot: { lot: `urn:lot:${n}`, form: 'dore', grossMg: 10_000, fineness: 8500, tag, cocModel: 'segregated' } };
}

function pack(lots: number[], tag: string, d: number, recorder = HOUSE): PackEvent {
  return { type: 'pack', eventTime: day(d), eventTimeZoneOffset: '+02:00', recorder, bag: `urn:bag:${tag}`, lots: lots.map((n) => `urn:lot:${n}`), tag, seal: 'S-1' };
}

function melt(inputs: number[], out: number, tag: string, d: number, recorder = HOUSE): TransformEvent {
  return {
    type: 'transform',
    eventTime: day(d),
    eventTimeZoneOffset: '+02:00',
    recorder,
    operation: 'melt',
    inputs: inputs.map((n) => ({ lot: `urn:lot:${n}`, massMg: 10_000 })),
    outputs: [{ lot: `urn:lot:${out}`, form: 'dore', grossMg: 9_000, fineness: 9000, tag, cocModel: 'segregated' }],
  };
}

function issue(serial: string, agent = HOUSE, over: Partial<TagIssue> = {}): TagIssue {
  return { org: ASMO, serial, agent, issuedOn: '2026-05-01', issuedBy: 'registrar', state: 'issued', ...over };
}

interface Setup {
  issues?: TagIssue[];
  before?: TagUse[];
  keepers?: string[];
  rules?: RuleVersion[];
  noRegistry?: boolean;
}

function scan(golds: GoldEvent[], s: Setup = {}, firstSeq = 1) {
  const events: ScanEvent[] = golds.map((gold, i) => ({ seq: firstSeq + i, gold, atMs: Date.parse(gold.eventTime) }));
  const issues = s.issues ?? [];
  const keepers = new Set(s.keepers ?? [...issues.map((i) => i.org), ...issues.map((i) => i.agent)]);
  const tags: TagFacts = {
    issued: (serial) => issues.filter((i) => i.serial === serial),
    usesBefore: (serial) => (s.before ?? []).filter((u) => u.serial === serial),
    keepsRegistry: (org) => keepers.has(org),
  };
  const ctx: ScanContext = {
    rules: redFlagRulesFrom(s.rules ?? tagRules),
    sites: new Map(),
    organisations: new Map(),
    productions: () => [],
    cashApproved: () => false,
    areas: [],
    siteStatus: () => undefined,
    miners: new Map(),
    lotFacts: () => undefined,
    lotOrigins: () => [],
    minedActivity: () => [],
    ...(s.noRegistry ? {} : { tags }),
  };
  return scanEvents(events, ctx);
}

const rulesOf = (hits: { rule: string }[]) => hits.map((h) => h.rule);

describe('tag_reused', () => {
  it('raises an incident when a tag is used on a second lot, naming both events', () => {
    const hits = scan([production(1, 'T-1', 1), production(2, 'T-1', 3)], { issues: [issue('T-1')] });
    expect(rulesOf(hits)).toEqual(['tag_reused']);
    expect(hits[0]).toMatchObject({ key: 'tag_reused|T-1|2', subject: 'T-1', seqs: [1, 2], org: HOUSE, numbers: { uses: 2, firstSeq: 1, lots: 'urn:lot:2' }, threshold: { maxUses: 1 } });
    expect(hits[0]!.ruleVersion.rule).toBe('redflag.tag_reused');
  });

  it('sees a use recorded before the scanned events (a later capture reusing a tag)', () => {
    const before: TagUse[] = [{ serial: 'T-9', seq: 40, type: 'production', day: '2026-06-01', recorder: OTHER, users: [OTHER], lots: ['urn:lot:old'] }];
    const hits = scan([pack([5], 'T-9', 4)], { before }, 100);
    expect(hits.map((h) => [h.rule, h.seqs])).toEqual([['tag_reused', [40, 100]]]);
  });

  it('finds a tag used again on a pack or on a transformation output', () => {
    expect(rulesOf(scan([production(1, 'T-1', 1), pack([2], 'T-1', 2)]))).toEqual(['tag_reused']);
    expect(rulesOf(scan([production(1, 'T-1', 1), melt([1], 3, 'T-1', 2)]))).toEqual(['tag_reused']);
  });

  it('does not count the same tag recorded again on the same lots (a bag closed again) as a reuse', () => {
    expect(scan([pack([1, 2], 'B-1', 1), pack([1, 2], 'B-1', 5)])).toEqual([]);
    expect(rulesOf(scan([pack([1, 2], 'B-1', 1), pack([1, 2, 3], 'B-1', 5)]))).toEqual(['tag_reused']);
  });

  it('raises nothing for distinct tags, and nothing once a version switches the rule off', () => {
    expect(scan([production(1, 'T-1', 1), production(2, 'T-2', 2)])).toEqual([]);
    const off = [...tagRules, { rule: 'redflag.tag_reused', key: 'default', effectiveFrom: '2026-06-02', value: { enabled: false }, source: 'test', confidence: 'assumed' as const }];
    expect(scan([production(1, 'T-1', 1), production(2, 'T-1', 3)], { rules: off })).toEqual([]);
  });
});

describe('tag_outside_agent', () => {
  it('raises an incident when a tag is used by a party other than its agent', () => {
    const hits = scan([production(1, 'T-1', 2, OTHER, OTHER)], { issues: [issue('T-1', HOUSE)] });
    expect(hits.map((h) => [h.rule, h.org, h.numbers['reason'], h.numbers['issuedTo']])).toEqual([['tag_outside_agent', OTHER, 'other_agent', HOUSE]]);
    expect(hits[0]!.seqs).toEqual([1]);
  });

  it('accepts a production tag issued to the producer or to the recorder', () => {
    expect(scan([production(1, 'T-1', 2, HOUSE, AGENT)], { issues: [issue('T-1', AGENT)] })).toEqual([]);
    expect(scan([production(1, 'T-2', 2, HOUSE, AGENT)], { issues: [issue('T-2', HOUSE)] })).toEqual([]);
  });

  it('flags a pack tag issued to someone else than the recorder', () => {
    expect(scan([pack([1], 'B-1', 2, HOUSE)], { issues: [issue('B-1', AGENT)] }).map((h) => h.numbers['reason'])).toEqual(['other_agent']);
  });

  it('raises an incident when a tag is used after it was voided or reported lost, not on the day itself', () => {
    const issues = [issue('T-1', HOUSE, { state: 'voided', stateOn: '2026-06-03', reason: 'torn' }), issue('T-2', HOUSE, { state: 'lost', stateOn: '2026-06-03' })];
    expect(scan([production(1, 'T-1', 3), production(2, 'T-2', 3)], { issues })).toEqual([]);
    const hits = scan([production(1, 'T-1', 4), production(2, 'T-2', 4)], { issues });
    expect(hits.map((h) => h.numbers['reason'])).toEqual(['voided', 'lost']);
  });

  it('raises an incident when a tag is used before the day it was issued', () => {
    expect(scan([production(1, 'T-1', 1)], { issues: [issue('T-1', HOUSE, { issuedOn: '2026-06-02' })] }).map((h) => h.numbers['reason'])).toEqual(['before_issue']);
  });

  it('flags a tag nobody issued only when the using organisation keeps a registry, unless the policy says always or never', () => {
    expect(scan([production(1, 'X-1', 1)], { keepers: [HOUSE] }).map((h) => h.numbers['reason'])).toEqual(['never_issued']);
    expect(scan([production(1, 'X-1', 1)], { keepers: [] })).toEqual([]);
    const policy = (unissued: string) => [...tagRules.filter((v) => v.rule !== 'redflag.tag_outside_agent'), { rule: 'redflag.tag_outside_agent', key: 'default', effectiveFrom: '2000-01-01', value: { enabled: true, unissued }, source: 'test', confidence: 'assumed' as const }];
    expect(rulesOf(scan([production(1, 'X-1', 1)], { keepers: [], rules: policy('always') }))).toEqual(['tag_outside_agent']);
    expect(scan([production(1, 'X-1', 1)], { keepers: [HOUSE], rules: policy('never') })).toEqual([]);
    expect(() => scan([production(1, 'X-1', 1)], { rules: policy('sometimes') })).toThrow(/malformed/);
  });

  it('is not judged without a tag registry in the context', () => {
    expect(scan([production(1, 'X-1', 1)], { noRegistry: true })).toEqual([]);
  });
});

describe('tag_stock_unreconciled', () => {
  const rules = redFlagRulesFrom(tagRules);
  const issues = ['T-1', 'T-2', 'T-3', 'T-4', 'T-5'].map((s) => issue(s, AGENT));
  issues[3] = { ...issues[3]!, state: 'voided', stateOn: '2026-06-02', stateBy: 'x', reason: 'torn' };
  issues[4] = { ...issues[4]!, state: 'lost', stateOn: '2026-06-20', stateBy: 'x' };
  const uses: TagUse[] = [{ serial: 'T-1', seq: 7, type: 'production', day: '2026-06-05', recorder: AGENT, users: [AGENT], lots: ['urn:lot:1'] }];
  const usesOf = (s: string) => uses.filter((u) => u.serial === s);
  const count = (over: Partial<TagCount>): TagCount => ({ id: 'cnt-1', org: ASMO, agent: AGENT, countedOn: '2026-06-10', onHand: 3, countedBy: 'auditor', ...over });

  it('raises nothing when the count equals issued - used - voided - lost', () => {
    // 5 issued, T-1 used on 06-05, T-4 voided on 06-02, T-5 lost only on 06-20: 3 on hand on 06-10.
    expect(tagStockHits([count({ onHand: 3 })], issues, usesOf, (d) => rules.tagStock(d))).toEqual([]);
    expect(tagStockHits([count({ onHand: 3, serials: ['T-2', 'T-3', 'T-5'] })], issues, usesOf, (d) => rules.tagStock(d))).toEqual([]);
  });

  it('counts only the tags the counting organisation issued to the agent', () => {
    const another = [...issues, issue('OTHER-1', AGENT, { org: 'urn:org:other-issuer' })];
    expect(tagStockHits([count({ onHand: 3 })], another, usesOf, (d) => rules.tagStock(d))).toEqual([]);
    expect(tagStockHits([count({ onHand: 4 })], another, usesOf, (d) => rules.tagStock(d))).toHaveLength(1);
  });

  it('raises an incident when the count is short, with the figures of the equation', () => {
    const [h] = tagStockHits([count({ onHand: 2 })], issues, usesOf, (d) => rules.tagStock(d));
    expect(h).toMatchObject({ rule: 'tag_stock_unreconciled', key: 'tag_stock_unreconciled|cnt-1', org: ASMO, subject: AGENT, seqs: [7], numbers: { counted: 2, expected: 3, difference: -1, issued: 5, used: 1, voided: 1, lost: 0 } });
  });

  it('lists the missing and the extra serials of a count by serial, even when the numbers agree', () => {
    const [h] = tagStockHits([count({ onHand: 3, serials: ['T-1', 'T-2', 'T-3'] })], issues, usesOf, (d) => rules.tagStock(d));
    expect(h!.numbers).toMatchObject({ difference: 0, missing: 'T-5', extra: 'T-1', bySerial: true });
    // T-1's use is the event the hit points at.
    expect(h!.seqs).toEqual([7]);
  });

  it('tolerates as many tags as the rule version says', () => {
    const loose = [...tagRules.filter((v) => v.rule !== 'redflag.tag_stock_unreconciled'), { rule: 'redflag.tag_stock_unreconciled', key: 'default', effectiveFrom: '2000-01-01', value: { enabled: true, toleranceTags: 1 }, source: 'test', confidence: 'assumed' as const }];
    const r = redFlagRulesFrom(loose);
    expect(tagStockHits([count({ onHand: 2 })], issues, usesOf, (d) => r.tagStock(d))).toEqual([]);
    expect(tagStockHits([count({ onHand: 1 })], issues, usesOf, (d) => r.tagStock(d))).toHaveLength(1);
  });
});
