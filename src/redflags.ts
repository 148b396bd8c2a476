import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteStatusOn, type CertificationStore, type SiteInspection } from './certification/index.js';
import { fromEpcis, type GoldEvent } from './custody/index.js';
import {
  RED_FLAG_RULES,
  REDFLAG_RULE_PREFIX,
  parseRiskAreas,
  redFlagRulesFrom,
  scanEvents,
  scanMiners,
  updateIncident,
  type Incident,
  type IncidentUpdate,
  type MinerFacts,
  type PartyFacts,
  type RedFlagHit,
  type RedFlagRule,
  type RiskArea,
  type ScanContext,
  type ScanEvent,
  type SiteFacts,
  type SiteStatusFacts,
  type LotFacts,
  type MinedActivity,
} from './diligence/index.js';
import { newId } from './access/index.js';
import { OrpailleError, parseIsoDateTime, type Clock } from './kernel/index.js';
import { goldOf, readPendingGold, type AppendResult, type LedgerEntry } from './ledger/index.js';
import { projectRoot } from './paths.js';
import type { IncidentStore, RegistryStore, RulesStore } from './store/index.js';
import { tagBatchFacts, tagScanState } from './tag-registry.js';
import type { TagStore } from './tags/index.js';

/*
 * Wiring of the red-flag engine (src/diligence/redflags, pure) to the stores: builds its context from
 * the registry, the rule tables, the risk areas and the cash approvals; runs it over a committed batch
 * (after every append) or over the whole ledger (`orpaille diligence scan`); raises incidents.
 */

const PAGE = 5000;
type MaterialKeys = 'lotFacts' | 'lotOrigins' | 'minedActivity';
const DAY_MS = 86_400_000;

export interface ScanReport {
  /** Ledger events read (all of them for a full scan; the batch's for a capture). */
  events: number;
  /** Hits found, whether or not they already had an incident. */
  hits: number;
  /** Hits per rule. */
  byRule: Record<RedFlagRule, number>;
  /** Incidents raised by this scan (hits whose key had none). */
  raised: Incident[];
}

export interface RedFlags {
  /** Scans the whole ledger and raises an incident for every new hit. */
  scan(onProgress?: (read: number) => void): Promise<ScanReport>;
  /** Scans a committed batch (what `append` calls after each commit). */
  afterAppend(entries: LedgerEntry[], result: AppendResult): Promise<ScanReport>;
  /** Checks miners just registered (the registry's own check; production naming them is checked at capture). */
  afterMiners(miners: readonly { uri: string }[]): Promise<ScanReport>;
  /** Applies a person's change (status, owner, note) to an incident; ORP_NOT_FOUND for an unknown id. */
  updateIncident(id: string, u: IncidentUpdate): Promise<Incident>;
  /** Loads risk areas from a GeoJSON FeatureCollection (docs/diligence.md); returns how many were written. */
  loadAreas(doc: unknown): Promise<RiskArea[]>;
}

export interface RedFlagDeps {
  incidents: IncidentStore;
  registry: RegistryStore;
  rules: RulesStore;
  certification: CertificationStore;
  clock: Clock;
  /** The tag registry the tag rules read (absent: they see only the scanned events). */
  tags?: TagStore;
}

/** The default risk areas shipped in rules/risk-areas.geojson. */
export function defaultRiskAreas(): RiskArea[] {
  return parseRiskAreas(JSON.parse(readFileSync(join(projectRoot(), 'rules', 'risk-areas.geojson'), 'utf8')));
}

/** Builds the red-flag service over the stores. */
export function redFlags(deps: RedFlagDeps): RedFlags {
  const incidentId = () => newId('inc');

  /** Context common to both kinds of scan; `productions` is filled by the caller. */
  const baseContext = async (): Promise<Omit<ScanContext, 'productions' | 'cashApproved' | MaterialKeys>> => {
    const values = await deps.rules.list();
    const sites = await deps.registry.sites();
    const organisations = await deps.registry.organisations();
    const areas = await deps.incidents.areas();
    const siteMap = new Map<string, SiteFacts>(
      sites.map((s) => [
        s.uri,
        {
          uri: s.uri,
          id: s.id,
          name: s.name,
          country: s.country,
          latitude: s.latitude,
          longitude: s.longitude,
          licenceType: s.licenceType,
          ...(s.licensedOn ? { licensedOn: s.licensedOn } : {}),
          capacityGramsPerMonth: s.capacityGramsPerMonth,
        },
      ]),
    );
    const orgMap = new Map<string, PartyFacts>(organisations.map((o) => [o.uri, { uri: o.uri, id: o.id, name: o.name, country: o.country }]));
    const orgById = new Map(organisations.map((o) => [o.id, o]));
    const miners = new Map<string, MinerFacts>();
    for (const m of await deps.registry.miners()) {
      const o = orgById.get(m.organisation);
      if (o) miners.set(m.uri, { uri: m.uri, id: m.id, org: o.uri, country: o.country, birthYear: m.birthYear, registeredOn: m.registeredOn });
    }
    const inspections = new Map<string, SiteInspection[]>();
    for (const i of await deps.certification.siteInspections([...siteMap.keys()])) {
      const list = inspections.get(i.site) ?? [];
      list.push(i);
      inspections.set(i.site, list);
    }
    const certRules = await deps.rules.certificationRules();
    // Statuses are computed once per site and day: a day's production asks many times.
    const statusCache = new Map<string, SiteStatusFacts | undefined>();
    return {
      rules: redFlagRulesFrom(values.filter((v) => v.rule.startsWith(REDFLAG_RULE_PREFIX))),
      sites: siteMap,
      organisations: orgMap,
      miners,
      areas,
      siteStatus(site, day) {
        const id = `${site}|${day}`;
        if (statusCache.has(id)) return statusCache.get(id);
        let out: SiteStatusFacts | undefined;
        try {
          const s = siteStatusOn(site, inspections.get(site) ?? [], day, certRules, siteMap.get(site)?.licensedOn);
          out = { status: s.status, reason: s.reason };
        } catch {
          // No ICGLR period rule for the date: no status, no hit (the rule table says nothing).
          out = undefined;
        }
        statusCache.set(id, out);
        return out;
      },
    };
  };

  /**
   * What the material rules ask beyond the events (ScanContext.lotFacts, lotOrigins, minedActivity),
   * loaded for what these events need: older lots an assay or a transformation reads, and the lots and
   * seller of every sale declared recycled (rare, so the genealogy queries stay few).
   */
  const materialFacts = async (events: readonly ScanEvent[]): Promise<Pick<ScanContext, MaterialKeys>> => {
    const created = new Set<string>();
    const read = new Set<string>();
    const recycledLots = new Set<string>();
    const sellers = new Set<string>();
    for (const { gold: g } of events) {
      if (g.type === 'production') created.add(g.lot.lot);
      else if (g.type === 'transform') {
        for (const i of g.inputs) if (!created.has(i.lot)) read.add(i.lot);
        for (const o of g.outputs) created.add(o.lot);
      } else if (g.type === 'assay' && !created.has(g.lot)) read.add(g.lot);
      else if (g.type === 'purchase' && g.declaredMaterial === 'recycled') {
        for (const l of g.lots) recycledLots.add(l);
        sellers.add(g.seller);
      }
    }
    const facts = read.size > 0 ? await deps.incidents.lotFacts([...read]) : new Map<string, LotFacts>();
    const origins = recycledLots.size > 0 ? await deps.incidents.lotOrigins([...recycledLots]) : new Map<string, string[]>();
    const activity = sellers.size > 0 ? await deps.incidents.minedActivity([...sellers]) : new Map<string, MinedActivity[]>();
    return { lotFacts: (l) => facts.get(l), lotOrigins: (l) => origins.get(l) ?? [], minedActivity: (p) => activity.get(p) ?? [] };
  };

  const report = async (events: number, hits: RedFlagHit[]): Promise<ScanReport> => {
    const byRule = Object.fromEntries(RED_FLAG_RULES.map((r) => [r, 0])) as Record<RedFlagRule, number>;
    for (const h of hits) byRule[h.rule]++;
    const raised = await deps.incidents.raise(hits, deps.clock.now().getTime(), incidentId);
    return { events, hits: hits.length, byRule, raised };
  };

  const scanEventOf = (seq: number, gold: GoldEvent): ScanEvent | undefined => {
    const atMs = parseIsoDateTime(gold.eventTime);
    return Number.isNaN(atMs) ? undefined : { seq, gold, atMs };
  };

  return {
    async scan(onProgress) {
      const base = await baseContext();
      const productions = await deps.incidents.siteProductions([...base.sites.keys()]);
      const approvals = await deps.incidents.cashApprovals();
      const tagState = deps.tags ? await tagScanState(deps.tags) : undefined;
      const common = { ...base, productions: (s: string) => productions.get(s) ?? [], cashApproved: (b: string, n: string) => approvals.has(`${b}|${n}`), ...(tagState ? { tags: tagState.facts } : {}) };
      const hits = new Map<string, RedFlagHit>();
      let after = 0;
      let read = 0;
      for (;;) {
        const page = await deps.incidents.goldBodies(after, PAGE);
        if (page.lastSeq === undefined) break;
        const events: ScanEvent[] = [];
        for (const r of page.rows) {
          let gold: GoldEvent;
          try {
            gold = fromEpcis(JSON.parse(r.body) as Record<string, unknown>);
          } catch {
            continue; // A plain EPCIS event mentioning "gold:" in a value: nothing for the rules.
          }
          const ev = scanEventOf(r.seq, gold);
          if (ev) events.push(ev);
        }
        for (const h of scanEvents(events, { ...common, ...(await materialFacts(events)) }, hits)) hits.set(h.key, h);
        read += page.lastSeq - after;
        after = page.lastSeq;
        onProgress?.(read);
      }
      // Tag counts are judged against the whole ledger's uses, once every page is read.
      for (const h of (await tagState?.stockHits(base.rules)) ?? []) if (!hits.has(h.key)) hits.set(h.key, h);
      // The registry itself: miners registered under the minimum age, whether or not they appear in an event.
      for (const h of scanMiners({ ...common, ...(await materialFacts([])) }, hits)) hits.set(h.key, h);
      return report(read, [...hits.values()]);
    },

    async afterAppend(entries, result) {
      const events: ScanEvent[] = [];
      for (const r of result.results) {
        if (r.status !== 'accepted' || r.seq === undefined) continue;
        const entry = entries[r.index]!;
        const gold = goldOf(entry) ?? (entry.type === 'epcis' && entry.goldPending ? readPendingGold(entry) : undefined);
        const ev = gold && scanEventOf(r.seq, gold);
        if (ev) events.push(ev);
      }
      const relevant = events.filter((e) => e.gold.type !== 'consume');
      if (relevant.length === 0) return report(result.accepted, []);
      const base = await baseContext();
      // The capacity rule looks back one window from each production: load that much history of the batch's sites.
      const producing = relevant.filter((e): e is ScanEvent & { gold: Extract<GoldEvent, { type: 'production' }> } => e.gold.type === 'production');
      let from = Number.POSITIVE_INFINITY;
      let to = Number.NEGATIVE_INFINITY;
      for (const e of producing) {
        const days = base.rules.siteCapacity(e.gold.eventTime)?.value.windowDays ?? 0;
        from = Math.min(from, e.atMs - days * DAY_MS);
        to = Math.max(to, e.atMs);
      }
      const productions = producing.length > 0 ? await deps.incidents.siteProductions([...new Set(producing.map((e) => e.gold.site))], from, to) : new Map();
      const purchases = relevant.flatMap((e) => (e.gold.type === 'purchase' && e.gold.paymentMethod === 'cash' ? [{ buyer: e.gold.buyer, purchaseNumber: e.gold.purchaseNumber }] : []));
      const approvals = await deps.incidents.cashApprovals(purchases);
      const tags = deps.tags ? await tagBatchFacts(deps.tags, relevant) : undefined;
      const ctx: ScanContext = { ...base, productions: (s) => productions.get(s) ?? [], cashApproved: (b, n) => approvals.has(`${b}|${n}`), ...(tags ? { tags } : {}), ...(await materialFacts(relevant)) };
      return report(result.accepted, scanEvents(relevant, ctx));
    },

    async afterMiners(miners) {
      const base = await baseContext();
      const wanted = new Set(miners.map((m) => m.uri));
      const ctx: ScanContext = {
        ...base,
        miners: new Map([...base.miners].filter(([uri]) => wanted.has(uri))),
        productions: () => [],
        cashApproved: () => false,
        ...(await materialFacts([])),
      };
      return report(0, scanMiners(ctx));
    },

    async updateIncident(id, u) {
      const at = deps.clock.now().toISOString();
      const updated = await deps.incidents.update(id, (i) => updateIncident(i, u, at));
      if (!updated) throw new OrpailleError('ORP_NOT_FOUND', `no incident ${id}`, { id });
      return updated;
    },

    async loadAreas(doc) {
      const areas = parseRiskAreas(doc);
      await deps.incidents.putAreas(areas);
      return areas;
    },
  };
}
