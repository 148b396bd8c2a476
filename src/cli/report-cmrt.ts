import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { CMRT_SCOPES, type CmrtScope } from '../reports/cmrt/index.js';
import { cmrt } from '../reporting/cmrt.js';
import type { AccessCommandContext } from './access.js';

/** `orpaille report cmrt --org ORG [--scope A|B|C] [--period YYYY] --out FILE.xlsx` (docs/reports.md, "CMRT"). */
export function registerCmrtReport(report: Command, ctx: AccessCommandContext): void {
  report
    .command('cmrt')
    .description('CMRT 6.5 workbook (xlsx) of an organisation for a calendar year, from the ledger and its recorded CMRT answers')
    .requiredOption('--org <org>', 'the declaring organisation (id or URI)')
    .option('--scope <scope>', 'declaration scope: A company, B products, C user defined', 'A')
    .option('--period <year>', 'calendar year (YYYY, default this year)')
    .requiredOption('--out <file>', 'where to write the xlsx')
    .addOption(new Option('--generated-at <instant>', 'time of generation (reproducible output)').hideHelp())
    .addOption(ctx.json())
    .action(async (o: { org: string; scope: string; period?: string; out: string; generatedAt?: string; json?: boolean }) => {
      if (!(o.scope in CMRT_SCOPES)) throw new OrpailleError('ORP_BAD_INPUT', `--scope is A, B or C, got "${o.scope}"`);
      if (o.period !== undefined && !/^\d{4}$/.test(o.period)) throw new OrpailleError('ORP_BAD_INPUT', `--period is a calendar year (YYYY), got "${o.period}"`);
      const r = await cmrt(await ctx.open()).report(o.org, { scope: o.scope as CmrtScope, ...(o.period ? { year: Number(o.period) } : {}), ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}) });
      // Written only once the whole workbook is built: an error leaves no file.
      writeFileSync(o.out, r.bytes);
      const summary = { file: o.out, bytes: r.bytes.length, ledgerSeq: r.report.stamp.ledgerSeq, ledgerHead: r.report.stamp.ledgerHead, period: r.report.stamp.period, smelters: r.report.smelters.length, products: r.report.products.length };
      ctx.print(Boolean(o.json), summary, () => `wrote ${o.out}: CMRT ${r.report.stamp.period.from.slice(0, 4)} of ${r.report.companyName}, ${summary.smelters} smelter${summary.smelters === 1 ? '' : 's'}, ledger head #${summary.ledgerSeq} ${summary.ledgerHead}`);
    });
}
