import type { Orpaille } from '../orpaille.js';
import { importMonthlySeries } from '../pricing/index.js';
import { changeRisk, recordIndicators, recordKyc, recordRisk, reviewCraftAssessment, submitCraft } from '../assessor/index.js';
import { adoptPlan, recordDecision, recordStep, reportProgress, requireOrganisation } from '../registrar/index.js';
import { discloseDemoRing } from './consumer.js';
import type { DemoDiligence } from './diligence.js';
import { generateDemo } from './generate.js';
import type { TagBatchResult } from '../tags/index.js';

export interface SeedDemoOptions {
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
  /** Called after each batch with the events written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoCounts {
  organisations: number;
  miners: number;
  sites: number;
  events: number;
}

/**
 * Seeds the demo into an empty database: registers the organisations (with keys derived from the
 * seed), miners and sites, the registry's authorisations and inspections, then appends the event
 * batches in order, each atomically (after the KYC files, which the on-capture scan reads), then records the due diligence kept about them and publishes the facts of one ring (the consumer page's example). When the database already has organisations nothing is written
 * and the existing counts are returned.
 * A rejected or duplicate event means the generator is wrong: it throws, naming the batch and the
 * first rejection (earlier batches stay written).
 */
export async function seedDemo(orp: Orpaille, opts: SeedDemoOptions = {}): Promise<SeedDemoCounts> {
  const existing = await orp.registry.counts();
  if (existing.organisations > 0) {
    return { organisations: existing.organisations, miners: existing.miners, sites: existing.sites, events: existing.events };
  }
  const plan = generateDemo(opts.seed ?? 1);
  for (const { org, keySeed } of plan.organisations) await orp.addOrganisation(org, keySeed);
  await orp.registry.addMiners(plan.miners);
  await orp.registry.addSites(plan.sites);
  for (const a of plan.authorisations) await orp.certification.add(a);
  for (const i of plan.inspections) await orp.certification.addInspection(i);
  // The monthly gold price series, so quotes and settlements of the demo's dates find a price.
  await importMonthlySeries(orp);
  // Know-your-counterparty files come before the trade they cover: the on-capture scan reads them
  // (unidentified_intermediary), as a later full scan does.
  for (const k of plan.diligence.kyc) await recordKyc(orp, k);

  // Tags are issued before they are used, so capture judges each use against the registry.
  for (const t of plan.tags.issues) requireRecorded(await orp.tags.issue(t), 'tag issue');
  const total = plan.batches.reduce((a, b) => a + b.length, 0);
  let done = 0;
  opts.onProgress?.(done, total);
  for (const [i, batch] of plan.batches.entries()) {
    const result = await orp.append(batch, { mode: 'atomic' });
    const bad = result.results.find((r) => r.status === 'rejected') ?? result.results.find((r) => r.status === 'duplicate');
    if (bad || !result.committed || result.accepted !== batch.length) {
      const event = bad ? batch[bad.index] : undefined;
      const what = bad?.error
        ? `${bad.error.code}: ${bad.error.message}`
        : bad
          ? `duplicate of an earlier event (${bad.eventId ?? 'unknown id'})`
          : `only ${result.accepted} of ${batch.length} events accepted`;
      throw new Error(
        `demo batch ${i + 1} of ${plan.batches.length} (${batch[0]?.eventTime ?? ''}) was not written: ` +
          (event ? `event ${bad!.index} (${event.type} at ${event.eventTime}) ` : '') +
          `${what}. This is a bug in the demo generator.`,
      );
    }
    done += batch.length;
    opts.onProgress?.(done, total);
  }
  await seedDiligence(orp, plan.diligence);
  for (const d of plan.tags.declarations) requireRecorded(await orp.tags.declare(d.org, d.items), 'tag declaration');
  for (const c of plan.tags.counts) await orp.tags.count(c);
  await discloseDemoRing(orp, plan);
  const counts = await orp.registry.counts();
  return { organisations: counts.organisations, miners: counts.miners, sites: counts.sites, events: counts.events };
}

/**
 * Records the demo's due diligence through the same functions the CLI and the HTTP API use, so the
 * records pass the same checks (a plan's deadline comes from the rule table, a watchlist hit needs a
 * person...).
 */
async function seedDiligence(orp: Orpaille, d: DemoDiligence): Promise<void> {
  for (const r of d.risks) {
    await recordRisk(orp, r.entry);
    for (const c of r.changes) await changeRisk(orp, r.entry.id, c);
  }
  for (const c of d.crafts) {
    await submitCraft(orp, c);
    await reviewCraftAssessment(orp, c.id, c.review);
  }
  for (const i of d.indicators) await recordIndicators(orp, i);
  for (const p of d.plans) {
    const org = await requireOrganisation(orp, p.organisation);
    await adoptPlan(orp, org, p.plan);
    for (const r of p.progress) await reportProgress(orp, org, p.plan.id, r);
  }
  for (const x of d.decisions) await recordDecision(orp, await requireOrganisation(orp, x.organisation), x.decision);
  for (const s of d.steps) await recordStep(orp, await requireOrganisation(orp, s.organisation), s);
  for (const { rule, update } of d.incidents) {
    const { incidents } = await orp.incidents.list({ rule });
    const earliest = incidents.sort((a, b) => a.evidence.eventTime.localeCompare(b.evidence.eventTime))[0];
    if (earliest) await orp.redFlags.updateIncident(earliest.id, update);
  }
}

/** A refused tag record is a bug in the demo generator. */
function requireRecorded(r: TagBatchResult, what: string): void {
  const bad = r.results.find((x) => x.status === 'rejected');
  if (bad) throw new Error(`demo ${what} refused: ${bad.serial} ${bad.error!.code}: ${bad.error!.message}. This is a bug in the demo generator.`);
}
