import type { Command } from 'commander';
import { SUPPLIER_DECISIONS, type FlaggedLot, type SupplierDecision } from '../diligence/index.js';
import { formatGrams } from '../kernel/index.js';
import { recordDecision, requireOrganisation, resolveSupplier, supplierStanding } from '../registrar/index.js';
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
