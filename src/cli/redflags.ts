import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { INCIDENT_STATUSES, RED_FLAG_RULES, type Incident, type IncidentStatus, type RedFlagRule } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { AccessCommandContext } from './access.js';
import { requireOrg } from './commands.js';
import { table } from './io.js';

/**
 * `orpaille diligence scan|areas|approve-cash` and `orpaille incident list|show|update`: the red-flag
 * engine on demand, the risk areas it reads, cash approvals, and the incidents it raises.
 */
export function registerRedFlagCommands(program: Command, diligence: Command, ctx: AccessCommandContext): void {
  diligence
    .command('scan')
    .description('run every red-flag rule over the whole ledger and raise an incident for each new hit (hits already raised are not raised again)')
    .addOption(ctx.json())
    .action(async (o: { json?: boolean }) => {
      const orp = await ctx.open();
      const r = await orp.redFlags.scan();
      ctx.print(Boolean(o.json), r, () =>
        [
          `scanned ${r.events} events: ${r.hits} red flag${r.hits === 1 ? '' : 's'}, ${r.raised.length} new incident${r.raised.length === 1 ? '' : 's'}`,
          ...RED_FLAG_RULES.filter((rule) => r.byRule[rule] > 0).map((rule) => `  ${rule}: ${r.byRule[rule]}`),
          ...(r.raised.length > 0 ? ['', incidentTable(r.raised)] : []),
        ].join('\n'),
      );
    });

  const areas = diligence.command('areas').description('conflict-affected and high-risk areas, protected areas (dated country lists and GeoJSON polygons)');
  areas
    .command('list')
    .description('list every version of every risk area')
    .addOption(ctx.json())
    .action(async (o: { json?: boolean }) => {
      const list = await (await ctx.open()).incidents.areas();
      ctx.print(Boolean(o.json), list, () =>
        table(
          list.map((a) => ({ id: a.id, category: a.category, from: a.effectiveFrom, to: a.effectiveTo ?? '', countries: a.countries.join(' '), polygons: a.polygons.length, name: a.name })),
          ['id', 'category', 'from', 'to', 'countries', 'polygons', 'name'],
        ),
      );
    });
  areas
    .command('load <file>')
    .description('add or replace risk areas from a GeoJSON FeatureCollection (properties: id, name, category cahra|protected_area, countries, effectiveFrom, effectiveTo, source)')
    .addOption(ctx.json())
    .action(async (file: string, o: { json?: boolean }) => {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${file} as JSON: ${(err as Error).message}`, { file });
      }
      const loaded = await (await ctx.open()).redFlags.loadAreas(doc);
      ctx.print(Boolean(o.json), loaded, () => `loaded ${loaded.length} risk area${loaded.length === 1 ? '' : 's'}: ${loaded.map((a) => a.id).join(', ')} (run: orpaille diligence scan)`);
    });

  diligence
    .command('approve-cash')
    .description('record a person’s approval of a cash purchase (LBMA RGG v9: cash only for ASM, with approvals)')
    .requiredOption('--buyer <org>', 'buying organisation (id or URI)')
    .requiredOption('--purchase <number>', 'purchase number')
    .requiredOption('--by <person>', 'who approves')
    .requiredOption('--note <text>', 'why cash is acceptable here')
    .addOption(ctx.json())
    .action(async (o: { buyer: string; purchase: string; by: string; note: string; json?: boolean }) => {
      if (o.note.trim() === '' || o.by.trim() === '') throw new OrpailleError('ORP_BAD_INPUT', 'an approval needs the person (--by) and a reason (--note)');
      const orp = await ctx.open();
      const buyer = await requireOrg(orp, o.buyer);
      const approval = { buyer: buyer.uri, purchaseNumber: o.purchase, approvedBy: o.by, approvedAt: orp.clock.now().getTime(), note: o.note };
      await orp.incidents.approveCash(approval);
      ctx.print(Boolean(o.json), approval, () => `cash purchase ${o.purchase} of ${buyer.name} approved by ${o.by}`);
    });

  const incident = program.command('incident').description('incidents raised by the red-flag engine: evidence, owner, status, history');
  incident
    .command('list')
    .description('list incidents, newest event first')
    .option('--org <org>', 'only this organisation’s (id or URI)')
    .option('--status <status>', `only in this status (${INCIDENT_STATUSES.join(', ')})`)
    .option('--rule <rule>', `only raised by this rule (${RED_FLAG_RULES.join(', ')})`)
    .option('--limit <n>', 'most incidents shown', '100')
    .addOption(ctx.json())
    .action(async (o: { org?: string; status?: string; rule?: string; limit: string; json?: boolean }) => {
      if (o.status !== undefined && !INCIDENT_STATUSES.includes(o.status as IncidentStatus)) throw new OrpailleError('ORP_BAD_INPUT', `--status must be one of ${INCIDENT_STATUSES.join(', ')}`);
      if (o.rule !== undefined && !RED_FLAG_RULES.includes(o.rule as RedFlagRule)) throw new OrpailleError('ORP_BAD_INPUT', `--rule must be one of ${RED_FLAG_RULES.join(', ')}`);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new OrpailleError('ORP_BAD_INPUT', `--limit must be a positive integer, got "${o.limit}"`);
      const orp = await ctx.open();
      const org = o.org ? await requireOrg(orp, o.org) : undefined;
      const r = await orp.incidents.list({ ...(org ? { orgs: [org.uri] } : {}), ...(o.status ? { status: o.status as IncidentStatus } : {}), ...(o.rule ? { rule: o.rule as RedFlagRule } : {}), limit });
      ctx.print(Boolean(o.json), r, () => `${r.total} incident${r.total === 1 ? '' : 's'}${r.total > r.incidents.length ? ` (first ${r.incidents.length})` : ''}\n${incidentTable(r.incidents)}`);
    });
  incident
    .command('show <id>')
    .description('show an incident: its evidence (events, figures, threshold, rule version) and history')
    .addOption(ctx.json())
    .action(async (id: string, o: { json?: boolean }) => {
      const i = await (await ctx.open()).incidents.get(id);
      if (!i) throw new OrpailleError('ORP_NOT_FOUND', `no incident ${id} (see: orpaille incident list)`, { id });
      ctx.print(Boolean(o.json), i, () => incidentText(i));
    });
  incident
    .command('update <id>')
    .description('change an incident’s status and/or owner, saying who and why (kept in its history)')
    .requiredOption('--by <person>', 'who makes the change')
    .requiredOption('--note <text>', 'why')
    .option('--status <status>', `new status (${INCIDENT_STATUSES.join(', ')})`)
    .option('--owner <person>', 'new owner')
    .addOption(ctx.json())
    .action(async (id: string, o: { by: string; note: string; status?: string; owner?: string; json?: boolean }) => {
      if (o.status !== undefined && !INCIDENT_STATUSES.includes(o.status as IncidentStatus)) throw new OrpailleError('ORP_BAD_INPUT', `--status must be one of ${INCIDENT_STATUSES.join(', ')}`);
      const i = await (await ctx.open()).redFlags.updateIncident(id, { by: o.by, note: o.note, ...(o.status ? { status: o.status as IncidentStatus } : {}), ...(o.owner ? { owner: o.owner } : {}) });
      ctx.print(Boolean(o.json), i, () => incidentText(i));
    });
}

function incidentTable(list: Incident[]): string {
  return table(
    list.map((i) => ({ id: i.id, status: i.status, rule: i.rule, event: i.evidence.eventTime.slice(0, 10), owner: i.owner ?? '', summary: i.summary })),
    ['id', 'status', 'rule', 'event', 'owner', 'summary'],
  );
}

function incidentText(i: Incident): string {
  const kv = (o: Record<string, unknown>) => Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join('  ');
  const v = i.evidence.ruleVersion;
  return [
    `${i.id}  ${i.status}${i.owner ? `  owner ${i.owner}` : ''}`,
    `rule       ${i.rule}`,
    `summary    ${i.summary}`,
    `events     seq ${i.evidence.seqs.join(', ')} (${i.evidence.eventTime})`,
    `figures    ${kv(i.evidence.numbers)}`,
    `threshold  ${kv(i.evidence.threshold)}`,
    `rule used  ${v.rule} ${v.key} from ${v.effectiveFrom}${v.effectiveTo ? ` to ${v.effectiveTo}` : ''} (${v.confidence}): ${v.source}`,
    'history',
    ...i.history.map((h) => `  ${h.at}  ${h.status.padEnd(12)} ${h.by}${h.owner ? ` (owner ${h.owner})` : ''}: ${h.note}`),
  ].join('\n');
}
