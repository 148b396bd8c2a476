import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { reportPeriod } from '../reports/index.js';
import { rmapPack } from '../reporting/rmap.js';
import type { AccessCommandContext } from './access.js';

/** `orpaille report rmap --org REFINER --from D --to D --out FILE.zip` (docs/reports.md, "RMAP evidence pack"). */
export function registerRmapReport(report: Command, ctx: AccessCommandContext): void {
  report
    .command('rmap')
    .description("RMAP evidence pack (zip) of a refiner's ASM inputs in a period: per supplier the EPCIS chain of custody, assessments, certificates, incidents, decisions")
    .requiredOption('--org <org>', 'the refiner (id or URI)')
    .requiredOption('--from <date>', 'first day of the period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'day after the period (YYYY-MM-DD, exclusive)')
    .requiredOption('--out <file>', 'where to write the pack: FILE.zip')
    .addOption(new Option('--generated-at <instant>', 'time of generation (reproducible output)').hideHelp())
    .addOption(ctx.json())
    .action(async (o: { org: string; from: string; to: string; out: string; generatedAt?: string; json?: boolean }) => {
      const period = reportPeriod(o.from, o.to);
      if (extname(o.out).toLowerCase() !== '.zip') throw new OrpailleError('ORP_BAD_INPUT', `--out must end in .zip, got "${o.out}"`, { out: o.out });
      const r = await rmapPack(await ctx.open(), { org: o.org, period, ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}) });
      // Written only once the whole pack is built: an error leaves no file.
      writeFileSync(o.out, r.bytes);
      const x = r.index;
      const summary = { file: o.out, bytes: r.bytes.length, ledgerSeq: x.ledger.seq, ledgerHead: x.ledger.head, period, suppliers: x.suppliers.length, lots: x.asmInputs.lots, fineGrams: x.asmInputs.fineGrams, files: x.files.length + 2 };
      ctx.print(Boolean(o.json), summary, () =>
        `wrote ${o.out}: RMAP evidence pack of ${x.refiner.name}, ${summary.lots} ASM lot${summary.lots === 1 ? '' : 's'} (${summary.fineGrams} g fine) from ${summary.suppliers} supplier${summary.suppliers === 1 ? '' : 's'}, ledger head #${summary.ledgerSeq} ${summary.ledgerHead}`,
      );
    });
}
