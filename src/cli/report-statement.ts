import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { reportPeriod } from '../reports/index.js';
import { premiumPriceStatement, type StatementFormat } from '../reporting/statement.js';
import type { AccessCommandContext } from './access.js';

/** `orpaille report statement --producer ORG --from D --to D --out FILE.pdf|FILE.csv` (docs/reports.md). */
export function registerStatementReport(report: Command, ctx: AccessCommandContext): void {
  report
    .command('statement')
    .description("a producer organisation's premium and price statement for a period (PDF or CSV, from the --out extension)")
    .requiredOption('--producer <org>', 'the producer organisation (id or URI)')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'day after the period (YYYY-MM-DD, exclusive)')
    .requiredOption('--out <file>', 'where to write the statement: FILE.pdf or FILE.csv')
    .addOption(new Option('--generated-at <instant>', 'time of generation (reproducible output)').hideHelp())
    .addOption(ctx.json())
    .action(async (o: { producer: string; from: string; to: string; out: string; generatedAt?: string; json?: boolean }) => {
      const period = reportPeriod(o.from, o.to);
      const ext = extname(o.out).toLowerCase().slice(1);
      if (ext !== 'pdf' && ext !== 'csv') throw new OrpailleError('ORP_BAD_INPUT', `--out must end in .pdf or .csv, got "${o.out}"`, { out: o.out });
      const r = await premiumPriceStatement(await ctx.open(), { producer: o.producer, period, format: ext as StatementFormat, ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}) });
      // Written only once the whole statement is rendered: an error leaves no file.
      writeFileSync(o.out, r.bytes);
      const summary = { file: o.out, bytes: r.bytes.length, ledgerSeq: r.stamp.ledgerSeq, ledgerHead: r.stamp.ledgerHead, period, purchases: r.statement.purchases.length, premiumOutstandingCents: r.statement.toDate.outstandingCents };
      ctx.print(Boolean(o.json), summary, () => `wrote ${o.out}: statement of ${r.statement.producer.name}, ${summary.purchases} purchase${summary.purchases === 1 ? '' : 's'}, ledger head #${summary.ledgerSeq} ${summary.ledgerHead}`);
    });
}
