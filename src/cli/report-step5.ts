import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { step5Report, STEP5_FORMATS, type Step5Format } from '../reporting/step5.js';
import type { AccessCommandContext } from './access.js';

/** `orpaille report step5 --org ORG --year YYYY --out FILE.pdf|FILE.html` (docs/reports.md, "OECD Step 5 report"). */
export function registerStep5Report(report: Command, ctx: AccessCommandContext): void {
  report
    .command('step5')
    .description("an organisation's OECD Step 5 annual due diligence report for a calendar year (PDF or HTML, from the --out extension)")
    .requiredOption('--org <org>', 'the reporting organisation (id or URI)')
    .requiredOption('--year <year>', 'calendar year (YYYY)')
    .requiredOption('--out <file>', 'where to write the report: FILE.pdf or FILE.html')
    .addOption(new Option('--generated-at <instant>', 'time of generation (reproducible output)').hideHelp())
    .addOption(ctx.json())
    .action(async (o: { org: string; year: string; out: string; generatedAt?: string; json?: boolean }) => {
      const ext = extname(o.out).toLowerCase().slice(1);
      if (!(STEP5_FORMATS as readonly string[]).includes(ext)) throw new OrpailleError('ORP_BAD_INPUT', `--out must end in .pdf or .html, got "${o.out}"`, { out: o.out });
      const r = await step5Report(await ctx.open(), { org: o.org, year: o.year, format: ext as Step5Format, ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}) });
      // Written only once the whole report is rendered: an error leaves no file.
      writeFileSync(o.out, r.bytes);
      const f = r.report.figures;
      const summary = { file: o.out, bytes: r.bytes.length, ledgerSeq: r.stamp.ledgerSeq, ledgerHead: r.stamp.ledgerHead, period: r.stamp.period, redFlags: r.report.redFlags.total, suspendedOrDisengaged: r.report.suspended.length, fineGoldMg: f.totalMg, lots: f.lots };
      ctx.print(Boolean(o.json), summary, () => `wrote ${o.out}: OECD Step 5 report ${r.report.year} of ${r.report.org.name}, ${summary.redFlags} red flag${summary.redFlags === 1 ? '' : 's'}, ledger head #${summary.ledgerSeq} ${summary.ledgerHead}`);
    });
}
