import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { siteStatus } from '../registrar/index.js';
import type { ReportPeriod, ReportStamp } from '../reports/index.js';
import { programmeCsv, programmeFigures, programmeJson, type ProgrammeFigures } from '../reports/programme/index.js';
import { reportStore } from '../store/index.js';
import { programmePurchases } from './programme-purchases.js';

export type ProgrammeFormat = 'json' | 'csv';

/**
 * Programme figures wiring (docs/reports.md, "Programme figures"): the ledger head first, then the miners, sites,
 * every purchase of their gold from the ledger cut at that head (src/reporting/programme-purchases.ts), premium
 * payments, mercury indicators and incidents of one organisation (or of every organisation when `org` is absent).
 */
export async function programmeReport(
  orp: Orpaille,
  input: { org?: string; period: ReportPeriod; format: ProgrammeFormat; generatedAt?: string },
): Promise<{ figures: ProgrammeFigures; stamp: ReportStamp; bytes: Buffer; contentType: string }> {
  const store = reportStore(orp.db);
  const head = await store.head();
  const org = input.org === undefined ? undefined : await orp.registry.organisation(input.org);
  if (input.org !== undefined && !org) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${input.org}" (see: orpaille org list)`, { org: input.org });
  const producers = org ? [org] : await orp.registry.organisations();
  const sites = await orp.registry.sites(org?.id);
  const lastDay = new Date(Date.parse(`${input.period.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const payments = [];
  for (const p of producers) payments.push(...(await orp.premiums.statement(p.uri)).payments);
  const parties = org ? [org.uri] : undefined;
  const { total } = await orp.incidents.list({ ...(parties ? { orgs: parties } : {}), limit: 1 });
  const incidents = total === 0 ? [] : (await orp.incidents.list({ ...(parties ? { orgs: parties } : {}), limit: total })).incidents;
  const figures = programmeFigures({
    ...(org ? { org: { id: org.id, name: org.name, uri: org.uri } } : {}),
    period: input.period,
    miners: await orp.registry.miners(org?.id),
    sites: await Promise.all(
      sites.map(async (s) => ({ uri: s.uri, licenceType: s.licenceType, ...(s.licensedOn ? { licensedOn: s.licensedOn } : {}), icglrStatus: (await siteStatus(orp, s, lastDay)).status.status })),
    ),
    purchases: await programmePurchases(orp, { ...(org ? { producer: org.uri } : {}), period: input.period, head: head.seq }),
    premiumPayments: payments,
    indicators: sites.length === 0 ? [] : await orp.assessments.indicators({ sites: sites.map((s) => s.uri) }),
    incidents,
  });
  const stamp: ReportStamp = { ledgerSeq: head.seq, ledgerHead: head.hash, generatedAt: input.generatedAt ?? orp.clock.now().toISOString(), period: input.period };
  if (input.format === 'csv') return { figures, stamp, bytes: Buffer.from(programmeCsv(figures, stamp), 'utf8'), contentType: 'text/csv; charset=utf-8' };
  return { figures, stamp, bytes: Buffer.from(JSON.stringify(programmeJson(figures, stamp), null, 2) + '\n', 'utf8'), contentType: 'application/json' };
}
