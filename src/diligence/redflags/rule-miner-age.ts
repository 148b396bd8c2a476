import type { ProductionEvent } from '../../custody/index.js';
import type { MinerFacts, RedFlagHit, ScanContext, ScanEvent } from './types.js';

/**
 * The registry keeps only a miner's birth year (minimal personal data), so on a date in year Y the
 * age is Y - birthYear or one less. A miner is flagged only when certainly under the minimum age:
 * when even the higher bound is below it. Incidents name the miner by registry id, never by name.
 */
function certainlyUnderAge(m: MinerFacts, day: string, ctx: ScanContext) {
  const rule = ctx.rules.minerAge(m.country, day);
  if (!rule?.value.enabled) return undefined;
  const atMost = Number(day.slice(0, 4)) - m.birthYear;
  if (atMost >= rule.value.minimumAge) return undefined;
  return {
    rule,
    numbers: { miner: m.id, birthYear: m.birthYear, ageAtLeast: Math.max(atMost - 1, 0), ageAtMost: atMost, ageBoundedByBirthYear: true, country: m.country },
    threshold: { minimumAge: rule.value.minimumAge, country: m.country },
  };
}

/** A registered miner certainly under the minimum working age on the day of registration (one hit per miner). */
export function minerRegisteredUnderAge(m: MinerFacts, ctx: ScanContext): RedFlagHit | undefined {
  const found = certainlyUnderAge(m, m.registeredOn, ctx);
  if (!found) return undefined;
  return {
    rule: 'miner_under_age',
    key: `miner_under_age|${m.uri}|registered`,
    org: m.org,
    subject: m.uri,
    eventTime: `${m.registeredOn}T00:00:00.000Z`,
    seqs: [],
    summary: `miner ${m.id} was registered on ${m.registeredOn} aged at most ${found.numbers.ageAtMost}, under the minimum age of ${found.rule.value.minimumAge} for mine work`,
    numbers: { ...found.numbers, registeredOn: m.registeredOn },
    threshold: found.threshold,
    ruleVersion: found.rule.version,
  };
}

/** Production naming a miner certainly under the minimum age on its date (one hit per miner and month). */
export function productionByMinerUnderAge(ev: ScanEvent, g: ProductionEvent, ctx: ScanContext, fresh: (key: string) => boolean): RedFlagHit | undefined {
  const m = g.miner ? ctx.miners.get(g.miner) : undefined;
  if (!m) return undefined;
  const day = g.eventTime.slice(0, 10);
  const found = certainlyUnderAge(m, day, ctx);
  const key = `miner_under_age|${m.uri}|${day.slice(0, 7)}`;
  if (!found || !fresh(key)) return undefined;
  return {
    rule: 'miner_under_age',
    key,
    org: g.recorder,
    subject: m.uri,
    eventTime: g.eventTime,
    seqs: [ev.seq],
    summary: `miner ${m.id} is named on production of ${day} aged at most ${found.numbers.ageAtMost}, under the minimum age of ${found.rule.value.minimumAge} for mine work`,
    numbers: { ...found.numbers, productionDate: day, lot: g.lot.lot },
    threshold: found.threshold,
    ruleVersion: found.rule.version,
  };
}

/** Every registered miner checked at registration (the on-demand scan of the registry), leaving out keys in `known`. */
export function scanMiners(ctx: ScanContext, known?: ReadonlySet<string> | ReadonlyMap<string, unknown>): RedFlagHit[] {
  const out: RedFlagHit[] = [];
  for (const m of ctx.miners.values()) {
    const h = minerRegisteredUnderAge(m, ctx);
    if (h && !known?.has(h.key)) out.push(h);
  }
  return out;
}
