import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { reportPeriod } from '../reports/index.js';
import { programmeReport, type ProgrammeFormat } from '../reporting/programme.js';
import type { AccessCommandContext } from './access.js';

/** `orpaille report programme [--org ORG] --from D --to D [--format json|csv] --out FILE` (docs/reports.md). */
export function registerProgrammeReport(report: Command, ctx: AccessCommandContext): void {
  report
    .command('programme')
    .description("programme figures for NGOs and funders: miners, legal fine gold, price vs LBMA, premiums, mercury-free share, sites, incidents")
    .option('--org <org>', 'the organisation whose programme it is (default: every organisation)')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'day after the period (YYYY-MM-DD, exclusive)')
    .option('--format <format>', 'json or csv', 'json')
    .requiredOption('--out <file>', 'where to write the figures')
    .addOption(new Option('--generated-at <instant>', 'time of generation (reproducible output)').hideHelp())
    .addOption(ctx.json())
    .action(async (o: { org?: string; from: string; to: string; format: string; out: string; generatedAt?: string; json?: boolean }) => {
      const period = reportPeriod(o.from, o.to);
      if (o.format !== 'json' && o.format !== 'csv') throw new OrpailleError('ORP_BAD_INPUT', `--format is json or csv, got "${o.format}"`, { format: o.format });
      const r = await programmeReport(await ctx.open(), { ...(o.org ? { org: o.org } : {}), period, format: o.format as ProgrammeFormat, ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}) });
      writeFileSync(o.out, r.bytes);
      const summary = { file: o.out, bytes: r.bytes.length, ledgerSeq: r.stamp.ledgerSeq, ledgerHead: r.stamp.ledgerHead, period };
      ctx.print(Boolean(o.json), summary, () => `wrote ${o.out}: programme figures of ${r.figures.org?.name ?? 'every organisation'}, ledger head #${summary.ledgerSeq} ${summary.ledgerHead}`);
    });
}
