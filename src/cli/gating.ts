import type { Command } from 'commander';
import { STEP_STATUSES, SUPPLIER_DECISIONS, type FlaggedLot, type SupplierDecision } from '../diligence/index.js';
import { OrpailleError, formatGrams } from '../kernel/index.js';
import { adoptPlan, checklistOf, listPlans, planView, recordDecision, recordStep, reportProgress, requireOrganisation, resolveSupplier, supplierStanding, type PlanInput, type PlanView } from '../registrar/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

function decisionsText(ds: SupplierDecision[]): string {
  if (ds.length === 0) return 'no decisions';
  return table(
    ds.map((d) => ({ at: d.decidedAt, supplier: d.supplier, decision: d.decision, by: d.decidedBy + (d.automatic ? ' (automatic)' : ''), reason: d.reason })),
    ['at', 'supplier', 'decision', 'by', 'reason'],
  );
}

function stockText(lots: FlaggedLot[]): string {
  if (lots.length === 0) return 'no stock of this supplier held';
  return ['flagged stock (received before the decision):', table(lots.map((l) => ({ lot: l.lot, site: l.site ?? '', held: `${formatGrams(l.heldMg)} g`, fineness: l.fineness / 10, status: l.status })), ['lot', 'site', 'held', 'fineness', 'status'])].join('\n');
}

/** `orpaille diligence decide|decisions|standing`: decisions that gate the trade (docs/diligence.md). */
export function registerGatingCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  diligence
    .command('decide <supplier>')
    .description("record an organisation's decision about a supplier (organisation, site or miner); suspend and disengage refuse its new lots at capture")
    .requiredOption('--org <org>', 'the deciding organisation (id or URI)')
    .requiredOption('--decision <decision>', SUPPLIER_DECISIONS.join(', '))
    .requiredOption('--by <name>', 'who decided')
    .requiredOption('--reason <text>', 'why')
    .option('--at <instant>', 'ISO 8601 date-time from which it applies (default now)')
    .option('--plan <id>', 'the risk management plan it belongs to')
    .addOption(json())
    .action(async (supplier: string, o: { org: string; decision: string; by: string; reason: string; at?: string; plan?: string; json?: boolean }) => {
      const orp = await open();
      const org = await requireOrganisation(orp, o.org);
      const r = await recordDecision(orp, org, { supplier, decision: o.decision, decidedBy: o.by, reason: o.reason, ...(o.at ? { decidedAt: o.at } : {}), ...(o.plan ? { planId: o.plan } : {}) });
      print(Boolean(o.json), r, () => [`${org.name}: ${r.decision.decision} ${r.decision.supplier} from ${r.decision.decidedAt} (${r.decision.id})`, ...(r.flaggedStock.length > 0 || r.decision.decision === 'suspend' || r.decision.decision === 'disengage' ? [stockText(r.flaggedStock)] : [])].join('\n'));
    });

  diligence
    .command('decisions')
    .description("an organisation's decisions about its suppliers, oldest first")
    .requiredOption('--org <org>', 'the deciding organisation (id or URI)')
    .option('--supplier <supplier>', 'one supplier (id or URI)')
    .addOption(json())
    .action(async (o: { org: string; supplier?: string; json?: boolean }) => {
      const orp = await open();
      const org = await requireOrganisation(orp, o.org);
      const ds = await orp.gating.decisions(org.uri, o.supplier ? (await resolveSupplier(orp, o.supplier)).uri : undefined);
      print(Boolean(o.json), ds, () => decisionsText(ds));
    });

  diligence
    .command('standing <supplier>')
    .description("a supplier's standing with an organisation now: decision in force, new lots refused or not, history, flagged stock")
    .requiredOption('--org <org>', 'the deciding organisation (id or URI)')
    .addOption(json())
    .action(async (supplier: string, o: { org: string; json?: boolean }) => {
      const orp = await open();
      const s = await supplierStanding(orp, await requireOrganisation(orp, o.org), supplier);
      print(Boolean(o.json), s, () =>
        [
          `${s.supplier}: ${s.inForce ? `${s.inForce.decision} since ${s.inForce.decidedAt}` : 'no decision'}; new lots ${s.refusesNewLots ? 'REFUSED' : 'accepted'}`,
          decisionsText(s.history),
          ...(s.refusesNewLots ? [stockText(s.flaggedStock)] : []),
        ].join('\n'),
      );
    });
}

function parseMeasure(v: string, previous: PlanInput['measures'] = []): PlanInput['measures'] {
  const parts = v.split(';').map((x) => x.trim());
  if (parts.length < 5) throw new OrpailleError('ORP_BAD_INPUT', `--measure is "indicator;baseline;target;at_least|at_most;description", got "${v}"`);
  const [indicator, baseline, target, direction, ...rest] = parts;
  return [...previous, { indicator: indicator!, baseline: Number(baseline), target: Number(target), direction: direction!, description: rest.join(';') }];
}

function planText(p: PlanView): string {
  return [
    `${p.id}: plan of ${p.organisation} for ${p.supplier}, adopted ${p.adoptedOn} by ${p.createdBy}; deadline ${p.deadline} (${p.deadlineRule.months} months, ${p.deadlineRule.rule} from ${p.deadlineRule.effectiveFrom})`,
    `review on ${p.review.on}: ${p.review.status}: ${p.review.explanation}`,
    table(
      p.review.measures.map((m) => ({ measure: m.id, indicator: m.indicator, baseline: m.baseline, target: `${m.direction === 'at_least' ? '>=' : '<='} ${m.target}`, latest: m.latest ? `${m.latest.value} (${m.latest.reportedOn})` : '', met: m.met ? 'yes' : 'no' })),
      ['measure', 'indicator', 'baseline', 'target', 'latest', 'met'],
    ),
  ].join('\n');
}

/** `orpaille diligence plan add|list|show|report`: risk management plans (docs/diligence.md). */
export function registerPlanCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  const plan = diligence.command('plan').description('risk management plans per supplier: measures, measurable targets, the Annex II deadline, progress');
  plan
    .command('add <supplier>')
    .description('adopt a plan for a supplier; the deadline comes from the dated rule diligence.mitigation_deadline')
    .requiredOption('--org <org>', 'the organisation adopting it (id or URI)')
    .requiredOption('--by <name>', 'who adopted it')
    .requiredOption('--measure <spec>', 'indicator;baseline;target;at_least|at_most;description (repeatable)', (v: string, prev: PlanInput['measures']) => parseMeasure(v, prev), [])
    .option('--adopted <date>', 'adoption date, YYYY-MM-DD (default today)')
    .option('--id <id>', 'plan id (default: generated)')
    .addOption(json())
    .action(async (supplier: string, o: { org: string; by: string; measure: PlanInput['measures']; adopted?: string; id?: string; json?: boolean }) => {
      const orp = await open();
      const p = await adoptPlan(orp, await requireOrganisation(orp, o.org), { supplier, createdBy: o.by, measures: o.measure, ...(o.adopted ? { adoptedOn: o.adopted } : {}), ...(o.id ? { id: o.id } : {}) });
      print(Boolean(o.json), p, () => planText(p));
    });
  plan
    .command('list')
    .description("an organisation's plans, reviewed today")
    .requiredOption('--org <org>', 'the organisation (id or URI)')
    .option('--supplier <supplier>', 'one supplier (id or URI)')
    .addOption(json())
    .action(async (o: { org: string; supplier?: string; json?: boolean }) => {
      const orp = await open();
      const ps = await listPlans(orp, await requireOrganisation(orp, o.org), o.supplier);
      print(Boolean(o.json), ps, () => (ps.length === 0 ? 'no plans' : table(ps.map((p) => ({ id: p.id, supplier: p.supplier, adopted: p.adoptedOn, deadline: p.deadline, status: p.review.status })), ['id', 'supplier', 'adopted', 'deadline', 'status'])));
    });
  plan
    .command('show <id>')
    .description('a plan with its measures and progress, reviewed on a date')
    .requiredOption('--org <org>', 'the organisation (id or URI)')
    .option('--date <date>', 'review date, YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (id: string, o: { org: string; date?: string; json?: boolean }) => {
      const orp = await open();
      const p = await planView(orp, await requireOrganisation(orp, o.org), id, o.date);
      print(Boolean(o.json), p, () => planText(p));
    });
  plan
    .command('report <id>')
    .description("report a measure's indicator value (a progress report)")
    .requiredOption('--org <org>', 'the organisation (id or URI)')
    .requiredOption('--measure <id>', 'the measure (M1, M2...)')
    .requiredOption('--value <number>', "the indicator's value")
    .requiredOption('--by <name>', 'who reports')
    .option('--on <date>', 'date of the value, YYYY-MM-DD (default today)')
    .option('--note <text>', 'note')
    .addOption(json())
    .action(async (id: string, o: { org: string; measure: string; value: string; by: string; on?: string; note?: string; json?: boolean }) => {
      const orp = await open();
      const value = Number(o.value);
      if (o.value.trim() === '' || !Number.isFinite(value)) throw new OrpailleError('ORP_BAD_INPUT', `--value must be a number, got "${o.value}"`);
      const p = await reportProgress(orp, await requireOrganisation(orp, o.org), id, { measure: o.measure, value, reportedBy: o.by, ...(o.on ? { reportedOn: o.on } : {}), ...(o.note ? { note: o.note } : {}) });
      print(Boolean(o.json), p, () => planText(p));
    });
}

/** `orpaille diligence steps show|set`: the OECD five-step checklist of an organisation, with evidence. */
export function registerStepCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  const steps = diligence.command('steps').description('the OECD five-step due diligence checklist of an organisation, with evidence (feeds the Step 5 report)');
  steps
    .command('show')
    .description("an organisation's checklist on a date: each item's status and evidence, each step complete or not")
    .requiredOption('--org <org>', 'the organisation (id or URI)')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (o: { org: string; date?: string; json?: boolean }) => {
      const orp = await open();
      const c = await checklistOf(orp, await requireOrganisation(orp, o.org), o.date);
      print(Boolean(o.json), c, () =>
        [
          `OECD five steps on ${c.on} (checklist ${c.version}): ${c.complete ? 'complete' : 'incomplete'}`,
          table(c.steps.flatMap((s) => s.items.map((i) => ({ item: i.id, status: i.status, evidence: i.evidence.join(', '), title: i.title }))), ['item', 'status', 'evidence', 'title']),
        ].join('\n'),
      );
    });
  steps
    .command('set <item>')
    .description(`record an item's status (${STEP_STATUSES.join(', ')}); done needs --evidence, not_applicable a --note`)
    .requiredOption('--org <org>', 'the organisation (id or URI)')
    .requiredOption('--status <status>', STEP_STATUSES.join(', '))
    .requiredOption('--by <name>', 'who records it')
    .option('--evidence <ref>', 'a document, URL or report reference (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--note <text>', 'note')
    .option('--on <date>', 'YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (item: string, o: { org: string; status: string; by: string; evidence: string[]; note?: string; on?: string; json?: boolean }) => {
      const orp = await open();
      const c = await recordStep(orp, await requireOrganisation(orp, o.org), { item, status: o.status, updatedBy: o.by, evidence: o.evidence, ...(o.note ? { note: o.note } : {}), ...(o.on ? { updatedOn: o.on } : {}) });
      print(Boolean(o.json), c, () => `${item}: ${o.status}; checklist ${c.complete ? 'complete' : 'incomplete'}`);
    });
}
