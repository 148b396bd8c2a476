import { newId } from './access/index.js';
import { REDFLAG_RULE_PREFIX, redFlagRulesFrom, tagStockHits, type Incident, type RedFlagHit, type RedFlagRules, type ScanEvent, type TagFacts } from './diligence/index.js';
import { OrpailleError, badInput, type Clock } from './kernel/index.js';
import {
  checkDay,
  checkSerial,
  reconcile,
  stockOn,
  tagUsesOf,
  type TagBatchResult,
  type TagCount,
  type TagDeclaration,
  type TagIssue,
  type TagReconciliation,
  type TagStock,
  type TagStore,
  type TagUse,
} from './tags/index.js';
import type { IncidentStore, RegistryStore, RulesStore } from './store/index.js';

/*
 * Wiring of tag custody (src/tags, pure) to the stores: the registry of issued, voided and lost tags
 * and physical counts; an agent's stock computed from it and the ledger's tag uses; the tag facts the
 * red-flag engine reads; `tag_stock_unreconciled` raised when a count is recorded.
 */

export interface IssueTags {
  /** The organisation issuing (and keeping the registry). */
  org: string;
  /** Party URI or id of the agent: a registered organisation or miner. */
  agent: string;
  serials: string[];
  issuedOn: string;
  issuedBy: string;
}

export interface CountTags {
  org: string;
  agent: string;
  countedOn: string;
  countedBy: string;
  /** How many tags were on hand, or (below) which ones. */
  onHand?: number;
  serials?: string[];
  /** Given by reproducible imports (the demo); otherwise a new id. */
  id?: string;
}

export interface CountResult {
  count: TagCount;
  reconciliation: TagReconciliation;
  /** The incident raised when the count does not reconcile (none when it does, or when the rule is off). */
  raised: Incident[];
}

export interface StockReport {
  stock: TagStock;
  /** The latest physical count on or before the day, against the stock of its own day. */
  lastCount?: TagReconciliation;
}

export interface TagRegistry {
  /** Issues serials to an agent, all or nothing, a result per serial (ORP_RECORD_EXISTS: already issued). */
  issue(input: IssueTags): Promise<TagBatchResult>;
  /** Declares tags voided or lost, all or nothing, a result per serial. */
  declare(org: string, items: TagDeclaration[]): Promise<TagBatchResult>;
  /** Records a physical count of the tags `org` issued to the agent and judges it at once (`tag_stock_unreconciled`). */
  count(input: CountTags): Promise<CountResult>;
  /** An agent's stock on a day (default today): issued, used, voided, lost, on hand; and its last count. */
  stock(agent: string, date?: string, org?: string): Promise<StockReport>;
  /** Resolves an agent given by id or URI to its party URI (ORP_UNKNOWN_PARTY when not registered). */
  agentUri(agent: string): Promise<string>;
}

export interface TagDeps {
  tags: TagStore;
  registry: RegistryStore;
  rules: RulesStore;
  incidents: IncidentStore;
  clock: Clock;
}

async function redFlagRules(rules: RulesStore): Promise<RedFlagRules> {
  return redFlagRulesFrom((await rules.list()).filter((v) => v.rule.startsWith(REDFLAG_RULE_PREFIX)));
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const list = out.get(key(t));
    if (list) list.push(t);
    else out.set(key(t), [t]);
  }
  return out;
}

/** Builds the tag registry over the stores. */
export function tagRegistry(deps: TagDeps): TagRegistry {
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  const agentUri = async (agent: string): Promise<string> => {
    const org = await deps.registry.organisation(agent);
    if (org) return org.uri;
    const miner = (await deps.registry.miners()).find((m) => m.uri === agent || m.id === agent);
    if (miner) return miner.uri;
    throw new OrpailleError('ORP_UNKNOWN_PARTY', `agent ${agent} is not a registered organisation or miner`, { agent });
  };

  const orgUri = async (org: string): Promise<string> => {
    const o = await deps.registry.organisation(org);
    if (!o) throw new OrpailleError('ORP_UNKNOWN_PARTY', `organisation ${org} is not registered`, { org });
    return o.uri;
  };

  /** The agent's issued tags and their uses in the ledger. */
  const agentTags = async (agent: string, org?: string) => {
    const issues = await deps.tags.issues({ agent, ...(org ? { org } : {}) });
    const uses = byKey(await deps.tags.uses(issues.map((t) => t.serial)), (u) => u.serial);
    return { issues, usesOf: (s: string) => uses.get(s) ?? [] };
  };

  return {
    agentUri,

    async issue(input) {
      if (input.serials.length === 0) throw badInput('no tag serial to issue', {});
      if (!input.issuedBy.trim()) throw badInput('an issue needs the person who makes it', {});
      checkDay(input.issuedOn, 'issuedOn');
      const org = await orgUri(input.org);
      const agent = await agentUri(input.agent);
      const items: TagIssue[] = input.serials.map((serial) => ({ org, serial, agent, issuedOn: input.issuedOn, issuedBy: input.issuedBy, state: 'issued' }));
      return deps.tags.issue(items, deps.clock.now().getTime());
    },

    async declare(org, items) {
      if (items.length === 0) throw badInput('no tag to declare', {});
      return deps.tags.declare(await orgUri(org), items, deps.clock.now().getTime());
    },

    async count(input) {
      checkDay(input.countedOn, 'countedOn');
      if (!input.countedBy.trim()) throw badInput('a count needs the person who made it', {});
      if ((input.onHand === undefined) === (input.serials === undefined)) throw badInput('a count gives either the number of tags on hand or their serials', {});
      if (input.onHand !== undefined && (!Number.isInteger(input.onHand) || input.onHand < 0)) throw badInput('tags on hand must be a whole number, 0 or more', { onHand: input.onHand });
      const serials = input.serials?.map((s) => checkSerial(s.trim()));
      if (serials && new Set(serials).size !== serials.length) throw badInput('a serial appears twice in the count', {});
      const org = await orgUri(input.org);
      const agent = await agentUri(input.agent);
      const count: TagCount = { id: input.id ?? newId('cnt'), org, agent, countedOn: input.countedOn, onHand: serials ? serials.length : input.onHand!, ...(serials ? { serials } : {}), countedBy: input.countedBy };
      const { issues, usesOf } = await agentTags(agent, org);
      const rules = await redFlagRules(deps.rules);
      await deps.tags.addCount(count, deps.clock.now().getTime());
      const hits = tagStockHits([count], issues, usesOf, (d) => rules.tagStock(d));
      const raised = await deps.incidents.raise(hits, deps.clock.now().getTime(), () => newId('inc'));
      const reconciliation = reconcile(stockOn(agent, count.countedOn, issues, usesOf), count, rules.tagStock(count.countedOn)?.value.toleranceTags ?? 0);
      return { count, reconciliation, raised };
    },

    async stock(agentIn, date, orgIn) {
      const day = checkDay(date ?? today(), 'date');
      const agent = await agentUri(agentIn);
      const org = orgIn ? await orgUri(orgIn) : undefined;
      const { issues, usesOf } = await agentTags(agent, org);
      const stock = stockOn(agent, day, issues, usesOf);
      const last = (await deps.tags.counts({ agent, ...(org ? { org } : {}) })).filter((c) => c.countedOn <= day).at(-1);
      const rules = last ? await redFlagRules(deps.rules) : undefined;
      // The last count is judged as it was when recorded: against the counting organisation's tags.
      const counted = last ? issues.filter((t) => t.org === last.org) : [];
      return {
        stock,
        ...(last ? { lastCount: reconcile(stockOn(agent, last.countedOn, counted, usesOf), last, rules?.tagStock(last.countedOn)?.value.toleranceTags ?? 0) } : {}),
      };
    },
  };
}

/**
 * The tag facts of an on-demand scan: the whole registry, and the uses of the pages scanned so far
 * (the engine remembers them). `stockHits` judges every count once all pages were read.
 */
export async function tagScanState(store: TagStore) {
  const issues = await store.issues();
  const keepers = await store.keepers();
  const bySerial = byKey(issues, (t) => t.serial);
  const uses = new Map<string, TagUse[]>();
  const facts: TagFacts = {
    issued: (s) => bySerial.get(s) ?? [],
    usesBefore: (s) => uses.get(s) ?? [],
    keepsRegistry: (org) => keepers.has(org),
    remember(u) {
      const list = uses.get(u.serial);
      if (list) list.push(u);
      else uses.set(u.serial, [u]);
    },
  };
  return {
    facts,
    async stockHits(rules: RedFlagRules): Promise<RedFlagHit[]> {
      return tagStockHits(await store.counts(), issues, (s) => uses.get(s) ?? [], (d) => rules.tagStock(d));
    },
  };
}

/** The tag facts of a committed batch: the issues of its serials and their uses before the batch. */
export async function tagBatchFacts(store: TagStore, events: readonly ScanEvent[]): Promise<TagFacts | undefined> {
  const serials = [...new Set(events.flatMap((e) => tagUsesOf(e.seq, e.gold, e.atMs).map((u) => u.serial)))];
  if (serials.length === 0) return undefined;
  const first = events.reduce((m, e) => Math.min(m, e.seq), Number.POSITIVE_INFINITY);
  const bySerial = byKey(await store.issues({ serials }), (t) => t.serial);
  const uses = byKey(await store.uses(serials, first), (u) => u.serial);
  const keepers = await store.keepers();
  return { issued: (s) => bySerial.get(s) ?? [], usesBefore: (s) => uses.get(s) ?? [], keepsRegistry: (org) => keepers.has(org) };
}
