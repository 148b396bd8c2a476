import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { renderHtml, renderPdf, type ReportStamp } from '../reports/index.js';
import { buildStep5, step5Document, type Step5Report } from '../reports/step5/index.js';
import { cmrtStore, reportStore, step5Supply } from '../store/index.js';

export const STEP5_FORMATS = ['pdf', 'html'] as const;
export type Step5Format = (typeof STEP5_FORMATS)[number];

/** A rendered Step 5 report: its bytes, their media type, and the computed content (for summaries and tests). */
export interface RenderedStep5 {
  report: Step5Report;
  stamp: ReportStamp;
  bytes: Buffer;
  contentType: string;
}

/** The calendar year of a report from user input: four digits, 2000 to 9998; ORP_BAD_INPUT naming the value otherwise. */
export function step5Year(year: string | number | undefined): number {
  const text = String(year ?? '');
  const n = Number(text);
  if (!/^\d{4}$/.test(text) || n < 2000 || n > 9998) throw new OrpailleError('ORP_BAD_INPUT', `the year is a calendar year YYYY (2000-9998), got "${text}"`, { field: 'year', value: text });
  return n;
}

/**
 * OECD Step 5 report wiring (docs/reports.md, "OECD Step 5 report"): the ledger head first, then the
 * organisation's recorded due diligence (checklist, CMRT answers, rules, risk areas, CRAFT, incidents, risk
 * register, plans, decisions, audit authorisations) and its supply (the CMRT supply of the year), every ledger
 * read cut at that head.
 */
export async function step5Report(orp: Orpaille, input: { org: string; year: string | number; format: Step5Format; generatedAt?: string }): Promise<RenderedStep5> {
  const head = await reportStore(orp.db).head();
  const year = step5Year(input.year);
  const generatedAt = input.generatedAt ?? orp.clock.now().toISOString();
  if (Number.isNaN(Date.parse(generatedAt))) throw new OrpailleError('ORP_BAD_INPUT', `generatedAt must be an ISO 8601 instant, got "${generatedAt}"`, { field: 'generatedAt' });
  const org = await orp.registry.organisation(input.org);
  if (!org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${input.org}" (see: orpaille org list)`, { org: input.org });
  const period = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const cmrt = cmrtStore(orp.db);
  // The figures' moves from indexed columns, not every event body of the supply (docs/reports.md, "Performance").
  const supply = await step5Supply(orp.db, org.uri, head.seq, Date.parse(`${period.from}T00:00:00Z`), Date.parse(`${period.to}T00:00:00Z`));
  const [orgs, sites, miners, profile, steps, rules, areas, crafts, risks, plans, decisions, authorisations, incidentCount] = await Promise.all([
    orp.registry.organisations(),
    orp.registry.sites(),
    orp.registry.miners(),
    cmrt.profile(org.id),
    orp.steps.steps(org.uri),
    orp.rules.list(),
    orp.incidents.areas(),
    orp.crafts.crafts({ parties: [org.uri] }),
    orp.risks.risks({ owners: [org.uri] }),
    orp.plans.plans(org.uri),
    orp.gating.decisions(org.uri),
    orp.certification.authorisations([org.uri]),
    orp.incidents.list({ orgs: [org.uri], limit: 1 }),
  ]);
  const incidents = incidentCount.total === 0 ? [] : (await orp.incidents.list({ orgs: [org.uri], limit: incidentCount.total })).incidents;
  const orgName = new Map(orgs.flatMap((o) => [[o.id, o.name] as const, [o.uri, o.name] as const]));
  const report = buildStep5({
    org: { id: org.id, name: org.name, uri: org.uri, country: org.country, roles: org.roles },
    year,
    headSeq: head.seq,
    generatedAt,
    steps,
    ...(profile ? { cmrtProfile: profile } : {}),
    rules,
    areas,
    // Only the assessments the organisation reviewed as a buyer or made as a producer: both carry out CRAFT.
    crafts,
    incidents,
    risks,
    plans,
    decisions,
    authorisations,
    names: {
      organisations: new Map(orgs.map((o) => [o.uri, o.name])),
      sites: new Map(sites.map((s) => [s.uri, { name: s.name, country: s.country, licenceType: s.licenceType, organisationName: orgName.get(s.organisation) ?? s.organisation }])),
      miners: new Map(miners.map((m) => [m.uri, orgName.get(m.organisation) ?? m.organisation])),
    },
    supply,
  });
  const stamp: ReportStamp = { ledgerSeq: head.seq, ledgerHead: head.hash, generatedAt, period };
  const doc = step5Document(report, stamp);
  if (input.format === 'html') return { report, stamp, bytes: Buffer.from(renderHtml(doc), 'utf8'), contentType: 'text/html; charset=utf-8' };
  return { report, stamp, bytes: await renderPdf(doc), contentType: 'application/pdf' };
}
