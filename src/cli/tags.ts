import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { parseSerials, type TagBatchResult, type TagDeclaration } from '../tags/index.js';
import type { StockReport } from '../tag-registry.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

export interface TagCommandContext extends AccessCommandContext {
  /** Sets exit status 1 (a batch refused item by item). */
  fail(): void;
}

/**
 * `orpaille tags issue|void|lost|count|stock`: tag custody (GOLD-RULES s.3). Tags are issued to an
 * agent, used on a lot (the ledger), voided or lost; a physical count is judged against the stock.
 */
export function registerTagCommands(program: Command, ctx: TagCommandContext): void {
  const tags = program.command('tags').description('tag custody: tags issued to agents, voided, lost, counted; stock per agent (docs/diligence.md)');

  const batch = (json: boolean, r: TagBatchResult, what: string) => {
    if (!r.committed) ctx.fail();
    ctx.print(json, r, () => {
      const bad = r.results.filter((x) => x.status === 'rejected');
      if (bad.length === 0) return `${what} ${r.results.length} tag${r.results.length === 1 ? '' : 's'}${r.results.length <= 3 ? `: ${r.results.map((x) => x.serial).join(', ')}` : ` (${r.results[0]!.serial} .. ${r.results.at(-1)!.serial})`}`;
      return [`nothing recorded: ${bad.length} of ${r.results.length} refused`, table(bad.map((x) => ({ serial: x.serial, code: x.error!.code, message: x.error!.message })), ['serial', 'code', 'message'])].join('\n');
    });
  };

  tags
    .command('issue')
    .description('issue tags to an agent (a registered organisation or miner): a range --from/--to or one --serial; all or nothing')
    .requiredOption('--org <org>', 'the organisation issuing the tags and keeping the registry (id or URI)')
    .requiredOption('--agent <party>', 'the agent receiving them (id or URI)')
    .option('--from <serial>', 'first serial of the range (e.g. ITR-000100)')
    .option('--to <serial>', 'last serial of the range (e.g. ITR-000199)')
    .option('--serial <serial>', 'a single tag')
    .requiredOption('--by <person>', 'who issues them')
    .option('--date <date>', 'day of issue (YYYY-MM-DD, default today)')
    .addOption(ctx.json())
    .action(async (o: { org: string; agent: string; from?: string; to?: string; serial?: string; by: string; date?: string; json?: boolean }) => {
      const range = o.from !== undefined || o.to !== undefined;
      if (range === (o.serial !== undefined) || (range && (o.from === undefined || o.to === undefined))) throw new OrpailleError('ORP_BAD_INPUT', 'give either --from and --to, or --serial');
      const serials = range ? parseSerials(`${o.from}..${o.to}`) : parseSerials(o.serial!);
      const orp = await ctx.open();
      const r = await orp.tags.issue({ org: o.org, agent: o.agent, serials, issuedOn: o.date ?? orp.clock.now().toISOString().slice(0, 10), issuedBy: o.by });
      batch(Boolean(o.json), r, 'issued');
    });

  const declare = (state: TagDeclaration['state']) =>
    tags
      .command(`${state === 'voided' ? 'void' : 'lost'} <serials...>`)
      .description(state === 'voided' ? 'declare tags voided (spoilt, cancelled): serials or FROM..TO ranges; all or nothing' : 'declare tags lost: serials or FROM..TO ranges; all or nothing')
      .requiredOption('--org <org>', 'the organisation that issued them (id or URI)')
      .requiredOption('--by <person>', 'who declares it')
      .option('--reason <text>', state === 'voided' ? 'why (required)' : 'what is known of the loss')
      .option('--date <date>', 'day it happened (YYYY-MM-DD, default today)')
      .addOption(ctx.json())
      .action(async (serials: string[], o: { org: string; by: string; reason?: string; date?: string; json?: boolean }) => {
        if (state === 'voided' && !o.reason?.trim()) throw new OrpailleError('ORP_BAD_INPUT', 'a voided tag needs a --reason');
        const orp = await ctx.open();
        const on = o.date ?? orp.clock.now().toISOString().slice(0, 10);
        const items = serials.flatMap(parseSerials).map((serial) => ({ serial, state, on, by: o.by, ...(o.reason?.trim() ? { reason: o.reason } : {}) }));
        batch(Boolean(o.json), await orp.tags.declare(o.org, items), state === 'voided' ? 'voided' : 'declared lost');
      });
  declare('voided');
  declare('lost');

  tags
    .command('count')
    .description('record a physical count of an agent’s tags on hand (a number, or a file of serials one a line) and judge it against the stock')
    .requiredOption('--org <org>', 'the organisation keeping the registry (id or URI)')
    .requiredOption('--agent <party>', 'whose tags were counted (id or URI)')
    .option('--on-hand <n>', 'how many tags were found')
    .option('--serials <file>', 'a file with the serials found, one a line')
    .requiredOption('--by <person>', 'who counted')
    .option('--date <date>', 'day of the count (YYYY-MM-DD, default today)')
    .addOption(ctx.json())
    .action(async (o: { org: string; agent: string; onHand?: string; serials?: string; by: string; date?: string; json?: boolean }) => {
      if ((o.onHand === undefined) === (o.serials === undefined)) throw new OrpailleError('ORP_BAD_INPUT', 'give either --on-hand N or --serials FILE');
      const onHand = o.onHand !== undefined ? Number(o.onHand) : undefined;
      let serials: string[] | undefined;
      if (o.serials !== undefined) {
        try {
          serials = readFileSync(o.serials, 'utf8').split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
        } catch (err) {
          throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${o.serials}: ${(err as Error).message}`, { file: o.serials });
        }
      }
      const orp = await ctx.open();
      const r = await orp.tags.count({ org: o.org, agent: o.agent, countedOn: o.date ?? orp.clock.now().toISOString().slice(0, 10), countedBy: o.by, ...(onHand !== undefined ? { onHand } : {}), ...(serials ? { serials } : {}) });
      ctx.print(Boolean(o.json), r, () =>
        [
          `count ${r.count.id}: ${r.count.onHand} on hand on ${r.count.countedOn}, the records give ${r.reconciliation.stock.onHand}: ${r.reconciliation.reconciled ? 'reconciled' : 'NOT reconciled'}`,
          ...(r.reconciliation.missing.length > 0 ? [`missing   ${r.reconciliation.missing.join(' ')}`] : []),
          ...(r.reconciliation.extra.length > 0 ? [`extra     ${r.reconciliation.extra.join(' ')}`] : []),
          ...r.raised.map((i) => `incident ${i.id} raised (${i.rule})`),
        ].join('\n'),
      );
    });

  tags
    .command('stock')
    .description('an agent’s tag stock on a day: issued, used, voided, lost, on hand (computed), and the last physical count')
    .requiredOption('--agent <party>', 'the agent (id or URI)')
    .option('--org <org>', 'only tags this organisation issued (id or URI)')
    .option('--date <date>', 'the day (YYYY-MM-DD, default today)')
    .addOption(ctx.json())
    .action(async (o: { agent: string; org?: string; date?: string; json?: boolean }) => {
      const r = await (await ctx.open()).tags.stock(o.agent, o.date, o.org);
      ctx.print(Boolean(o.json), r, () => stockText(r));
    });
}

function stockText(r: StockReport): string {
  const s = r.stock;
  const c = r.lastCount;
  return [
    `tag stock of ${s.agent} on ${s.date}`,
    table([{ issued: s.issued, used: s.used, voided: s.voided, lost: s.lost, 'on hand': s.onHand }], ['issued', 'used', 'voided', 'lost', 'on hand']),
    c
      ? `last count ${c.count.id} on ${c.count.countedOn} by ${c.count.countedBy}: ${c.count.onHand} counted, ${c.stock.onHand} expected: ${c.reconciled ? 'reconciled' : `NOT reconciled${c.missing.length > 0 ? `; missing ${c.missing.join(' ')}` : ''}${c.extra.length > 0 ? `; extra ${c.extra.join(' ')}` : ''}`}`
      : 'no physical count yet',
  ].join('\n');
}
