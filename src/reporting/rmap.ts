import { fromEpcis } from '../custody/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { ASM_LICENCE_TYPES } from '../parties/index.js';
import { reportPeriod, type ReportPeriod, type ReportStamp } from '../reports/index.js';
import { asmInputs, packFiles, planPack, receiptsOf, zipPack, type DiligenceRecords, type PackEvent, type PackIndex, type PackViewer } from '../reports/rmap/index.js';
import { genealogyStore, reportStore, type ChainRecord } from '../store/index.js';

/** An RMAP evidence pack: the zip, its index and the ledger head it was computed from. */
export interface RenderedPack {
  bytes: Buffer;
  index: PackIndex;
  stamp: ReportStamp;
}

const parsed = (r: ChainRecord): PackEvent => ({ seq: r.seq, eventId: r.eventId, event: fromEpcis(JSON.parse(r.body) as Record<string, unknown>) });

/**
 * RMAP evidence pack wiring (docs/reports.md, "RMAP evidence pack"): the ledger head first; then the lots the
 * refiner received in the period, their genealogies (src/custody) and chain events cut at that head; the
 * due-diligence records of each supplier; the cited evidence files. `viewer` limits events and records to
 * what those parties may see (an HTTP caller); the command line sees everything.
 */
export async function rmapPack(orp: Orpaille, input: { org: string; period: ReportPeriod; generatedAt?: string; viewer?: PackViewer }): Promise<RenderedPack> {
  const store = reportStore(orp.db);
  const head = await store.head();
  const period = reportPeriod(input.period.from, input.period.to);
  const generatedAt = input.generatedAt ?? orp.clock.now().toISOString();
  if (Number.isNaN(Date.parse(generatedAt))) throw new OrpailleError('ORP_BAD_INPUT', `generatedAt must be an ISO 8601 instant, got "${generatedAt}"`, { generatedAt });
  const refiner = await orp.registry.organisation(input.org);
  if (!refiner) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${input.org}" (see: orpaille org list)`, { org: input.org });
  const viewer = input.viewer ?? 'all';

  const named = await store.namingAsDestination(refiner.uri, head.seq, Date.parse(`${period.from}T00:00:00Z`), Date.parse(`${period.to}T00:00:00Z`));
  const receipts = receiptsOf(refiner.uri, named.map(parsed));
  const received = [...new Set(receipts.map((r) => r.lot))].sort();
  const { genealogies, records } = await genealogyStore(orp.db).genealogiesAt(received, head.seq);
  const events = new Map(records.map((r) => [r.eventId, parsed(r)]));
  const [orgs, sites, miners] = await Promise.all([orp.registry.organisations(), orp.registry.sites(), orp.registry.miners()]);
  const orgUri = new Map(orgs.map((o) => [o.id, o.uri]));
  const minerOrg = new Map(miners.map((m) => [m.uri, orgUri.get(m.organisation) ?? m.organisation]));
  const asmSites = new Set(sites.filter((s) => ASM_LICENCE_TYPES.has(s.licenceType)).map((s) => s.uri));
  const inputs = asmInputs(receipts, genealogies, events, (site) => asmSites.has(site), (party) => minerOrg.get(party) ?? party);

  const chain = [...new Set(inputs.flatMap((i) => i.chain))];
  const parties = await store.eventParties(chain);
  const bySeq = new Map(records.map((r) => [r.seq, { eventId: r.eventId, body: r.body, parties: parties.get(r.seq) ?? [] }]));
  const plan = planPack({
    refiner: { id: refiner.id, uri: refiner.uri, name: refiner.name, country: refiner.country },
    period,
    ledger: { seq: head.seq, head: head.hash },
    generatedAt,
    receipts,
    inputs,
    events: bySeq,
    parties: new Map(orgs.map((o) => [o.uri, { id: o.id, uri: o.uri, name: o.name, country: o.country }])),
    sites: new Map(sites.map((s) => [s.uri, { id: s.id, uri: s.uri, name: s.name, country: s.country, organisation: orgUri.get(s.organisation) ?? s.organisation }])),
    records: inputs.length === 0 ? NO_RECORDS : await diligenceRecords(orp, sites.map((s) => s.uri)),
    viewer,
  });
  const evidence = new Map<string, Buffer>();
  for (const c of plan.suppliers.flatMap((s) => s.records.cited)) {
    const found = await orp.evidence.get(c.org, c.sha256);
    if (found) evidence.set(`${c.org} ${c.sha256}`, found.bytes);
  }
  const { files, index } = packFiles(plan, evidence);
  return { bytes: await zipPack(files, generatedAt), index, stamp: { ledgerSeq: head.seq, ledgerHead: head.hash, generatedAt, period } };
}

const NO_RECORDS: DiligenceRecords = { risks: [], kyc: [], crafts: [], authorisations: [], inspections: [], incidents: [], decisions: [] };

/**
 * Every due-diligence record a pack may draw on; src/reports/rmap selects each supplier's. These are not ledger
 * events: one recorded while the pack is computed may appear in it.
 */
async function diligenceRecords(orp: Orpaille, sites: string[]): Promise<DiligenceRecords> {
  const { total } = await orp.incidents.list({ limit: 1 });
  const orgs = await orp.registry.organisations();
  const decisions = [];
  for (const o of orgs) decisions.push(...(await orp.gating.decisions(o.uri)));
  return {
    risks: await orp.risks.risks(),
    kyc: await orp.assessments.kycRecords({}),
    crafts: await orp.crafts.crafts({}),
    authorisations: await orp.certification.list(),
    inspections: await orp.certification.siteInspections(sites),
    incidents: total === 0 ? [] : (await orp.incidents.list({ limit: total })).incidents,
    decisions,
  };
}
