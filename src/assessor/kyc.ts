import { newId } from '../access/index.js';
import { SUPPLY_TYPES, WATCHLIST_OUTCOMES, kycStandingOn, type Evidence, type KycRecord, type KycStanding } from '../diligence/index.js';
import { OrpailleError, badInput } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { dayOrToday, oneOf, requireParty } from './resolve.js';

/*
 * Supplier know-your-counterparty records: what the CLI and the HTTP API share.
 */

/** A KYC record as typed by a person: owner and supplier by id or URI; shares as a percentage ("12.5"). */
export type KycInput = { id?: string; owner: string; supplier: string; recordedBy: string; evidence?: Evidence[] } & (
  | { kind: 'beneficial_owner'; name: string; sharePercent: string; country?: string; identifiedOn?: string }
  | { kind: 'licence'; licenceType: string; number: string; issuer: string; validFrom: string; validUntil?: string }
  | { kind: 'watchlist_hit'; list: string; matchedName: string; checkedOn?: string; outcome: string; checkedBy: string; note?: string }
);

/** A percentage with at most two decimals ("10", "12.5") in basis points. */
export function percentToBasisPoints(v: string): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(v.trim());
  if (!m) throw badInput(`a share must be a percentage with at most two decimals, got "${v}"`, { share: v });
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Records a beneficial owner, licence or watchlist hit of a registered supplier. */
export async function recordKyc(orp: Orpaille, input: KycInput): Promise<KycRecord> {
  const owner = (await requireParty(orp, input.owner, 'owner')).uri;
  const supplier = (await requireParty(orp, input.supplier, 'supplier')).uri;
  const base = { id: input.id ?? newId('kyc'), owner, supplier, evidence: input.evidence ?? [], recordedBy: input.recordedBy };
  let r: KycRecord;
  switch (input.kind) {
    case 'beneficial_owner':
      r = { ...base, kind: 'beneficial_owner', name: input.name, shareBasisPoints: percentToBasisPoints(input.sharePercent), identifiedOn: dayOrToday(orp, input.identifiedOn, 'identifiedOn'), ...(input.country !== undefined ? { country: input.country } : {}) };
      break;
    case 'licence':
      r = { ...base, kind: 'licence', licenceType: input.licenceType, number: input.number, issuer: input.issuer, validFrom: input.validFrom, ...(input.validUntil !== undefined ? { validUntil: input.validUntil } : {}) };
      break;
    case 'watchlist_hit':
      r = { ...base, kind: 'watchlist_hit', list: input.list, matchedName: input.matchedName, checkedOn: dayOrToday(orp, input.checkedOn, 'checkedOn'), outcome: oneOf(WATCHLIST_OUTCOMES, input.outcome, 'outcome'), checkedBy: input.checkedBy, ...(input.note !== undefined ? { note: input.note } : {}) };
      break;
    default:
      throw badInput('kind must be beneficial_owner, licence or watchlist_hit', {});
  }
  await orp.assessments.addKyc(r);
  return r;
}

/** A supplier's KYC file as seen by some organisations, and where it stands on a date for a supply type. */
export async function kycStanding(orp: Orpaille, input: { owners?: readonly string[]; supplier: string; date?: string; supply?: string }): Promise<KycStanding & { records: KycRecord[] }> {
  const supplier = (await requireParty(orp, input.supplier, 'supplier')).uri;
  const date = dayOrToday(orp, input.date, 'date');
  const supply = oneOf(SUPPLY_TYPES, input.supply ?? 'mined', 'supply');
  const threshold = (await orp.kycRules()).beneficialOwnerThreshold(supply, date);
  if (!threshold) throw new OrpailleError('ORP_NO_RULE', `no beneficial-owner threshold for ${supply} gold in force on ${date} (rule kyc.beneficial_owner_threshold)`, { supply, date });
  const records = await orp.assessments.kycRecords({ supplier, ...(input.owners ? { owners: input.owners } : {}) });
  return { ...kycStandingOn(supplier, records, date, supply, threshold), records };
}
