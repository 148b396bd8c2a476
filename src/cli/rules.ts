import type { Command } from 'commander';
import { RULE_CONFIDENCES, versionsInForce, type RuleConfidence } from '../certification/index.js';
import { OrpailleError, parseDateOrDateTime } from '../kernel/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

/**
 * `orpaille rules list|set`: the dated rule tables (tolerances, prices, premiums, red-flag thresholds...) a
 * compliance officer changes without a code change. A new version starts after the latest one of its key and
 * closes it; the past is never rewritten, so a figure computed last year can still be re-checked.
 */
export function registerRuleCommands(program: Command, ctx: AccessCommandContext): void {
  const rules = program.command('rules').description('dated rule tables: thresholds, tolerances, prices, premiums (docs/diligence.md, "Changing a rule")');
  rules
    .command('list')
    .description('list rule versions (all, or those in force on --date)')
    .option('--rule <rule>', 'one rule (e.g. redflag.cash_without_approval)')
    .option('--date <date>', 'only the versions in force that day (YYYY-MM-DD)')
    .addOption(ctx.json())
    .action(async (o: { rule?: string; date?: string; json?: boolean }) => {
      if (o.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(o.date) || Number.isNaN(parseDateOrDateTime(o.date)))) {
        throw new OrpailleError('ORP_BAD_INPUT', `--date must be YYYY-MM-DD, got "${o.date}"`);
      }
      const all = await (await ctx.open()).rules.list(o.rule);
      const list = o.date ? versionsInForce(all, o.date) : all;
      ctx.print(Boolean(o.json), list, () =>
        table(
          list.map((v) => ({ rule: v.rule, key: v.key, from: v.effectiveFrom, to: v.effectiveTo ?? '', value: JSON.stringify(v.value), confidence: v.confidence })),
          ['rule', 'key', 'from', 'to', 'value', 'confidence'],
        ),
      );
    });
  rules
    .command('set <rule> <key>')
    .description('add a version of a rule from a date, closing the version in force (the value must have the shape of the one it follows)')
    .requiredOption('--from <date>', 'first day it applies (YYYY-MM-DD), after the latest version of this key')
    .option('--to <date>', 'first day it no longer applies (exclusive)')
    .requiredOption('--value <json>', 'the value, as JSON (e.g. \'{"enabled":true,"above":"5000.00"}\')')
    .requiredOption('--source <text>', 'where the number comes from (standard, contract, board decision)')
    .option('--confidence <c>', `${RULE_CONFIDENCES.join('|')}`, 'firm')
    .addOption(ctx.json())
    .action(async (rule: string, key: string, o: { from: string; to?: string; value: string; source: string; confidence: string; json?: boolean }) => {
      let value: unknown;
      try {
        value = JSON.parse(o.value);
      } catch (err) {
        throw new OrpailleError('ORP_BAD_INPUT', `--value is not JSON: ${(err as Error).message}`);
      }
      const plan = await (await ctx.open()).rules.addVersion({
        rule,
        key,
        effectiveFrom: o.from,
        ...(o.to ? { effectiveTo: o.to } : {}),
        value,
        source: o.source,
        confidence: o.confidence as RuleConfidence,
      });
      ctx.print(Boolean(o.json), plan, () =>
        [`${rule} (${key}) from ${o.from}: ${JSON.stringify(value)}`, ...(plan.close ? [`closed the version from ${plan.close.effectiveFrom} on ${plan.close.effectiveTo}`] : [])].join('\n'),
      );
    });
}
