import type { RuleApplied } from '../../certification/index.js';
import type { PartyUri } from '../../custody/index.js';
import { reconcile, stockOn, tagUsesOf, type TagCount, type TagIssue, type TagUse } from '../../tags/index.js';
import type { TagOutsideAgentRule, TagStockRule } from './rules.js';
import type { RedFlagHit, ScanContext, ScanEvent } from './types.js';

/*
 * The tag rules (GOLD-RULES s.3: tags are issued to an agent, used once on a lot, voided or lost; stock
 * reconciled per agent). Reuse and use outside the agent are judged per event on capture and on the
 * on-demand scan; stock reconciliation per physical count, when it is recorded and on the scan.
 */

/** What the tag rules read besides the events: the tag registry and the uses already in the ledger. */
export interface TagFacts {
  /** Every issuance of a serial, by any organisation. */
  issued(serial: string): readonly TagIssue[];
  /** Uses of a serial in events before those being scanned (the engine tracks the ones it scans). */
  usesBefore(serial: string): readonly TagUse[];
  /** Does this organisation keep a tag registry (it issued tags or was issued some)? */
  keepsRegistry(org: PartyUri): boolean;
  /**
   * Keeps a use the engine scanned so that `usesBefore` answers it from then on (a scan over pages of
   * the ledger); without it the engine keeps the uses of one call itself.
   */
  remember?(use: TagUse): void;
}

/** Uses seen so far in one scan, on top of those the context knows from before it. */
export class TagTracker {
  private readonly seen = new Map<string, TagUse[]>();
  constructor(private readonly facts: TagFacts | undefined) {}

  uses(serial: string): readonly TagUse[] {
    const before = this.facts?.usesBefore(serial) ?? [];
    const seen = this.seen.get(serial);
    return seen ? [...before, ...seen] : before;
  }

  add(u: TagUse): void {
    if (this.facts?.remember) return this.facts.remember(u);
    const list = this.seen.get(u.serial);
    if (list) list.push(u);
    else this.seen.set(u.serial, [u]);
  }
}

type Fresh = (key: string) => boolean;

/** Hits of `tag_reused` and `tag_outside_agent` for the tags an event uses; records the uses in the tracker. */
export function tagHits(ev: ScanEvent, ctx: ScanContext, tracker: TagTracker, fresh: Fresh): RedFlagHit[] {
  const uses = tagUsesOf(ev.seq, ev.gold, ev.atMs);
  if (uses.length === 0) return [];
  const out: RedFlagHit[] = [];
  for (const use of uses) {
    const earlier = tracker.uses(use.serial);
    const reused = tagReused(ev, use, earlier, ctx, fresh);
    if (reused) out.push(reused);
    const outside = ctx.tags ? tagOutsideAgent(ev, use, ctx.tags, ctx, fresh) : undefined;
    if (outside) out.push(outside);
    tracker.add(use);
  }
  return out;
}

function base(ev: ScanEvent, rule: RuleApplied<unknown>): Pick<RedFlagHit, 'org' | 'eventTime' | 'ruleVersion'> {
  return { org: ev.gold.recorder, eventTime: ev.gold.eventTime, ruleVersion: rule.version };
}

/**
 * A tag on a lot that an earlier event already tagged with it on other lots. Recording the same tag on
 * the same lots again (a bag opened and closed again) is the same physical tag, not a reuse.
 */
function tagReused(ev: ScanEvent, use: TagUse, earlier: readonly TagUse[], ctx: ScanContext, fresh: Fresh): RedFlagHit | undefined {
  if (earlier.length === 0) return undefined;
  const key = `tag_reused|${use.serial}|${ev.seq}`;
  if (!fresh(key)) return undefined;
  const rule = ctx.rules.tagReused(ev.gold.eventTime);
  if (!rule?.value.enabled) return undefined;
  const tagged = new Set(earlier.flatMap((u) => u.lots));
  const newLots = use.lots.filter((l) => !tagged.has(l));
  if (newLots.length === 0) return undefined;
  const first = earlier[0]!;
  return {
    ...base(ev, rule),
    rule: 'tag_reused',
    key,
    subject: use.serial,
    seqs: [...new Set([...earlier.map((u) => u.seq), ev.seq])],
    summary: `tag ${use.serial} put on ${newLots.length === 1 ? 'lot ' + newLots[0] : `${newLots.length} lots`} on ${use.day} (${use.type}), already used on ${first.day} (${first.type}${first.recorder !== use.recorder ? ', recorded by ' + first.recorder : ''})`,
    numbers: { serial: use.serial, uses: earlier.length + 1, firstUsedOn: first.day, firstRecorder: first.recorder, firstSeq: first.seq, usedBy: use.recorder, lots: newLots.join(' ') },
    threshold: { maxUses: 1 },
  };
}

/** Why a use is outside the tag's custody, or undefined when it is within it. */
function outsideReason(use: TagUse, issues: readonly TagIssue[], facts: TagFacts, rule: TagOutsideAgentRule): { reason: string; issue?: TagIssue } | undefined {
  if (issues.length === 0) {
    const judged = rule.unissued === 'always' || (rule.unissued === 'registry' && use.users.some((u) => facts.keepsRegistry(u)));
    return judged ? { reason: 'never_issued' } : undefined;
  }
  const mine = issues.find((i) => use.users.includes(i.agent));
  if (!mine) return { reason: 'other_agent', issue: issues[0]! };
  if (mine.issuedOn > use.day) return { reason: 'before_issue', issue: mine };
  // A tag declared void or lost on the day it is used may have been declared after the use: only later uses count.
  if (mine.state !== 'issued' && mine.stateOn !== undefined && use.day > mine.stateOn) return { reason: mine.state, issue: mine };
  return undefined;
}

const REASON_TEXT: Record<string, string> = {
  never_issued: 'which no organisation issued',
  other_agent: 'issued to another agent',
  before_issue: 'before it was issued',
  voided: 'after it was voided',
  lost: 'after it was reported lost',
};

function tagOutsideAgent(ev: ScanEvent, use: TagUse, facts: TagFacts, ctx: ScanContext, fresh: Fresh): RedFlagHit | undefined {
  const rule = ctx.rules.tagOutsideAgent(ev.gold.eventTime);
  if (!rule?.value.enabled) return undefined;
  const found = outsideReason(use, facts.issued(use.serial), facts, rule.value);
  const key = `tag_outside_agent|${use.serial}|${ev.seq}`;
  if (!found || !fresh(key)) return undefined;
  const i = found.issue;
  return {
    ...base(ev, rule),
    rule: 'tag_outside_agent',
    key,
    subject: use.serial,
    seqs: [ev.seq],
    summary: `tag ${use.serial} used by ${use.recorder} on ${use.day} (${use.type}), ${REASON_TEXT[found.reason]}${i ? ` (issued to ${i.agent} on ${i.issuedOn} by ${i.org}${i.stateOn ? `, ${i.state} on ${i.stateOn}` : ''})` : ''}`,
    numbers: {
      serial: use.serial,
      reason: found.reason,
      usedBy: use.users.join(' '),
      usedOn: use.day,
      ...(i ? { issuedTo: i.agent, issuedOn: i.issuedOn, issuedBy: i.org, state: i.state, ...(i.stateOn ? { stateOn: i.stateOn } : {}) } : {}),
    },
    threshold: { unissued: rule.value.unissued, usableBy: 'the agent it was issued to, from its issue day, until voided or lost' },
  };
}

/** How many use events a stock hit lists when the count gives no serials (the latest ones). */
const STOCK_SEQS = 50;

/**
 * `tag_stock_unreconciled` for physical counts: each count against the stock on the counted day
 * (issued - used - voided - lost) of the tags the counting organisation issued to the agent. One hit
 * per count; none when the count reconciles.
 */
export function tagStockHits(counts: readonly TagCount[], issues: readonly TagIssue[], usesOf: (serial: string) => readonly TagUse[], rules: (date: string) => RuleApplied<TagStockRule> | undefined): RedFlagHit[] {
  const out: RedFlagHit[] = [];
  for (const c of counts) {
    const rule = rules(c.countedOn);
    if (!rule?.value.enabled) continue;
    // A count is of the tags the counting organisation issued to the agent (each issuer its own books).
    const own = issues.filter((t) => t.org === c.org && t.agent === c.agent);
    const r = reconcile(stockOn(c.agent, c.countedOn, own, usesOf), c, rule.value.toleranceTags);
    if (r.reconciled) continue;
    // By serial, the events of the serials in question; by number, the agent's latest uses.
    const read = c.serials ? [...r.missing, ...r.extra] : own.map((t) => t.serial);
    const seqs = read.flatMap((serial) => usesOf(serial).filter((u) => u.day <= c.countedOn).map((u) => u.seq));
    const s = r.stock;
    out.push({
      rule: 'tag_stock_unreconciled',
      key: `tag_stock_unreconciled|${c.id}`,
      org: c.org,
      subject: c.agent,
      eventTime: `${c.countedOn}T00:00:00.000Z`,
      seqs: [...new Set(seqs)].sort((a, b) => a - b).slice(-STOCK_SEQS),
      summary: `${c.agent} counted ${c.onHand} tags on hand on ${c.countedOn}; the records give ${s.onHand} (issued ${s.issued} - used ${s.used} - voided ${s.voided} - lost ${s.lost})${r.missing.length > 0 ? `; missing ${r.missing.join(', ')}` : ''}${r.extra.length > 0 ? `; not expected ${r.extra.join(', ')}` : ''}`,
      numbers: {
        count: c.id,
        counted: c.onHand,
        expected: s.onHand,
        difference: r.difference,
        issued: s.issued,
        used: s.used,
        voided: s.voided,
        lost: s.lost,
        bySerial: c.serials !== undefined,
        ...(c.serials ? { missing: r.missing.join(' '), extra: r.extra.join(' ') } : {}),
      },
      threshold: { toleranceTags: rule.value.toleranceTags, equation: 'issued = used + voided + lost + on hand' },
      ruleVersion: rule.version,
    });
  }
  return out;
}
