import type { LotForm, LotUri } from '../../custody/index.js';
import { formatFineness } from '../../kernel/index.js';
import type { RedFlagHit, ScanContext, ScanEvent } from './types.js';

/**
 * A lot whose fineness does not fit its declared form (doré at 999, a bar at 850, ore at 600): the
 * dated plausible range per form. Judged where a fineness is declared: production, transformation
 * outputs, assays (with the form the lot already has). One hit per lot and fineness, so a later assay
 * with another implausible value raises again and a rescan raises nothing.
 */
export function finenessFormMismatch(ev: ScanEvent, lot: LotUri, form: LotForm, fineness: number, ctx: ScanContext, fresh: (key: string) => boolean): RedFlagHit | undefined {
  const g = ev.gold;
  const rule = ctx.rules.finenessForm(form, g.eventTime);
  if (!rule?.value.enabled) return undefined;
  const { minPermille, maxPermille } = rule.value;
  const permille = fineness / 10;
  if (permille >= minPermille && permille <= maxPermille) return undefined;
  const key = `fineness_form_mismatch|${lot}|${fineness}`;
  if (!fresh(key)) return undefined;
  return {
    rule: 'fineness_form_mismatch',
    key,
    org: g.recorder,
    subject: lot,
    eventTime: g.eventTime,
    seqs: [ev.seq],
    summary: `lot declared as ${form} at ${formatFineness(fineness)} per mille (${g.type}), outside the ${minPermille}-${maxPermille} per mille plausible for ${form}`,
    numbers: { lot, form, finenessPermille: formatFineness(fineness), event: g.type, below: permille < minPermille },
    threshold: { form, minPermille, maxPermille },
    ruleVersion: rule.version,
  };
}
