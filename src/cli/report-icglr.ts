import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { OrpailleError } from '../kernel/index.js';
import { icglr, type IcglrDetails } from '../reporting/icglr.js';
import type { AccessCommandContext } from './access.js';

function readDetails(file: string | undefined): IcglrDetails {
  if (file === undefined) return {};
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${file} as JSON: ${(err as Error).message}`, { file });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new OrpailleError('ORP_BAD_INPUT', `${file} must hold a JSON object of certificate details`, { file });
  return doc as IcglrDetails;
}

/** `orpaille report icglr --lot LOT [--lang en|fr|both] --details FILE --out FILE.pdf` (docs/reports.md, "ICGLR regional certificate"). */
export function registerIcglrReport(report: Command, ctx: AccessCommandContext): void {
  report
    .command('icglr')
    .description('issue the ICGLR regional export certificate of a lot (PDF, English and French); refuses, naming what is missing, and records the number so it is issued once')
    .requiredOption('--lot <lot>', 'the exported lot (id or number)')
    .addOption(new Option('--lang <lang>', 'language of the certificate').choices(['en', 'fr', 'both']).default('both'))
    .option('--details <file>', 'JSON file of what the ledger does not hold: customsValueUsd, route, transportCompany, issuingAuthority, verifier {name, position, id}, verificationDate, validator (and optionally number, importer, destinationCountry, issuingCountry, shipmentDate, issuedOn, expiresOn)')
    .option('--number <number>', 'certificate serial number (default: the one named by the export event)')
    .option('--issued-on <date>', 'date of issuance (YYYY-MM-DD, default today)')
    .option('--expires-on <date>', 'expiry date (default and latest: issuance + the validity period in force)')
    .requiredOption('--out <file>', 'where to write the PDF')
    .addOption(new Option('--generated-at <instant>', 'time of generation (reproducible output)').hideHelp())
    .addOption(ctx.json())
    .action(async (o: { lot: string; lang: 'en' | 'fr' | 'both'; details?: string; number?: string; issuedOn?: string; expiresOn?: string; out: string; generatedAt?: string; json?: boolean }) => {
      const details: IcglrDetails = {
        file: basename(o.out),
        ...readDetails(o.details),
        ...(o.number ? { number: o.number } : {}),
        ...(o.issuedOn ? { issuedOn: o.issuedOn } : {}),
        ...(o.expiresOn ? { expiresOn: o.expiresOn } : {}),
      };
      const r = await icglr(await ctx.open()).issue(o.lot, details, { lang: o.lang, ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}) });
      // Written only once the certificate is complete and recorded: a refusal leaves no file.
      writeFileSync(o.out, r.bytes);
      const c = r.certificate;
      const summary = { file: o.out, number: c.number, lot: c.lotNumber, issuedOn: c.issuedOn, expiresOn: c.expiresOn, reprint: r.reprint, ledgerSeq: r.stamp.ledgerSeq, ledgerHead: r.stamp.ledgerHead };
      ctx.print(Boolean(o.json), summary, () => `${r.reprint ? 'printed again' : 'issued'} ICGLR certificate ${c.number} for lot ${c.lotNumber} (${c.issuedOn} to ${c.expiresOn}): ${o.out}, ledger head #${r.stamp.ledgerSeq} ${r.stamp.ledgerHead}`);
    });
}
