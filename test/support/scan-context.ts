import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleVersion } from '../../src/certification/index.js';
import type { GoldEvent } from '../../src/custody/index.js';
import { redFlagRulesFrom, scanEvents, type LotFacts, type MinedActivity, type MinerFacts, type ScanContext, type ScanEvent } from '../../src/diligence/index.js';
import { projectRoot } from '../../src/paths.js';

/** The red-flag rule versions shipped in rules/diligence.json. */
export const SHIPPED_REDFLAG_RULES = (JSON.parse(readFileSync(join(projectRoot(), 'rules', 'diligence.json'), 'utf8')) as { values: RuleVersion[] }).values;

export interface ScanFacts {
  rules?: RuleVersion[];
  miners?: MinerFacts[];
  /** Lots from before the scanned events, as the store would answer. */
  lots?: Record<string, LotFacts>;
  origins?: Record<string, string[]>;
  activity?: Record<string, MinedActivity[]>;
}

/** A pure scan context with no sites, organisations or areas: what the material and people rules read. */
export function materialContext(f: ScanFacts = {}): ScanContext {
  return {
    rules: redFlagRulesFrom(f.rules ?? SHIPPED_REDFLAG_RULES),
    sites: new Map(),
    organisations: new Map(),
    productions: () => [],
    cashApproved: () => false,
    areas: [],
    siteStatus: () => undefined,
    miners: new Map((f.miners ?? []).map((m) => [m.uri, m])),
    lotFacts: (l) => f.lots?.[l],
    lotOrigins: (l) => f.origins?.[l] ?? [],
    minedActivity: (p) => f.activity?.[p] ?? [],
  };
}

/** Scans events in order (seq = position + 1) against `materialContext(f)`. */
export function scanGold(golds: GoldEvent[], f: ScanFacts = {}) {
  const events: ScanEvent[] = golds.map((gold, i) => ({ seq: i + 1, gold, atMs: Date.parse(gold.eventTime) }));
  return scanEvents(events, materialContext(f));
}
