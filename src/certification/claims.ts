import {
  PHYSICAL_COC_MODELS,
  availableMg,
  expiredMg,
  usableAt,
  type CreditAccount,
  type Genealogy,
  type GenealogyLot,
  type LotState,
  type LotUri,
  type Origin,
  type PartyUri,
  type SiteUri,
  type Transfer,
} from '../custody/index.js';
import { fineGoldMg, formatGrams, lotNumberOf, parseIsoDateTime } from '../kernel/index.js';
import { bestStanding, type Authorisation, type AuthorisationKind, type AuthorisationScope, type Scheme } from './authorisations.js';
import type { IcglrStatus } from './inspections.js';
import { permitCoversSupplier } from './schemes.js';
import { CLAIMS, type ClaimName, type ClaimReason, type ClaimReasonCode, type ClaimVerdict, type CreditBacking } from './shapes.js';

export { CLAIM_REASON_CODES, CLAIMS } from './shapes.js';
export type { ClaimName, ClaimReason, ClaimReasonCode, ClaimVerdict, CreditBacking } from './shapes.js';

/*
 * Market claims on a lot or product, judged on its backward genealogy (GOLD-RULES s.3 invariant 4,
 * s.4) against the authorisations of every party and the ICGLR status of every site, each on the date
 * it mattered. Pure: every fact comes in through ClaimInput. A claim is invalid for every reason found,
 * never just the first, so a user sees at once which transfer, which expired permit, which mix.
 */

/** How each claim is judged. */
type ClaimRule =
  | { model: 'segregated'; scheme: 'fairmined' | 'fairtrade'; ecological: boolean }
  | { model: 'mass_balance'; scheme: 'fairmined' | 'fairtrade' }
  | { model: 'craft' }
  | { model: 'icglr' };

const RULES: Record<ClaimName, ClaimRule> = {
  'fairmined-labelled': { model: 'segregated', scheme: 'fairmined', ecological: false },
  'fairmined-ecological': { model: 'segregated', scheme: 'fairmined', ecological: true },
  'fairtrade-fully-traceable': { model: 'segregated', scheme: 'fairtrade', ecological: false },
  'fairmined-incorporated': { model: 'mass_balance', scheme: 'fairmined' },
  'fairtrade-gold-sourcing-programme': { model: 'mass_balance', scheme: 'fairtrade' },
  'craft-conformant-source': { model: 'craft' },
  'icglr-certified': { model: 'icglr' },
};

/** True for a claim name this engine knows. */
export function isClaimName(s: string): s is ClaimName {
  return (CLAIMS as readonly string[]).includes(s);
}

/** The scheme whose credits a mass-balance claim spends, or undefined for the other claims. */
export function creditSchemeOf(claim: ClaimName): Scheme | undefined {
  const r = RULES[claim];
  return r.model === 'mass_balance' ? r.scheme : undefined;
}

/** A site's ICGLR status on a date. */
export interface SiteStanding {
  status: IcglrStatus;
  /** The inspection the status comes from. */
  inspection?: string;
  reason: string;
}

export interface ClaimInput {
  claim: ClaimName;
  /** The lot or product claimed, as it stands. */
  lot: LotState;
  genealogy: Genealogy;
  /** Authorisations of every party of the genealogy (any kind, scheme or status). */
  authorisations: readonly Authorisation[];
  /** ICGLR status of a site on a date (read for `icglr-certified` only). */
  siteStatus(site: SiteUri, date: string): SiteStanding;
  /** Mass-balance claims: the claiming holder's credit account for the claim's scheme and gold. */
  credits?: CreditAccount;
  /** When the claim is made (ISO 8601 date-time): mass-balance credits must be usable then. */
  at: string;
  /** A readable name for a party, for messages. */
  nameOf?(party: PartyUri): string | undefined;
}

/** Judges a claim on a lot. */
export function checkClaim(input: ClaimInput): ClaimVerdict {
  const rule = RULES[input.claim];
  const g = input.genealogy;
  const origins = g.lots.flatMap((l) => (l.origin ? [{ lot: l.lot, ...l.origin }] : []));
  const backing: ClaimVerdict['backing'] = {
    lots: g.lots.map((l) => l.lot),
    sites: g.trace.origins.map((o) => o.site),
    producers: [...new Set(origins.map((o) => o.producer))].sort(),
  };
  const say = new Messages(input);
  let reasons: ClaimReason[];
  switch (rule.model) {
    case 'segregated':
      reasons = [
        ...segregation(g, rule.scheme, input.claim, say),
        ...unknownOrigins(g, say),
        ...producerCertificates(input, origins, rule.scheme, rule.ecological, say),
        ...custodians(input, origins, rule.scheme, say),
      ];
      break;
    case 'mass_balance': {
      const credit = credits(input, rule.scheme, say);
      reasons = credit.reasons;
      backing.lots = [input.lot.lot];
      if (credit.backing) backing.credits = credit.backing;
      break;
    }
    case 'craft':
      reasons = [...unknownOrigins(g, say), ...craftReports(input, origins, say)];
      break;
    case 'icglr':
      reasons = [...unknownOrigins(g, say), ...greenSites(input, origins, say)];
      break;
  }
  return { claim: input.claim, lot: input.lot.lot, valid: reasons.length === 0, reasons, backing };
}

/** Readable names of lots and parties in messages. */
class Messages {
  constructor(private readonly input: ClaimInput) {}
  lot(uri: LotUri): string {
    return lotNumberOf(uri) ?? uri;
  }
  party(uri: PartyUri): string {
    return this.input.nameOf?.(uri) ?? uri;
  }
}

const MODEL_WORDS: Record<string, string> = {
  identity_preserved: 'identity preserved',
  segregated: 'segregated',
  mass_balance: 'mass balance',
  book_and_claim: 'book and claim',
};

const KIND_WORDS: Record<AuthorisationKind, string> = {
  producer_certificate: 'producer certificate',
  permit_to_trade: 'Permit to Trade',
  licence: 'licence',
  trader_certification: 'trader certification',
  rmap: 'RMAP listing',
  lbma_good_delivery: 'LBMA Good Delivery listing',
  craft_report: 'CRAFT report',
};

/** Every lot segregated (or identity preserved) with the scheme, and no transformation mixing in other material. */
function segregation(g: Genealogy, scheme: string, claim: ClaimName, say: Messages): ClaimReason[] {
  const reasons: ClaimReason[] = [];
  const certified = (l: GenealogyLot | undefined) => l !== undefined && PHYSICAL_COC_MODELS.includes(l.cocModel) && l.scheme === scheme;
  const byLot = new Map(g.lots.map((l) => [l.lot, l]));
  for (const l of g.lots) {
    const at = { lot: l.lot, ...(l.createdBy ? { event: l.createdBy } : {}) };
    if (!PHYSICAL_COC_MODELS.includes(l.cocModel)) {
      reasons.push({ code: 'LOT_NOT_SEGREGATED', ...at, message: `lot ${say.lot(l.lot)} is ${MODEL_WORDS[l.cocModel]}: ${claim} needs segregated gold from mine to product` });
    }
    if (l.scheme !== scheme) {
      reasons.push({ code: 'LOT_NOT_CERTIFIED', ...at, message: `lot ${say.lot(l.lot)} is ${l.scheme ? `certified ${l.scheme}, not ${scheme}` : `not certified ${scheme}`}` });
    }
    const others = l.inputs.filter((i) => !certified(byLot.get(i)));
    if (others.length > 0 && others.length < l.inputs.length) {
      reasons.push({
        code: 'MIXED_WITH_OTHER_MATERIAL',
        ...at,
        message: `lot ${say.lot(l.lot)} was made by mixing ${scheme} gold with other material (${others.map((o) => say.lot(o)).join(', ')})`,
      });
    }
  }
  return reasons;
}

/** Every lot without inputs must be a production at a known site. */
function unknownOrigins(g: Genealogy, say: Messages): ClaimReason[] {
  return g.lots
    .filter((l) => l.inputs.length === 0 && !l.origin)
    .map((l) => ({ code: 'ORIGIN_UNKNOWN' as const, lot: l.lot, message: `lot ${say.lot(l.lot)} has no recorded production: its origin is unknown` }));
}

type Judged = { ok: Authorisation } | { reason: Omit<ClaimReason, 'message'>; message: string };

/**
 * A party's authorisation of a kind and scheme on a date: the valid one covering what is asked, or
 * why there is none (none at all, none covering it, or the best one not valid that day).
 */
function judge(
  all: readonly Authorisation[],
  party: PartyUri,
  needs: AuthorisationKind,
  scheme: Scheme,
  date: string,
  covers: ((s: AuthorisationScope) => boolean) | undefined,
  what: string,
  say: Messages,
): Judged {
  const base = { party, needs, date };
  const any = bestStanding(all, party, needs, scheme, date);
  if (!any) return { reason: { code: 'AUTHORISATION_MISSING', ...base }, message: `${say.party(party)} holds no ${scheme} ${KIND_WORDS[needs]}` };
  const standing = covers ? bestStanding(all, party, needs, scheme, date, covers) : any;
  if (!standing) {
    return {
      reason: { code: 'AUTHORISATION_NOT_COVERING', ...base, authorisation: any.authorisation.id },
      message: `${say.party(party)}: ${KIND_WORDS[needs]} ${any.authorisation.id} does not cover ${what}`,
    };
  }
  if (standing.valid) return { ok: standing.authorisation };
  const code = `AUTHORISATION_${standing.reason.toUpperCase()}` as ClaimReasonCode;
  const state = standing.reason === 'not_yet_valid' ? `not valid until ${standing.since}` : `${standing.reason} since ${standing.since}`;
  return {
    reason: { code, ...base, authorisation: standing.authorisation.id, since: standing.since },
    message: `${say.party(party)}: ${KIND_WORDS[needs]} ${standing.authorisation.id} was ${state}`,
  };
}

/** Each origin site covered, on its production date, by a valid certificate of its producer (ecological when claimed). */
function producerCertificates(input: ClaimInput, origins: (Origin & { lot: LotUri })[], scheme: Scheme, ecological: boolean, say: Messages): ClaimReason[] {
  const reasons: ClaimReason[] = [];
  for (const o of origins) {
    const covers = (s: AuthorisationScope) => s.sites === undefined || s.sites.includes(o.site);
    const j = judge(input.authorisations, o.producer, 'producer_certificate', scheme, o.date, covers, `site ${o.site}`, say);
    const where = { lot: o.lot, event: o.eventId, site: o.site };
    if ('reason' in j) {
      reasons.push({ ...j.reason, ...where, message: `${j.message} (production of lot ${say.lot(o.lot)} on ${o.date})` });
    } else if (ecological && j.ok.scope.ecological !== true) {
      reasons.push({
        code: 'NOT_ECOLOGICAL',
        ...where,
        party: o.producer,
        authorisation: j.ok.id,
        date: o.date,
        message: `${say.party(o.producer)}: certificate ${j.ok.id} is not for ecological gold (production of lot ${say.lot(o.lot)} on ${o.date})`,
      });
    }
  }
  return reasons;
}

/**
 * Every custodian and owner after the producer held a valid authorisation on the date of each
 * transfer it took part in: a Permit to Trade (Fairmined) or trader certification (Fairtrade), and a
 * licence for the final seller of a product. Under Fairmined, whoever buys from a producer must be
 * its First Authorized Buyer, and a permit listing suppliers covers purchases from those only.
 */
function custodians(input: ClaimInput, origins: Origin[], scheme: 'fairmined' | 'fairtrade', say: Messages): ClaimReason[] {
  const producers = new Set(origins.flatMap((o) => (o.miner ? [o.producer, o.miner] : [o.producer])));
  // A miner sells as a member of its producer organisation: permits name the organisation.
  const supplierOf = new Map(origins.flatMap((o) => (o.miner ? [[o.miner, o.producer] as const] : [])));
  const finalSeller = input.lot.form === 'product' ? input.lot.owner : undefined;
  const traderKind: AuthorisationKind = scheme === 'fairmined' ? 'permit_to_trade' : 'trader_certification';
  const reasons: ClaimReason[] = [];
  for (const t of input.genealogy.transfers) {
    if (t.type === 'production') continue;
    const parties = [...new Set([t.from, t.to])].filter((p): p is PartyUri => p !== undefined && !producers.has(p));
    for (const party of parties) {
      const needs: AuthorisationKind = party === finalSeller ? 'licence' : traderKind;
      const buying = t.type === 'purchase' && party === t.to && t.from !== undefined ? (supplierOf.get(t.from) ?? t.from) : undefined;
      const fromProducer = buying !== undefined && producers.has(buying);
      const covers =
        needs === 'permit_to_trade' && buying !== undefined
          ? (s: AuthorisationScope) => permitCoversSupplier(s, buying) && (!fromProducer || s.firstAuthorisedBuyer === true)
          : undefined;
      const what = `buying from ${buying ? say.party(buying) : ''}${fromProducer ? ' as its First Authorized Buyer' : ''}`;
      const j = judge(input.authorisations, party, needs, scheme, t.date, covers, what, say);
      if ('ok' in j) continue;
      const transfer = { type: t.type, at: t.at, date: t.date, ...(t.from ? { from: t.from } : {}), to: t.to };
      const lots = t.lots.map((l) => say.lot(l)).join(', ');
      const step = t.from ? `${t.type} of ${lots} from ${say.party(t.from)} to ${say.party(t.to)}` : `${t.type} of ${lots} by ${say.party(t.to)}`;
      reasons.push({ ...j.reason, event: t.eventId, transfer, message: `${j.message} (${step} on ${t.date})` });
    }
  }
  return reasons;
}

/** The claiming holder's usable credits (not expired on the claim date) cover the fine gold claimed. */
function credits(input: ClaimInput, scheme: Scheme, say: Messages): { reasons: ClaimReason[]; backing?: CreditBacking } {
  const lot = input.lot;
  // A lot already carrying the scheme was certified at production or backed by credits when it was made (invariants 4 and 5).
  if (lot.scheme === scheme) return { reasons: [] };
  const holder = lot.owner;
  const at = parseIsoDateTime(input.at);
  const claimed = fineGoldMg(lot.heldMg > 0 ? lot.heldMg : lot.initialMg, lot.fineness);
  const available = availableMg(input.credits, at);
  const entries: CreditBacking['entries'] = [];
  let covered = 0;
  for (const e of [...(input.credits?.entries ?? [])].sort((a, b) => a.earnedAt - b.earnedAt || a.entry - b.entry)) {
    if (covered >= claimed) break;
    if (!usableAt(e, at)) continue;
    covered += e.remainingMg;
    entries.push({
      entry: e.entry,
      earnedAt: new Date(e.earnedAt).toISOString(),
      ...(e.expiresAt !== undefined ? { expiresAt: new Date(e.expiresAt).toISOString() } : {}),
      remainingGrams: formatGrams(e.remainingMg),
    });
  }
  const backing: CreditBacking = { holder, scheme, metal: 'gold', claimedGrams: formatGrams(claimed), availableGrams: formatGrams(available), entries };
  if (available >= claimed) return { reasons: [], backing };
  const expired = expiredMg(input.credits, at);
  return {
    reasons: [
      {
        code: 'CREDITS_INSUFFICIENT',
        lot: lot.lot,
        party: holder,
        date: input.at.slice(0, 10),
        message:
          `${say.party(holder)} holds ${formatGrams(available)} g of usable ${scheme} credits; lot ${say.lot(lot.lot)} claims ${formatGrams(claimed)} g fine` +
          (expired > 0 ? ` (${formatGrams(expired)} g more had expired)` : ''),
      },
    ],
  };
}

/** Every origin producer had a CRAFT report valid on the production date. */
function craftReports(input: ClaimInput, origins: (Origin & { lot: LotUri })[], say: Messages): ClaimReason[] {
  return origins.flatMap((o) => {
    const j = judge(input.authorisations, o.producer, 'craft_report', 'craft', o.date, undefined, '', say);
    return 'reason' in j ? [{ ...j.reason, lot: o.lot, event: o.eventId, site: o.site, message: `${j.message} (production of lot ${say.lot(o.lot)} on ${o.date})` }] : [];
  });
}

/** Every origin site Green on the production date. */
function greenSites(input: ClaimInput, origins: (Origin & { lot: LotUri })[], say: Messages): ClaimReason[] {
  return origins.flatMap((o) => {
    const s = input.siteStatus(o.site, o.date);
    if (s.status === 'green') return [];
    return [
      {
        code: 'SITE_NOT_GREEN' as const,
        lot: o.lot,
        event: o.eventId,
        site: o.site,
        date: o.date,
        message: `site ${o.site} was ${s.status} on ${o.date} (${s.reason}) when lot ${say.lot(o.lot)} was produced`,
      },
    ];
  });
}
