import type { TransformEvent } from '../../custody/index.js';
import { fineGoldMg, formatGrams } from '../../kernel/index.js';
import type { MaterialBook } from './material-book.js';
import type { RedFlagHit, ScanContext, ScanEvent } from './types.js';

/**
 * A transformation accepted with a declared loss deviation (GOLD-RULES s.3 invariant 1: accepted only
 * with a raised incident): the loss beyond tolerance becomes an incident, never a silent adjustment.
 * One hit per transformation (its first output lot is new, so it names the event).
 */
export function meltLossBeyondTolerance(ev: ScanEvent, g: TransformEvent, ctx: ScanContext, book: MaterialBook): RedFlagHit | undefined {
  const d = g.lossDeviation;
  const first = g.outputs[0];
  if (!d || !first) return undefined;
  const rule = ctx.rules.meltLoss(g.eventTime);
  if (!rule?.value.enabled) return undefined;
  const fineOut = g.outputs.reduce((s, o) => s + fineGoldMg(o.grossMg, o.fineness), 0);
  const known = g.inputs.map((i) => ({ i, facts: book.lot(i.lot) }));
  // Inputs from before the scan whose fineness nobody knows: the fine gold in follows from the declared loss.
  const fineIn = known.every((k) => k.facts)
    ? known.reduce((s, k) => s + fineGoldMg(k.i.massMg, k.facts!.fineness), 0)
    : Math.round((fineOut * 1000) / (1000 - Math.min(d.lossPermille, 999)));
  return {
    rule: 'melt_loss_beyond_tolerance',
    key: `melt_loss_beyond_tolerance|${first.lot}`,
    org: g.recorder,
    subject: first.lot,
    eventTime: g.eventTime,
    seqs: [ev.seq],
    summary: `${g.operation} lost ${d.lossPermille} per mille of its fine gold (${formatGrams(fineIn - fineOut)} g), beyond the ${d.tolerancePermille} per mille tolerance${d.reason ? `: ${d.reason}` : ''}`,
    numbers: {
      operation: g.operation,
      lossPermille: d.lossPermille,
      reason: d.reason ?? 'none given',
      inputs: g.inputs.map((i) => `${i.lot} ${formatGrams(i.massMg)} g`).join('; '),
      inputsFineGrams: formatGrams(fineIn),
      inputsFineDerivedFromLoss: !known.every((k) => k.facts),
      outputs: g.outputs.map((o) => o.lot).join('; '),
      outputsFineGrams: formatGrams(fineOut),
    },
    threshold: { tolerancePermille: d.tolerancePermille, operation: g.operation },
    ruleVersion: rule.version,
  };
}
