import type { DisclosableField } from '../access/index.js';
import { createDisclosure } from '../accounts/index.js';
import type { NewLot } from '../custody/types.js';
import type { Orpaille } from '../orpaille.js';
import type { DemoPlan } from './generate.js';
import { DEMO_ORG_IDS } from './ids.js';

/** What the jeweller discloses about its first Fairmined ring: everything but the ICGLR site ids, to show a choice. */
export const DEMO_DISCLOSED_FIELDS: readonly DisclosableField[] = ['originCountries', 'siteNames', 'dates', 'forms', 'custodianNames', 'certificationScheme', 'cocModel', 'fineGold'];

/** The demo ring: the first Fairmined 18K ring the jeweller casts (gold of the Puno cooperative). */
export function demoRing(plan: DemoPlan): NewLot | undefined {
  return plan.batches
    .flat()
    .flatMap((e) => (e.type === 'transform' && e.operation === 'melt' ? e.outputs : []))
    .find((o) => o.form === 'product' && o.scheme === 'fairmined');
}

/** Publishes the demo ring's facts, so that a fresh demo has a consumer page to open (/verify/{code}). */
export async function discloseDemoRing(orp: Orpaille, plan: DemoPlan): Promise<void> {
  const ring = demoRing(plan);
  const lot = ring ? await orp.queries.lot(ring.lot) : undefined;
  if (!lot) throw new Error('the demo has no Fairmined ring to disclose. This is a bug in the demo generator.');
  await createDisclosure(orp, { lot, org: DEMO_ORG_IDS.jeweller, createdBy: 'demo', fields: [...DEMO_DISCLOSED_FIELDS] });
}

/** The code of the jeweller's first disclosure still published, if any (codes are random: `serve` prints it). */
export async function demoDisclosureCode(orp: Orpaille): Promise<string | undefined> {
  if (!(await orp.registry.organisation(DEMO_ORG_IDS.jeweller))) return undefined;
  return (await orp.access.disclosures(DEMO_ORG_IDS.jeweller)).find((d) => d.revokedAt === undefined)?.code;
}
