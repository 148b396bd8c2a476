import type { Command } from 'commander';
import { changeRisk, listRisks, parseEvidence, recordRisk, riskView, type RiskView } from '../assessor/index.js';
import { EVIDENCE_KINDS, RISK_CATALOGUES, RISK_IDS, RISK_STATUSES, riskCatalogueOn } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function riskRows(views: RiskView[]): string {
  if (views.length === 0) return 'no risk entries';
  return table(
    views.map((v) => ({ id: v.id, observed: v.observedOn, subject: `${v.subject.kind} ${v.subject.uri}`, risk: v.risk, response: v.definition.response, status: v.status, source: v.source })),
    ['id', 'observed', 'subject', 'risk', 'response', 'status', 'source'],
  );
}

function riskText(v: RiskView): string {
  return [
    `${v.id}: ${v.definition.title} (${v.risk}, respond: ${v.definition.response}, CRAFT module ${v.definition.craftModule}) at ${v.subject.kind} ${v.subject.uri}`,
    `  owner ${v.owner}; observed ${v.observedOn}; source: ${v.source}; recorded by ${v.recordedBy}${v.note ? `; note: ${v.note}` : ''}`,
    ...v.evidence.map((e) => `  evidence ${e.kind}: ${e.reference}${e.description ? ` (${e.description})` : ''}`),
    '',
    table(v.history.map((c) => ({ on: c.on, status: c.status, by: c.by, reason: c.reason ?? '' })), ['on', 'status', 'by', 'reason']),
  ].join('\n');
}

/** `orpaille diligence risk ...`: the risk model and the risk register (docs/diligence.md). */
export function registerAssessmentCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  const risk = diligence.command('risk').description('the risk model (OECD Annex II, Minamata Annex C, ESG) and the risk register per supplier and site');

  risk
    .command('model')
    .description('the risks of the model with their response class and CRAFT module')
    .option('--date <date>', 'the model version in force on this date (default today)')
    .addOption(json())
    .action(async (o: { date?: string; json?: boolean }) => {
      const orp = await open();
      const c = riskCatalogueOn(o.date ?? orp.clock.now().toISOString(), RISK_CATALOGUES);
      print(Boolean(o.json), c, () => `risk model version ${c.version} (from ${c.effectiveFrom})\n${table(c.risks.map((r) => ({ ...r, module: r.craftModule })), ['id', 'family', 'response', 'module', 'title'])}`);
    });

  risk
    .command('add')
    .description('record a risk found at a supplier or a mine site, with its source, evidence and date')
    .requiredOption('--org <org>', 'the organisation whose due diligence this is (id or URI)')
    .option('--supplier <org>', 'the supplier concerned (id or URI)')
    .option('--site <site>', 'the mine site concerned (id, URI or ICGLR id)')
    .requiredOption('--risk <risk>', RISK_IDS.join(', '))
    .requiredOption('--source <text>', 'where the information came from (site visit, CRAFT report, NGO report...)')
    .requiredOption('--by <person>', 'the person recording it')
    .option('--observed <date>', 'date observed or reported, YYYY-MM-DD (default today)')
    .option('--evidence <ref>', `evidence reference, KIND:REFERENCE with KIND one of ${EVIDENCE_KINDS.join(', ')} (repeatable)`, collect)
    .option('--note <text>', 'free note')
    .option('--status <status>', `status at recording: ${RISK_STATUSES.join(', ')} (default identified)`)
    .option('--id <id>', 'entry id (default: generated)')
    .addOption(json())
    .action(async (o: { org: string; supplier?: string; site?: string; risk: string; source: string; by: string; observed?: string; evidence?: string[]; note?: string; status?: string; id?: string; json?: boolean }) => {
      const orp = await open();
      const e = await recordRisk(orp, {
        owner: o.org,
        ...(o.supplier !== undefined ? { supplier: o.supplier } : {}),
        ...(o.site !== undefined ? { site: o.site } : {}),
        risk: o.risk,
        source: o.source,
        recordedBy: o.by,
        ...(o.observed !== undefined ? { observedOn: o.observed } : {}),
        evidence: (o.evidence ?? []).map(parseEvidence),
        ...(o.note !== undefined ? { note: o.note } : {}),
        ...(o.status !== undefined ? { status: o.status } : {}),
        ...(o.id !== undefined ? { id: o.id } : {}),
      });
      const v = riskView(e);
      print(Boolean(o.json), v, () => `recorded ${v.id}: ${v.definition.title} at ${v.subject.kind} ${v.subject.uri}, ${v.status} (respond: ${v.definition.response})`);
    });

  risk
    .command('list')
    .description('register entries, by observation date')
    .option('--org <org>', 'only this organisation’s register')
    .option('--supplier <org>', 'only this supplier')
    .option('--site <site>', 'only this mine site')
    .option('--risk <risk>', 'only this risk')
    .option('--status <status>', 'only entries now in this status')
    .addOption(json())
    .action(async (o: { org?: string; supplier?: string; site?: string; risk?: string; status?: string; json?: boolean }) => {
      const orp = await open();
      const owner = o.org ? await orp.registry.organisation(o.org) : undefined;
      if (o.org && !owner) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${o.org}"`, { org: o.org });
      const views = await listRisks(orp, { ...(owner ? { owners: [owner.uri] } : {}), ...o });
      print(Boolean(o.json), views, () => riskRows(views));
    });

  risk
    .command('show <id>')
    .description('a register entry with its evidence and status history')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const e = await (await open()).risks.risk(id);
      if (!e) throw new OrpailleError('ORP_NOT_FOUND', `no risk entry ${id}`, { id });
      const v = riskView(e);
      print(Boolean(o.json), v, () => riskText(v));
    });

  risk
    .command('set <id> <status>')
    .description(`change an entry's status (${RISK_STATUSES.join(', ')}) with who and why; confirming serious abuses or support to armed groups calls for immediate suspension`)
    .requiredOption('--by <person>', 'the person deciding')
    .option('--on <date>', 'effective date, YYYY-MM-DD (default today)')
    .option('--reason <text>', 'why')
    .addOption(json())
    .action(async (id: string, status: string, o: { by: string; on?: string; reason?: string; json?: boolean }) => {
      const r = await changeRisk(await open(), id, { status, by: o.by, ...(o.on !== undefined ? { on: o.on } : {}), ...(o.reason !== undefined ? { reason: o.reason } : {}) });
      print(Boolean(o.json), r, () =>
        [`${r.entry.id} ${r.entry.status} on ${r.entry.history[r.entry.history.length - 1]!.on}`, ...(r.immediateDisengagement ? ['  this risk calls for immediate suspension or disengagement of the supplier (OECD Annex II)'] : [])].join('\n'),
      );
    });
}
