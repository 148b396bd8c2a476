import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { cmrt } from '../reporting/cmrt.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${file}: ${(err as Error).message}`, { file });
  }
}

/**
 * `orpaille cmrt import-smelters|smelters|profile|import|declarations`: the RMI smelter reference, the
 * company's recorded CMRT answers and supplier CMRTs (docs/reports.md, "CMRT").
 */
export function registerCmrtCommands(program: Command, ctx: AccessCommandContext): void {
  const group = program.command('cmrt').description('Conflict Minerals Reporting Template: RMI smelter reference, company answers, supplier CMRTs (docs/reports.md)');

  group
    .command('import-smelters <file>')
    .description('import the RMI smelter reference from an official CMRT workbook (RMI_CMRT_6.5.xlsx); replaces the rows of the same template version')
    .addOption(ctx.json())
    .action(async (file: string, o: { json?: boolean }) => {
      const r = await cmrt(await ctx.open()).importSmelters(readInput(file), basename(file));
      ctx.print(Boolean(o.json), r, () => `imported ${r.smelters} smelter look-up rows of CMRT ${r.version} (${r.revisionDate}): ${Object.entries(r.metals).map(([m, n]) => `${m} ${n}`).join(', ')}`);
    });

  group
    .command('smelters')
    .description('list the imported smelter reference versions')
    .addOption(ctx.json())
    .action(async (o: { json?: boolean }) => {
      const versions = await cmrt(await ctx.open()).store.referenceVersions();
      ctx.print(Boolean(o.json), versions, () => (versions.length === 0 ? 'no smelter reference imported (orpaille cmrt import-smelters RMI_CMRT_6.5.xlsx)' : table(versions.map((v) => ({ version: v.version, date: v.revisionDate, smelters: String(v.smelters), file: v.fileName })), ['version', 'date', 'smelters', 'file'])));
    });

  group
    .command('import <file>')
    .description("import a supplier's CMRT 6.x (6.01 to 6.5): declaration answers and smelters, ids checked against the reference; a malformed file is refused naming the sheet and cell")
    .requiredOption('--org <org>', 'the organisation receiving it (id or URI)')
    .option('--supplier <org>', 'the supplier organisation (default: the registered organisation named like the file company)')
    .addOption(ctx.json())
    .action(async (file: string, o: { org: string; supplier?: string; json?: boolean }) => {
      const d = await cmrt(await ctx.open()).importSupplier(o.org, readInput(file), basename(file), o.supplier);
      const summary = { id: d.id, supplier: d.supplier, company: d.cmrt.companyName, version: d.cmrt.version, effectiveDate: d.cmrt.effectiveDate, smelters: d.cmrt.smelters.length, unknownSmelterIds: d.unknownSmelterIds };
      ctx.print(Boolean(o.json), summary, () =>
        [`imported the CMRT ${d.cmrt.version} of ${d.cmrt.companyName} (${d.cmrt.effectiveDate}): ${d.cmrt.smelters.length} smelter row${d.cmrt.smelters.length === 1 ? '' : 's'}`, ...(d.unknownSmelterIds.length > 0 ? [`not in the RMI reference: ${d.unknownSmelterIds.join(', ')}`] : [])].join('\n'),
      );
    });

  group
    .command('declarations')
    .description('list the supplier CMRTs an organisation imported')
    .requiredOption('--org <org>', 'organisation (id or URI)')
    .option('--supplier <supplier>', 'only this supplier (URI or company name)')
    .addOption(ctx.json())
    .action(async (o: { org: string; supplier?: string; json?: boolean }) => {
      const list = await cmrt(await ctx.open()).declarations(o.org, o.supplier);
      const rows = list.map((d) => ({ id: d.id, supplier: d.supplier, company: d.cmrt.companyName, version: d.cmrt.version, effectiveDate: d.cmrt.effectiveDate, scope: d.cmrt.scope, smelters: d.cmrt.smelters.length, unknownSmelterIds: d.unknownSmelterIds, file: d.fileName }));
      ctx.print(Boolean(o.json), rows, () => (rows.length === 0 ? 'no supplier CMRT imported' : table(rows.map((r) => ({ ...r, smelters: String(r.smelters), unknownSmelterIds: r.unknownSmelterIds.join(' ') })), ['supplier', 'company', 'version', 'effectiveDate', 'smelters', 'unknownSmelterIds', 'file'])));
    });

  const profile = group.command('profile').description("the company's recorded CMRT answers (company information, questions A-H, other metals)");
  profile
    .command('set <file>')
    .description('record the CMRT answers of an organisation from a JSON file (replaces what was recorded)')
    .requiredOption('--org <org>', 'organisation (id or URI)')
    .addOption(ctx.json())
    .action(async (file: string, o: { org: string; json?: boolean }) => {
      let doc: unknown;
      try {
        doc = JSON.parse(readInput(file).toString('utf8'));
      } catch (err) {
        if (err instanceof OrpailleError) throw err;
        throw new OrpailleError('ORP_BAD_INPUT', `${file} is not JSON: ${(err as Error).message}`, { file });
      }
      const p = await cmrt(await ctx.open()).setProfile(o.org, doc);
      ctx.print(Boolean(o.json), p, () => `recorded the CMRT answers of ${o.org}: ${Object.keys(p.policy).length} company questions, ${Object.keys(p.questions).length} questions 1-8`);
    });
  profile
    .command('show')
    .description('print the recorded CMRT answers of an organisation (JSON)')
    .requiredOption('--org <org>', 'organisation (id or URI)')
    .action(async (o: { org: string }) => {
      const p = await cmrt(await ctx.open()).profile(o.org);
      if (!p) throw new OrpailleError('ORP_NOT_FOUND', `${o.org} has recorded no CMRT answers (orpaille cmrt profile set FILE --org ${o.org})`, { org: o.org });
      ctx.print(true, p, () => '');
    });
}
