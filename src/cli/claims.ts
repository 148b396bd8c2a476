import type { Command } from 'commander';
import { CLAIMS, isClaimName, type ClaimVerdict } from '../certification/index.js';
import { OrpailleError, lotNumberOf, parseDateOrDateTime } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { AccessCommandContext } from './access.js';
import { siteNames } from './commands.js';

/** What the claim subcommands need from `main`: as for the access commands, plus setting the exit code. */
export interface ClaimCommandContext extends AccessCommandContext {
  exit(code: number): void;
}

/** `orpaille claim check LOT_OR_PRODUCT CLAIM`: exit 0 when the claim holds, 1 with every reason when not. */
export function registerClaimCommands(program: Command, ctx: ClaimCommandContext): void {
  const claim = program.command('claim').description('market claims on lots and products (Fairmined, Fairtrade, CRAFT, ICGLR)');
  claim
    .command('check <lot> <claim>')
    .description(`judge a claim on a lot or product (by number or URI): exit 0 valid, 1 invalid with every reason. Claims: ${CLAIMS.join(', ')}`)
    .option('--at <date>', 'when the claim is made (YYYY-MM-DD or ISO 8601; default now): mass-balance credits must be usable then')
    .addOption(ctx.json())
    .action(async (lot: string, name: string, o: { at?: string; json?: boolean }) => {
      if (!isClaimName(name)) throw new OrpailleError('ORP_BAD_INPUT', `unknown claim "${name}" (one of ${CLAIMS.join(', ')})`, { claim: name });
      let at: string | undefined;
      if (o.at !== undefined) {
        const ms = parseDateOrDateTime(o.at);
        if (Number.isNaN(ms)) throw new OrpailleError('ORP_BAD_INPUT', `--at must be YYYY-MM-DD or an ISO 8601 date-time, got "${o.at}"`);
        at = new Date(ms).toISOString();
      }
      const orp = await ctx.open();
      const verdict = await orp.checkClaim(lot, name, at ? { at } : {});
      if (!verdict.valid) ctx.exit(1);
      const text = await verdictText(orp, verdict);
      ctx.print(Boolean(o.json), verdict, () => text);
    });
}

/** Most reasons or lots a terminal is shown; --json has them all. */
const TEXT_LIMIT = 100;

/** A verdict for a terminal: valid with what backs it, or invalid with one line per reason. */
async function verdictText(orp: Orpaille, v: ClaimVerdict): Promise<string> {
  const head = `${v.claim} on ${lotNumberOf(v.lot) ?? v.lot}: ${v.valid ? 'VALID' : `INVALID (${v.reasons.length} reason${v.reasons.length === 1 ? '' : 's'})`}`;
  if (!v.valid) {
    const shown = v.reasons.slice(0, TEXT_LIMIT).map((r) => `  ${r.code}: ${r.message}`);
    if (v.reasons.length > TEXT_LIMIT) shown.push(`  ... and ${v.reasons.length - TEXT_LIMIT} more reasons (--json lists them all)`);
    return [head, ...shown].join('\n');
  }
  const sites = await siteNames(orp);
  const orgs = new Map((await orp.registry.organisations()).map((o) => [o.uri, o.name]));
  const lots = v.backing.lots.slice(0, TEXT_LIMIT).map((l) => lotNumberOf(l) ?? l);
  if (v.backing.lots.length > TEXT_LIMIT) lots.push(`... and ${v.backing.lots.length - TEXT_LIMIT} more (--json lists them all)`);
  const lines = [head, `  lots (${v.backing.lots.length}): ${lots.join(', ')}`];
  if (v.backing.sites.length > 0) lines.push(`  mine sites: ${v.backing.sites.map((s) => sites.get(s) ?? s).join('; ')}`);
  if (v.backing.producers.length > 0) lines.push(`  producers: ${v.backing.producers.map((p) => orgs.get(p) ?? p).join('; ')}`);
  const c = v.backing.credits;
  if (c) lines.push(`  credits: ${c.claimedGrams} g fine claimed of ${c.availableGrams} g usable ${c.scheme} credits of ${orgs.get(c.holder) ?? c.holder}`);
  return lines.join('\n');
}
