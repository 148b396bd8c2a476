import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { evidenceReference, storedEvidenceSha256 } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { AccessCommandContext } from './access.js';
import { requireOrg } from './commands.js';
import { table } from './io.js';

const TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf', '.txt': 'text/plain', '.csv': 'text/csv', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

/** `orpaille evidence add|list|get`: files that back due-diligence answers and register entries. */
export function registerEvidenceCommands(program: Command, ctx: AccessCommandContext): void {
  const evidence = program.command('evidence').description('evidence files of due diligence, named by their SHA-256 (cite them as sha256:<hex> in CRAFT answers and risk entries)');
  evidence
    .command('add <file>')
    .description('store a file for an organisation; prints the reference to cite (the same file twice is stored once)')
    .requiredOption('--org <org>', 'the organisation that holds it (id or URI)')
    .requiredOption('--by <person>', 'who adds it')
    .option('--type <mediaType>', 'media type (default from the extension)')
    .addOption(ctx.json())
    .action(async (file: string, o: { org: string; by: string; type?: string; json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (err) {
        throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${file}: ${(err as Error).message}`, { file });
      }
      const orp = await ctx.open();
      const org = await requireOrg(orp, o.org);
      const mediaType = o.type ?? TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      const r = await orp.evidence.add({ org: org.uri, name: basename(file), mediaType, bytes, uploadedAt: orp.clock.now().toISOString(), uploadedBy: o.by });
      ctx.print(Boolean(o.json), { ...r, reference: evidenceReference(r.file.sha256) }, () => `${r.created ? 'stored' : 'already stored'} ${r.file.name} (${r.file.size} bytes): cite it as ${evidenceReference(r.file.sha256)}`);
    });
  evidence
    .command('list')
    .description("an organisation's evidence files")
    .requiredOption('--org <org>', 'organisation (id or URI)')
    .addOption(ctx.json())
    .action(async (o: { org: string; json?: boolean }) => {
      const orp = await ctx.open();
      const list = await orp.evidence.list((await requireOrg(orp, o.org)).uri);
      ctx.print(Boolean(o.json), list, () => table(list.map((f) => ({ reference: evidenceReference(f.sha256), name: f.name, type: f.mediaType, bytes: f.size, by: f.uploadedBy, at: f.uploadedAt })), ['reference', 'name', 'type', 'bytes', 'by', 'at']));
    });
  evidence
    .command('get <reference>')
    .description('write a stored file (sha256:<hex>) to --out')
    .requiredOption('--org <org>', 'organisation (id or URI)')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (reference: string, o: { org: string; out: string }) => {
      const sha256 = storedEvidenceSha256(reference);
      if (!sha256) throw new OrpailleError('ORP_BAD_INPUT', `"${reference}" is not a stored-file reference (sha256:<64 hex digits>)`);
      const orp = await ctx.open();
      const found = await orp.evidence.get((await requireOrg(orp, o.org)).uri, sha256);
      if (!found) throw new OrpailleError('ORP_NOT_FOUND', `no evidence file ${reference} for ${o.org}`, { reference });
      writeFileSync(o.out, found.bytes);
      ctx.print(false, null, () => `wrote ${found.file.name} (${found.bytes.length} bytes) to ${o.out}`);
    });
}
