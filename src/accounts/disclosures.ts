import { disclosableFields, disclosedFacts, newDisclosureCode, type LotFacts } from '../access/index.js';
import type { LotState } from '../custody/index.js';
import { formatGrams, OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { DisclosureRecord } from '../store/index.js';

/** Records a disclosure of chosen facts about a lot, on behalf of `org`; returns it with its public code. */
export async function createDisclosure(orp: Orpaille, input: { lot: LotState; org: string; createdBy: string; fields: string[] }): Promise<DisclosureRecord> {
  const d: DisclosureRecord = {
    code: newDisclosureCode(),
    lot: input.lot.lot,
    fields: disclosableFields(input.fields),
    org: input.org,
    createdBy: input.createdBy,
    createdAt: orp.clock.now().getTime(),
  };
  await orp.access.addDisclosure(d);
  return d;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Gathers the disclosable facts of a lot from its backward trace (sites, forms, custodians, dates). */
export async function lotFacts(orp: Orpaille, lot: LotState): Promise<LotFacts> {
  const t = await orp.traceBackward(lot.lot);
  const sites = new Map((await orp.registry.sites()).map((s) => [s.uri, s]));
  const orgNames = new Map((await orp.registry.organisations()).map((o) => [o.uri, o.name]));
  // From the mine to the lot: deepest ancestors first.
  const chain = [...t.ancestors].sort((a, b) => b.depth - a.depth);
  const lots = new Map((await orp.queries.lotsByIds(chain.map((a) => a.lot))).map((l) => [l.lot, l]));
  const path = [...chain.map((a) => lots.get(a.lot)).filter((l): l is LotState => l !== undefined), lot];
  const produced = (await orp.queries.lotsByIds(t.origins.flatMap((o) => o.lots))).map((l) => l.createdAt);
  // Custodians that are not organisations (a miner holding a production lot) are left out.
  const custodians = path.map((l) => orgNames.get(l.custodian)).filter((n): n is string => n !== undefined);
  return {
    origins: t.origins.flatMap((o) => {
      const s = sites.get(o.site);
      return s ? [{ country: s.country, siteName: s.name, icglrId: s.icglrId, sharePercent: Number((o.share * 100).toFixed(2)) }] : [];
    }),
    ...(lot.scheme ? { scheme: lot.scheme } : {}),
    cocModel: lot.cocModel,
    forms: [...new Set(path.map((l) => l.form))],
    fineGoldGrams: formatGrams(t.fineMg),
    dates: {
      ...(produced.length > 0 ? { producedFrom: day(produced.reduce((a, b) => Math.min(a, b))), producedTo: day(produced.reduce((a, b) => Math.max(a, b))) } : {}),
      lotCreated: day(lot.createdAt),
    },
    custodians: [...new Set(custodians)],
  };
}

/** What `GET /v/{code}` shows: only the chosen facts. An unknown or revoked code is a 404. */
export async function publicVerification(orp: Orpaille, code: string): Promise<{ code: string; disclosedAt: string; facts: Record<string, unknown> }> {
  const d = await orp.access.disclosure(code);
  const lot = d && d.revokedAt === undefined ? await orp.queries.lot(d.lot) : undefined;
  if (!d || !lot) throw new OrpailleError('ORP_NOT_FOUND', `no disclosure ${code}`, { code });
  return { code: d.code, disclosedAt: new Date(d.createdAt).toISOString(), facts: disclosedFacts(disclosableFields(d.fields), await lotFacts(orp, lot)) };
}
