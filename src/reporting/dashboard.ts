import { siteStatusOn } from '../certification/index.js';
import { formatGrams } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Organisation, OrgRole, Site } from '../parties/index.js';
import type { ReportPeriod } from '../reports/index.js';
import { dashboardStore, type FlowRow } from '../store/index.js';
import { FLOW_STAGES, type DashboardSite, type FlowNode, type Flows, type FlowStage } from './dashboard-types.js';

export * from './dashboard-types.js';

/** Who asks: the parties whose lots and events it sees, its own organisation (its due diligence), or the platform administrator. */
export interface DashboardViewer {
  visibleParties: string[];
  /** Party URI of the caller's organisation; undefined for the platform administrator. */
  org?: string;
  platformAdmin: boolean;
}

/**
 * The sites the caller may see (docs/api.md: its organisations' sites and the sites its visible lots come from;
 * every site for the platform administrator), each with its ICGLR status on `date` and the caller's open risks.
 */
export async function dashboardSites(orp: Orpaille, viewer: DashboardViewer, date: string): Promise<DashboardSite[]> {
  const store = dashboardStore(orp.db);
  const all = await orp.registry.sites();
  const visible = viewer.platformAdmin ? undefined : await store.visibleSites(viewer.visibleParties);
  const sites = visible ? all.filter((s) => visible.has(s.uri)) : all;
  const uris = sites.map((s) => s.uri);
  const [inspections, rules, risks] = await Promise.all([
    uris.length ? orp.certification.siteInspections(uris) : Promise.resolve([]),
    orp.rules.certificationRules(),
    store.openRisks(uris, viewer.platformAdmin ? undefined : viewer.org ? [viewer.org] : []),
  ]);
  return sites.map((s) => {
    const st = siteStatusOn(s.uri, inspections, date, rules, s.licensedOn);
    const r = risks.get(s.uri)!;
    return {
      id: s.id,
      uri: s.uri,
      name: s.name,
      country: s.country,
      icglrId: s.icglrId,
      latitude: s.latitude,
      longitude: s.longitude,
      icglr: { status: st.status, ...(st.since ? { since: st.since } : {}), ...(st.until ? { until: st.until } : {}), exportAllowed: st.exportAllowed },
      openRisks: r.risks,
      openIncidents: r.incidents,
    };
  });
}

/** The stage of an organisation: its first role in chain order (a producer that also exports is a producer). */
export function stageOf(roles: readonly OrgRole[]): FlowStage {
  return FLOW_STAGES.find((s) => (roles as readonly string[]).includes(s)) ?? 'other';
}

const keyOf = (uri: string) => uri.split('/').filter(Boolean).pop() ?? uri;

/**
 * The Sankey graph of fine gold: a row's source is its selling organisation, else (a miner's sale, a production)
 * the site of its lots; rows without either are left out. Links between the same two nodes are summed.
 */
export function flowGraph(rows: readonly FlowRow[], orgs: readonly Organisation[], sites: readonly Site[], readable: readonly string[], period: ReportPeriod): Flows {
  const orgByUri = new Map(orgs.map((o) => [o.uri, o]));
  const siteByUri = new Map(sites.map((s) => [s.uri, s]));
  const nodes = new Map<string, FlowNode>();
  const node = (uri: string): FlowNode => {
    const found = nodes.get(uri);
    if (found) return found;
    const site = siteByUri.get(uri);
    const org = orgByUri.get(uri);
    const n: FlowNode = site
      ? { id: uri, kind: 'site', stage: 'site', key: keyOf(uri), name: site.name, country: site.country }
      : { id: uri, kind: 'organisation', stage: stageOf(org?.roles ?? []), key: keyOf(uri), ...(org && readable.includes(uri) ? { name: org.name, country: org.country } : {}) };
    nodes.set(uri, n);
    return n;
  };
  const links = new Map<string, { source: string; target: string; mg: number; events: number }>();
  let total = 0;
  for (const r of rows) {
    const source = r.seller ?? r.site;
    if (!source || source === r.buyer) continue;
    const key = `${source}\u0000${r.buyer}`;
    const l = links.get(key) ?? { source: node(source).id, target: node(r.buyer).id, mg: 0, events: 0 };
    l.mg += r.fineMg;
    l.events += r.events;
    links.set(key, l);
    total += r.fineMg;
  }
  const ordered = [...links.values()].sort((a, b) => b.mg - a.mg || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return {
    period,
    nodes: [...nodes.values()].sort((a, b) => FLOW_STAGES.indexOf(a.stage) - FLOW_STAGES.indexOf(b.stage) || a.id.localeCompare(b.id)),
    links: ordered.map((l) => ({ source: l.source, target: l.target, fineGrams: formatGrams(l.mg), events: l.events })),
    totalFineGrams: formatGrams(total),
  };
}

/** Fine gold that changed owner in the period, over the lots in the lineage of what the caller may see (docs/web.md, "Dashboard"). */
export async function dashboardFlows(orp: Orpaille, viewer: DashboardViewer, period: ReportPeriod): Promise<Flows> {
  const fromMs = Date.parse(`${period.from}T00:00:00Z`);
  const toMs = Date.parse(`${period.to}T00:00:00Z`);
  const rows = await dashboardStore(orp.db).flows(viewer.visibleParties, fromMs, toMs);
  const [orgs, sites] = await Promise.all([orp.registry.organisations(), orp.registry.sites()]);
  return flowGraph(rows, orgs, sites, viewer.visibleParties, period);
}
