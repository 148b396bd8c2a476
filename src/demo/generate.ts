import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Authorisation, SiteInspection } from '../certification/index.js';
import type { Assay, CocModel, GoldEvent, LotForm, NewLot, PaymentMethod, TransformEvent } from '../custody/types.js';
import { MG_PER_TROY_OUNCE, dl, fineGoldMg, gln, seededRandom } from '../kernel/index.js';
import {
  bagUri,
  lotUri,
  makeMiner,
  makeOrganisation,
  makeSite,
  type Gender,
  type LicenceType,
  type Miner,
  type Organisation,
  type OrgRole,
  type Site,
} from '../parties/index.js';
import { projectRoot } from '../paths.js';
import { demoDiligence, type DemoDiligence } from './diligence.js';
import { DEMO_ORG_IDS } from './ids.js';
import { demoTags, withDemoTagReuse, type DemoTags } from './tags.js';

export { DEMO_ORG_IDS };

/**
 * The demo: six months (2026-03-02 .. 2026-08-29) of a true-to-life artisanal gold chain.
 *
 * - Ituri (DRC): an ASMO with 300 registered miners and 3 sites; a model trading house buys from the
 *   miners every day but Sunday (production + purchase + the counter's XRF reading per lot), bags and
 *   seals the week's lots per site on Saturday, ships them to a licensed exporter in Bunia, who buys
 *   them, melts them into doré bars and has them fire-assayed; once a month the exporter exports the
 *   doré (ICGLR certificate) to a Swiss refiner.
 * - Puno (Peru): a Fairmined-style cooperative (segregated, scheme "fairmined") at four real mining
 *   sites; it melts its month's doré into one export bar and exports it to the same refiner.
 * - Ghana: a small-scale producer at one real mining polygon exporting its doré to the refiner.
 * - The refiner receives, buys, re-assays and refines each origin separately into 999.9 bars; a French
 *   jeweller buys bars, sometimes splits one, and casts 18K ring collections.
 * - A certifier, an NGO and a mining authority are registered (no events).
 * - The registry holds what the Fairmined chain needs (DEMO_AUTHORISATIONS): the Puno cooperative's
 *   certificate for its sites, the refiner's Permit to Trade as the cooperative's First Authorized
 *   Buyer, the jeweller's licence; plus CRAFT reports and ICGLR Green inspections of the Ituri sites.
 *   The refiner's permit expires on 31 July 2026 and is not renewed, so the August Fairmined
 *   collection shows a certified chain broken by an expired Permit to Trade.
 *
 * The due diligence of the trading house, the exporter and the refiner is on file (src/demo/diligence.ts):
 * risk register, CRAFT assessments, KYC, monthly mercury surveys, a risk management plan, decisions
 * and the OECD checklist.
 *
 * Two anomalies are built in on purpose for the due-diligence red flags (see DEMO_RED_FLAGS): one
 * Ituri site's purchases exceed its stated monthly capacity in June, and one trading-house purchase is
 * a cash payment above USD 10,000.
 *
 * Everything is a pure function of the seed: no clock, no Math.random. The only input read is the
 * static file src/demo/data/mine-sites.json (real site geometry, see its README).
 */
export interface DemoPlan {
  organisations: { org: Organisation; keySeed: Uint8Array }[];
  miners: Miner[];
  sites: Site[];
  /** Event batches in chronological order; each can be appended atomically after the previous ones. */
  batches: GoldEvent[][];
  /** Certificates, permits, licences and CRAFT reports for the registry. */
  authorisations: Authorisation[];
  /** ICGLR inspections of the Ituri sites. */
  inspections: SiteInspection[];
  /** Due-diligence records: risk register, CRAFT, KYC, mercury indicators, plan, decisions, OECD steps. */
  diligence: DemoDiligence;
  /** Tags issued to the agents that use them, voided or lost, and counted (src/demo/tags.ts). */
  tags: DemoTags;
}

/** The period the demo covers (local dates; every event lies within it). */
export const DEMO_PERIOD = { from: '2026-03-02', to: '2026-08-29' } as const;


/** Ids of the demo's authorisations the claim checks name. */
export const DEMO_AUTHORISATIONS = {
  punoCertificate: 'FM-CERT-CMAT-2025',
  /** The refiner's Permit to Trade: valid until `refinerPermitUntil`, not renewed. */
  refinerPermit: 'FM-PTT-HAF-2025',
  refinerPermitUntil: '2026-07-31',
  jewellerLicence: 'FM-LIC-ALJ-2025',
} as const;

/** The anomalies the demo contains on purpose, so red-flag checks have something to find. */
export const DEMO_RED_FLAGS = {
  /** Purchases of this site's gold in this month exceed its stated monthly capacity (gross and fine). */
  siteOverCapacity: { site: 'ituri-nizi', month: '2026-06' },
  /** On this (local) date one trading-house purchase is paid in cash for more than USD 10,000. */
  largeCashPurchase: { date: '2026-04-22', buyer: DEMO_ORG_IDS.tradingHouse, aboveUsd: 10_000 },
} as const;

/*
 * Gold price, USD per troy ounce, monthly average. Source: World Bank via datasets/gold-prices,
 * ODC-PDDL (rows 2026-03 .. 2026-06 of monthly.csv). July and August 2026 are not published in that
 * table yet: the demo carries the last published month forward.
 */
const GOLD_PRICE_USD_PER_OZ: Readonly<Record<string, number>> = {
  '2026-03': 4856.0,
  '2026-04': 4721.0,
  '2026-05': 4587.0,
  '2026-06': 4228.0,
};
const LAST_PUBLISHED_MONTH = '2026-06';

function goldPrice(month: string): number {
  return GOLD_PRICE_USD_PER_OZ[month] ?? GOLD_PRICE_USD_PER_OZ[LAST_PUBLISHED_MONTH]!;
}

/** Price of fine gold as a decimal USD string: LBMA-based price x factor, plus a premium per gram of fine gold. */
function usd(fineMg: number, month: string, factor: number, premiumPerGramFine = 0): string {
  const value = (fineMg / MG_PER_TROY_OUNCE) * goldPrice(month) * factor + (fineMg / 1000) * premiumPerGramFine;
  return value.toFixed(2);
}

/** Fairmined premium, USD per gram of fine gold (USD 4,000 per kg, GOLD-RULES s.4); demo figure, not a rule table. */
const FAIRMINED_PREMIUM_PER_G = 4;

// ---------------------------------------------------------------------------------------------
// Time: days are counted from Monday 2026-03-02; local clock times are turned into UTC instants.

const MIN = 60_000;
const DAY = 86_400_000;
const START_DAY = Date.UTC(2026, 2, 2);
const DAYS = 181; // 2026-03-02 .. 2026-08-29
/** Nothing happens after the end of 2026-08-29 in Ituri. */
const END_MS = Date.UTC(2026, 7, 29, 22, 0, 0);

const ITURI = 120; // UTC+02:00 (CAT), no daylight saving
const PERU = -300; // UTC-05:00
const GHANA = 0; // UTC+00:00

/** Central European offset (Switzerland, France) on a day: +02:00 from 2026-03-29 to 2026-10-25, else +01:00. */
function europe(day: number): number {
  const noon = START_DAY + day * DAY + 12 * 3_600_000;
  return noon >= Date.UTC(2026, 2, 29, 1) && noon < Date.UTC(2026, 9, 25, 1) ? 120 : 60;
}

function localMs(day: number, hour: number, minute: number, offsetMin: number, second = 0, ms = 0): number {
  return START_DAY + day * DAY + (hour * 60 + minute - offsetMin) * MIN + second * 1000 + ms;
}

function offsetText(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function dateOf(day: number): string {
  return new Date(START_DAY + day * DAY).toISOString().slice(0, 10);
}

/** Day index of a YYYY-MM-DD date. */
function dayOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - START_DAY) / DAY);
}

const compact = (date: string) => date.slice(2).replaceAll('-', '');

// ---------------------------------------------------------------------------------------------
// Parties

interface OrgSpec {
  id: string;
  name: string;
  roles: OrgRole[];
  country: string;
  companyPrefix: string;
}

// Company prefixes are invented (7-9 digits, none a prefix of another); producers keep 7 digits so
// their site GLNs (location reference 1000 + n) fit.
const ORG_SPECS: Record<keyof typeof DEMO_ORG_IDS, OrgSpec> = {
  asmo: {
    id: DEMO_ORG_IDS.asmo,
    name: "Coopérative des Exploitants Miniers Artisanaux de l'Ituri (COEMAI)",
    roles: ['producer'],
    country: 'CD',
    companyPrefix: '6160101',
  },
  tradingHouse: {
    id: DEMO_ORG_IDS.tradingHouse,
    name: "Maison d'Achat Modèle de Mongbwalu",
    roles: ['trading_house'],
    country: 'CD',
    companyPrefix: '6160102',
  },
  exporter: { id: DEMO_ORG_IDS.exporter, name: 'Ituri Gold Export SARL (Bunia)', roles: ['exporter'], country: 'CD', companyPrefix: '6160103' },
  refiner: { id: DEMO_ORG_IDS.refiner, name: 'Affinerie Helvetia SA', roles: ['refiner'], country: 'CH', companyPrefix: '7640123' },
  jeweller: { id: DEMO_ORG_IDS.jeweller, name: 'Atelier Lumière Joaillerie (Paris)', roles: ['manufacturer'], country: 'FR', companyPrefix: '3012345' },
  peru: {
    id: DEMO_ORG_IDS.peru,
    name: 'Cooperativa Minera Aurífera Alto Tambopata (Puno)',
    roles: ['producer', 'exporter'],
    country: 'PE',
    companyPrefix: '7750123',
  },
  ghana: { id: DEMO_ORG_IDS.ghana, name: 'Pra River Small-Scale Mining Ltd', roles: ['producer', 'exporter'], country: 'GH', companyPrefix: '6030123' },
  certifier: { id: DEMO_ORG_IDS.certifier, name: 'Responsible Gold Certification Body (demo)', roles: ['certifier'], country: 'CH', companyPrefix: '76412345' },
  ngo: { id: DEMO_ORG_IDS.ngo, name: 'Artisanal Gold Pathways (demo NGO)', roles: ['ngo'], country: 'CA', companyPrefix: '754012345' },
  authority: {
    id: DEMO_ORG_IDS.authority,
    name: "Division Provinciale des Mines de l'Ituri (demo)",
    roles: ['authority'],
    country: 'CD',
    companyPrefix: '61601049',
  },
};

/** 32-byte key seed of an organisation: SHA-256 of "seed:orgId". */
export function demoKeySeed(seed: number, orgId: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`${seed}:${orgId}`).digest());
}

interface IturiSiteSpec {
  id: string;
  name: string;
  lon: number;
  lat: number;
  capacity: number;
  miners: number;
}

/** Invented sites inside the Mongbwalu / Djugu / Mambasa area (not from a data set). */
const ITURI_SITES: IturiSiteSpec[] = [
  { id: 'ituri-mongbwalu', name: 'Chantier Mongbwalu-Nord', lon: 30.0466, lat: 1.9425, capacity: 4000, miners: 120 },
  { id: 'ituri-mambasa', name: 'Chantier Mambasa-Est', lon: 29.9731, lat: 1.3874, capacity: 3600, miners: 105 },
  { id: 'ituri-nizi', name: 'Chantier Nizi (Djugu)', lon: 30.3098, lat: 1.7612, capacity: 2400, miners: 75 },
];
/** Share of the day's purchases per Ituri site; in the red-flag month the Nizi site sells far beyond its capacity. */
const SITE_WEIGHTS = [0.4, 0.36, 0.24];
const FLAG_SITE_WEIGHTS = [0.26, 0.24, 0.5];
const FLAG_SITE = ITURI_SITES.findIndex((s) => s.id === DEMO_RED_FLAGS.siteOverCapacity.site);
/** Other site-months stay below this share of the stated capacity. */
const CAPACITY_HEADROOM = 0.9;

const PERU_SITE_NAMES = ['Frente Aurora', 'Frente Santa Rosa', 'Frente Virgen del Carmen', 'Frente San Martín'];

const MALE = [
  'Jean', 'Pierre', 'Joseph', 'Emmanuel', 'Dieudonné', 'Innocent', 'Désiré', 'Patrick', 'Jean-Claude', 'Jean-Pierre',
  'Justin', 'Fiston', 'Trésor', 'Espoir', 'Patient', 'Gloire', 'Josué', 'Moïse', 'Samuel', 'Daniel', 'David', 'Augustin',
  'Célestin', 'Faustin', 'Florent', 'Héritier', 'Jacques', 'Bahati', 'Baraka', 'Amani', 'Jonas', 'Olivier', 'Papy',
  'Prince', 'Richard', 'Safari', 'Serge', 'Simon', 'Thierry', 'Valentin', 'Zacharie', 'Alain', 'André', 'Bienvenu',
  'Blaise', 'Christophe', 'Didier', 'Eric', 'Fabrice', 'Freddy', 'Gaston', 'Godefroid', 'Ignace', 'Isaac', 'Jérémie',
  'Jules', 'Laurent', 'Léonard', 'Marcel', 'Martin', 'Norbert', 'Pascal', 'Paul', 'Sylvain', 'Victor', 'Kambale',
  'Paluku', 'Kasereka', 'Muhindo', 'Mumbere',
];
const FEMALE = [
  'Marie', 'Esther', 'Furaha', 'Neema', 'Faida', 'Sifa', 'Riziki', 'Aimée', 'Chantal', 'Solange', 'Nadine', 'Jeanine',
  'Béatrice', 'Alphonsine', 'Anuarite', 'Bora', 'Chance', 'Consolata', 'Dorcas', 'Elisabeth', 'Espérance', 'Florence',
  'Francine', 'Grâce', 'Jeanne', 'Joséphine', 'Judith', 'Julienne', 'Mapendo', 'Mariamu', 'Monique', 'Pascaline',
  'Rachel', 'Rebecca', 'Sarah', 'Suzanne', 'Thérèse', 'Vumilia', 'Zawadi', 'Clarisse', 'Brigitte', 'Christine',
  'Déborah', 'Gisèle', 'Immaculée', 'Jacqueline', 'Kavira', 'Kahindo', 'Masika', 'Kavugho',
];
const SURNAMES = [
  'Ngabu', 'Dhedonga', 'Lokana', 'Ndjaza', 'Bura', 'Lossa', 'Unega', 'Ucama', 'Ujwiga', 'Ozela', 'Ayiko', 'Adubango',
  'Akandu', 'Dradidi', 'Anguyo', 'Onzima', 'Ezama', 'Ondoa', 'Bileti', 'Mapuku', 'Kaliba', 'Bahemuka', 'Mugisa',
  'Byaruhanga', 'Kasereka', 'Kambale', 'Paluku', 'Kakule', 'Katembo', 'Muhindo', 'Mumbere', 'Ngona', 'Mathe', 'Pilo',
  'Dhelo', 'Ukelo', 'Lodju', 'Ngadjole', 'Asiki', 'Ndalo', 'Uringi', 'Tsedha', 'Likambo', 'Basa', 'Angaika', 'Maki',
];

// ---------------------------------------------------------------------------------------------

interface Timed {
  ms: number;
  order: number;
  event: GoldEvent;
}

/** A lot as the generator tracks it (mirrors what the ledger will hold). */
interface HeldLot {
  uri: string;
  grossMg: number;
  fineness: number;
  /** When it became available for the next step (epoch ms). */
  readyAt: number;
}

/** Generates the demo plan for a seed. Pure and deterministic. */
export function generateDemo(seed = 1): DemoPlan {
  const rng = seededRandom(seed);
  const between = (a: number, b: number) => a + (b - a) * rng();
  const int = (a: number, b: number) => a + Math.floor(rng() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  /** A roughly normal number with mean 0 and standard deviation 1 (Irwin-Hall). */
  const normal = () => rng() + rng() + rng() + rng() + rng() + rng() - 3;

  // Organisations ------------------------------------------------------------------------------
  const org = Object.fromEntries(Object.entries(ORG_SPECS).map(([k, spec]) => [k, makeOrganisation(spec)])) as Record<
    keyof typeof DEMO_ORG_IDS,
    Organisation
  >;
  const organisations = Object.values(org).map((o) => ({ org: o, keySeed: demoKeySeed(seed, o.id) }));
  const premises = (o: Organisation) => dl.location(gln(o.companyPrefix, 1));

  // Sites --------------------------------------------------------------------------------------
  const data = readMineSites();
  const ituriSites = ITURI_SITES.map((s, i) =>
    makeSite(org.asmo, i + 1, {
      id: s.id,
      name: s.name,
      country: 'CD',
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      licenceType: 'artisanal',
      licensedOn: ['2024-05-14', '2024-09-02', '2025-01-20'][i]!,
      capacityGramsPerMonth: s.capacity,
    }),
  );
  const peruSites = data.peru.sites.map((s, i) =>
    makeSite(org.peru, i + 1, {
      id: `puno-${s.sourceId}`,
      name: PERU_SITE_NAMES[i] ?? `Frente ${s.sourceId}`,
      country: 'PE',
      geometry: { type: 'Point', coordinates: [s.longitude, s.latitude] },
      licenceType: 'artisanal' as LicenceType,
      licensedOn: '2022-11-03',
      capacityGramsPerMonth: 2500,
    }),
  );
  const ghanaSite = makeSite(org.ghana, 1, {
    id: 'ghana-pra',
    name: 'Pra River concession (Twifo Praso)',
    country: 'GH',
    geometry: data.ghana.geometry,
    licenceType: 'small_scale',
    licensedOn: '2023-06-15',
    capacityGramsPerMonth: 3500,
  });
  const sites = [...ituriSites, ...peruSites, ghanaSite];

  // Miners: 300 in the Ituri ASMO, a quarter of them women --------------------------------------
  const totalMiners = ITURI_SITES.reduce((a, s) => a + s.miners, 0);
  const women = Math.round(totalMiners / 4);
  const genders: Gender[] = Array.from({ length: totalMiners }, (_, i) => (i < women ? 'female' : 'male'));
  for (let i = genders.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [genders[i], genders[j]] = [genders[j]!, genders[i]!];
  }
  const miners: Miner[] = [];
  const minersBySite: { miner: Miner; weight: number }[][] = ITURI_SITES.map(() => []);
  const names = new Set<string>();
  let serial = 0;
  ITURI_SITES.forEach((s, siteIdx) => {
    for (let k = 0; k < s.miners; k++) {
      const gender = genders[serial]!;
      serial++;
      let displayName = `${pick(gender === 'female' ? FEMALE : MALE)} ${pick(SURNAMES)}`;
      if (rng() < 0.3 || names.has(displayName)) displayName += ` ${pick(SURNAMES)}`;
      while (names.has(displayName)) displayName += ` ${pick(SURNAMES)}`;
      names.add(displayName);
      // Working-age skew: more miners in their twenties and thirties.
      const birthYear = 1965 + Math.floor(42 * (1 - Math.pow(1 - rng(), 1.8)));
      const earliest = Math.max(Date.UTC(2023, 1, 1), Date.UTC(birthYear + 18, 0, 15));
      const registeredOn = new Date(earliest + Math.floor(rng() * ((Date.UTC(2026, 1, 20) - earliest) / DAY)) * DAY).toISOString().slice(0, 10);
      const miner = makeMiner(org.asmo, serial, { displayName, gender, birthYear, registeredOn });
      miners.push(miner);
      minersBySite[siteIdx]!.push({ miner, weight: 0.3 + 1.4 * rng() });
    }
  });
  const pickMiner = (siteIdx: number): Miner => {
    const list = minersBySite[siteIdx]!;
    const total = list.reduce((a, m) => a + m.weight, 0);
    let x = rng() * total;
    for (const m of list) {
      x -= m.weight;
      if (x < 0) return m.miner;
    }
    return list[list.length - 1]!.miner;
  };

  // Event timeline -----------------------------------------------------------------------------
  const timeline: Timed[] = [];
  const add = (ms: number, event: GoldEvent) => {
    if (ms < START_DAY || ms > END_MS) throw new Error(`demo generator bug: ${event.type} at ${new Date(ms).toISOString()} is outside the demo period`);
    timeline.push({ ms, order: timeline.length, event });
  };
  const base = (ms: number, offsetMin: number, recorder: Organisation, bizLocation?: string) => ({
    eventTime: new Date(ms).toISOString(),
    eventTimeZoneOffset: offsetText(offsetMin),
    recorder: recorder.uri,
    ...(bizLocation !== undefined ? { bizLocation } : {}),
  });
  const localDate = (ms: number, offsetMin: number) => new Date(ms + offsetMin * MIN).toISOString().slice(0, 10);
  const assayOn = (ms: number, offsetMin: number, method: Assay['method'], lab?: string, sampleId?: string): Assay => ({
    method,
    date: localDate(ms, offsetMin),
    ...(lab !== undefined ? { lab } : {}),
    ...(sampleId !== undefined ? { sampleId } : {}),
  });

  const house = org.tradingHouse;
  const exporter = org.exporter;
  const refiner = org.refiner;
  const jeweller = org.jeweller;

  // Ituri: daily purchases by the trading house ------------------------------------------------
  let tagNo = 0;
  let thPurchaseNo = 0;
  const grossBySiteMonth = new Map<string, number>();
  const siteMonthKey = (siteIdx: number, month: string) => `${siteIdx}|${month}`;
  const isFlag = (siteIdx: number, month: string) => siteIdx === FLAG_SITE && month === DEMO_RED_FLAGS.siteOverCapacity.month;
  const chooseSite = (grossMg: number, month: string): number => {
    const weights = month === DEMO_RED_FLAGS.siteOverCapacity.month ? FLAG_SITE_WEIGHTS : SITE_WEIGHTS;
    let x = rng();
    let first = weights.length - 1;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) {
        first = i;
        break;
      }
    }
    const order = [first, ...weights.map((_, i) => i).filter((i) => i !== first).sort((a, b) => weights[b]! - weights[a]!)];
    for (const i of order) {
      const sofar = grossBySiteMonth.get(siteMonthKey(i, month)) ?? 0;
      if (isFlag(i, month) || sofar + grossMg <= CAPACITY_HEADROOM * ITURI_SITES[i]!.capacity * 1000) return i;
    }
    return -1;
  };

  interface IturiLot {
    uri: string;
    grossMg: number;
    xrf: number;
    siteIdx: number;
  }
  /** Lots bought per week (index = day / 7), in purchase order. */
  const weekLots = new Map<number, IturiLot[]>();

  /** One miner's sale: a production event per lot, one purchase, then the counter's XRF reading of each lot. */
  const sale = (day: number, ms: number, siteIdx: number, miner: Miner, lots: { form: LotForm; grossMg: number; trueF: number }[], factor: number, payment: PaymentMethod) => {
    const date = dateOf(day);
    const month = date.slice(0, 7);
    const site = ituriSites[siteIdx]!;
    const bought: IturiLot[] = [];
    let t = ms;
    for (const l of lots) {
      tagNo++;
      const number = `ITU-${compact(date)}-${String(tagNo).padStart(6, '0')}`;
      const uri = lotUri(org.asmo, l.form, number);
      // The miner's declared fineness (touchstone / experience), to the nearest 5 per-mille.
      const estimate = Math.min(950, Math.max(600, Math.round((l.trueF * (1 + 0.03 * normal())) / 5) * 5));
      const lot: NewLot = {
        lot: uri,
        form: l.form,
        grossMg: l.grossMg,
        fineness: estimate * 10,
        assay: assayOn(t, ITURI, 'estimate'),
        tag: `MTH-T${String(tagNo).padStart(6, '0')}`,
        cocModel: 'segregated',
      };
      add(t, { ...base(t, ITURI, house), type: 'production', site: site.uri, producer: org.asmo.uri, miner: miner.uri, lot });
      const xrf = Math.min(9500, Math.max(6000, Math.round(l.trueF * 10 + 25 * normal())));
      bought.push({ uri, grossMg: l.grossMg, xrf, siteIdx });
      grossBySiteMonth.set(siteMonthKey(siteIdx, month), (grossBySiteMonth.get(siteMonthKey(siteIdx, month)) ?? 0) + l.grossMg);
      t += int(20, 90) * 1000;
    }
    // The counter weighs and reads the XRF before paying; the ledger lets only the custodian record an
    // assay, so the reading that set the price is recorded just after the sale.
    const pAt = t + int(60, 240) * 1000;
    thPurchaseNo++;
    const fine = bought.reduce((a, b) => a + fineGoldMg(b.grossMg, b.xrf), 0);
    add(pAt, {
      ...base(pAt, ITURI, house, premises(house)),
      type: 'purchase',
      lots: bought.map((b) => b.uri),
      seller: miner.uri,
      buyer: house.uri,
      purchaseNumber: `MTH-2026-${String(thPurchaseNo).padStart(6, '0')}`,
      price: usd(fine, month, factor),
      currency: 'USD',
      paymentMethod: payment,
      custodyTransferred: true,
    });
    let aAt = pAt;
    for (const b of bought) {
      aAt += int(30, 90) * 1000;
      add(aAt, {
        ...base(aAt, ITURI, house, premises(house)),
        type: 'assay',
        lot: b.uri,
        fineness: b.xrf,
        assay: assayOn(aAt, ITURI, 'xrf', house.name),
      });
    }
    const week = Math.floor(day / 7);
    const list = weekLots.get(week) ?? [];
    list.push(...bought);
    weekLots.set(week, list);
    return { fine, price: Number(usd(fine, month, factor)) };
  };

  const HOLIDAYS = new Set(['2026-05-01', '2026-06-30']); // Labour Day, Independence Day (DRC)
  for (let day = 0; day < DAYS; day++) {
    const dow = day % 7; // 0 = Monday
    const date = dateOf(day);
    if (dow === 6 || HOLIDAYS.has(date)) continue;
    const month = date.slice(0, 7);
    const n = Math.min(75, Math.max(40, (dow === 5 ? 46 : 58) + int(-12, 12)));
    const times = Array.from({ length: n }, () => localMs(day, 8, 0, ITURI) + Math.floor(rng() * (8.5 * 60 * MIN))).sort((a, b) => a - b);
    times.forEach((ms, i) => {
      if (date === DEMO_RED_FLAGS.largeCashPurchase.date && i === Math.floor(n / 2)) {
        // A miner brings several weeks of doré at once and is paid in cash: above USD 10,000.
        const siteIdx = 0;
        const miner = pickMiner(siteIdx);
        const lots: { form: LotForm; grossMg: number; trueF: number }[] = [];
        // Fine gold counted 10 per-mille below the true fineness so that the XRF reading cannot bring the price under the mark.
        let fineSoFar = 0;
        while (lots.length < 4 || Number(usd(fineSoFar, month, 0.93)) <= 10_500) {
          const l = { form: 'dore' as LotForm, grossMg: int(2100, 2500) * 10, trueF: between(880, 930) };
          lots.push(l);
          fineSoFar += fineGoldMg(l.grossMg, Math.round(l.trueF * 10) - 100);
        }
        const r = sale(day, ms, siteIdx, miner, lots, 0.93, 'cash');
        if (r.price <= DEMO_RED_FLAGS.largeCashPurchase.aboveUsd) throw new Error(`demo generator bug: large cash purchase is only USD ${r.price}`);
        return;
      }
      const form: LotForm = rng() < 0.55 ? 'sponge' : 'dore';
      const trueF = form === 'sponge' ? between(620, 900) : between(720, 945);
      const grossMg = Math.round((1000 + 24_000 * Math.pow(rng(), 5.5)) / 10) * 10;
      const siteIdx = chooseSite(grossMg, month);
      if (siteIdx < 0) return;
      sale(day, ms, siteIdx, pickMiner(siteIdx), [{ form, grossMg, trueF }], between(0.9, 0.95), rng() < 0.82 ? 'cash' : 'mobile_money');
    });
  }

  // Ituri: weekly bagging, shipment to Bunia, sale to the exporter, melt and fire assay -----------
  let bagSerial = 0;
  let expPurchaseNo = 0;
  let ceecSample = 0;
  const exporterDore: HeldLot[] = [];
  for (const [week, lots] of weekLots) {
    const saturday = week * 7 + 5;
    const monday = saturday + 2;
    const bags: { bag: string; lots: IturiLot[] }[] = [];
    ITURI_SITES.forEach((_, siteIdx) => {
      const siteLots = lots.filter((l) => l.siteIdx === siteIdx);
      if (siteLots.length === 0) return;
      bagSerial++;
      const bag = bagUri(house, bagSerial);
      const at = localMs(saturday, 17, 15 + 5 * bags.length, ITURI);
      add(at, {
        ...base(at, ITURI, house, premises(house)),
        type: 'pack',
        bag,
        lots: siteLots.map((l) => l.uri),
        tag: `MTH-SAC-${String(bagSerial).padStart(5, '0')}`,
        seal: `SC-CD-${String(int(1_000_000, 9_999_999))}`,
      });
      bags.push({ bag, lots: siteLots });
    });
    // The bags leave on Monday; the chain up to the fire assay must fit in the period, else they wait at the house.
    if (localMs(monday + 2, 12, 0, ITURI) > END_MS) continue;
    bags.forEach((b, i) => {
      const at = localMs(monday, 6, 30 + 2 * i, ITURI);
      add(at, { ...base(at, ITURI, house, premises(house)), type: 'ship', lots: b.lots.map((l) => l.uri), bag: b.bag, from: house.uri, to: exporter.uri });
    });
    bags.forEach((b, i) => {
      const at = localMs(monday, 15, 10 * i, ITURI, int(0, 59));
      add(at, { ...base(at, ITURI, exporter, premises(exporter)), type: 'receive', lots: b.lots.map((l) => l.uri), bag: b.bag, from: house.uri, to: exporter.uri });
    });
    const all = bags.flatMap((b) => b.lots);
    const fineXrf = all.reduce((a, l) => a + fineGoldMg(l.grossMg, l.xrf), 0);
    const pAt = localMs(monday, 16, 30, ITURI);
    expPurchaseNo++;
    add(pAt, {
      ...base(pAt, ITURI, exporter, premises(exporter)),
      type: 'purchase',
      lots: all.map((l) => l.uri),
      seller: house.uri,
      buyer: exporter.uri,
      purchaseNumber: `IGE-PO-2026-${String(expPurchaseNo).padStart(4, '0')}`,
      price: usd(fineXrf, localDate(pAt, ITURI).slice(0, 7), between(0.96, 0.975)),
      currency: 'USD',
      paymentMethod: 'bank_transfer',
      // Custody moved with the shipment; the sale moves ownership only.
      custodyTransferred: false,
    });
    // Melt the week into doré bars of at most 1.2 kg: 1-3 % of the gross goes to slag, 0.3-2 % of the fine gold is lost.
    const grossIn = all.reduce((a, l) => a + l.grossMg, 0);
    const grossOut = Math.round(grossIn * (1 - between(0.01, 0.03)));
    const fineTarget = Math.floor(fineXrf * (1 - between(0.003, 0.02)));
    const fineness = Math.min(9999, Math.floor((fineTarget * 10000) / grossOut));
    const meltAt = localMs(monday + 1, 9, 30, ITURI);
    const parts = splitMass(grossOut, Math.ceil(grossOut / 1_200_000));
    const outputs: NewLot[] = parts.map((g, k) => ({
      lot: lotUri(exporter, 'dore', `IGE-26-D${String(week + 1).padStart(3, '0')}-${k + 1}`),
      form: 'dore',
      grossMg: g,
      fineness,
      cocModel: 'segregated',
    }));
    add(meltAt, {
      ...base(meltAt, ITURI, exporter, premises(exporter)),
      type: 'transform',
      operation: 'melt',
      inputs: all.map((l) => ({ lot: l.uri, massMg: l.grossMg })),
      outputs,
    });
    outputs.forEach((o, k) => {
      const at = localMs(monday + 2, 11, 20 * k, ITURI);
      const assayed = fineness - int(0, 5);
      ceecSample++;
      add(at, {
        ...base(at, ITURI, exporter, premises(exporter)),
        type: 'assay',
        lot: o.lot,
        fineness: assayed,
        assay: assayOn(at, ITURI, 'fire_assay', 'CEEC Bunia', `CEEC-BIA-26-${String(ceecSample).padStart(4, '0')}`),
      });
      exporterDore.push({ uri: o.lot, grossMg: o.grossMg, fineness: assayed, readyAt: at });
    });
  }

  // Puno (Peru): weekly production per site on Fridays (Fairmined-style, segregated) ---------------
  const peruPending: HeldLot[] = [];
  let peruLotNo = 0;
  for (let day = 4; day < DAYS; day += 7) {
    peruSites.forEach((site, i) => {
      const at = localMs(day, 15, 10 * i, PERU);
      peruLotNo++;
      const grossMg = int(12_000, 42_000) * 10;
      const fineness = int(8800, 9400);
      const lot = lotUri(org.peru, 'dore', `CMAT-${compact(dateOf(day))}-${i + 1}`);
      add(at, {
        ...base(at, PERU, org.peru, premises(org.peru)),
        type: 'production',
        site: site.uri,
        producer: org.peru.uri,
        lot: {
          lot,
          form: 'dore',
          grossMg,
          fineness,
          assay: assayOn(at, PERU, 'xrf', org.peru.name),
          tag: `CMAT-T${String(peruLotNo).padStart(5, '0')}`,
          cocModel: 'segregated',
          scheme: 'fairmined',
        },
      });
      peruPending.push({ uri: lot, grossMg, fineness, readyAt: at });
    });
  }

  // Ghana: weekly production on Wednesdays (mass balance, uncertified) --------------------------
  const ghanaPending: HeldLot[] = [];
  for (let day = 2; day < DAYS; day += 7) {
    const at = localMs(day, 14, 0, GHANA);
    const grossMg = int(35_000, 70_000) * 10;
    const fineness = int(8600, 9250);
    const lot = lotUri(org.ghana, 'dore', `PRA-${compact(dateOf(day))}`);
    add(at, {
      ...base(at, GHANA, org.ghana),
      type: 'production',
      site: ghanaSite.uri,
      producer: org.ghana.uri,
      lot: { lot, form: 'dore', grossMg, fineness, assay: assayOn(at, GHANA, 'xrf', org.ghana.name), tag: `PRA-T${compact(dateOf(day))}`, cocModel: 'mass_balance' },
    });
    ghanaPending.push({ uri: lot, grossMg, fineness, readyAt: at });
  }

  // Monthly: exports to the refiner, refining, sale to the jeweller, ring collections ------------
  let certNo = 0;
  let barNo = 0;
  let refPurchaseNo = 0;
  let refSaleNo = 0;
  let refSample = 0;
  let jwPieceNo = 0;
  let ringNo = 0;
  let peruExportNo = 0;
  const takeReady = (stock: HeldLot[], before: number): HeldLot[] => {
    const ready = stock.filter((l) => l.readyAt < before);
    for (const l of ready) stock.splice(stock.indexOf(l), 1);
    return ready;
  };
  const jewellerStock: { uri: string; grossMg: number; fineness: number; origin: Origin }[] = [];

  ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08'].forEach((month, m) => {
    const T = thirdThursday(month);
    const monthOf = (ms: number, off: number) => localDate(ms, off).slice(0, 7);
    const shipments: { from: Organisation; origin: Origin; lots: HeldLot[]; offset: number; at: number }[] = [];

    // Ituri doré: the exporter exports what has been fire-assayed, with an ICGLR certificate.
    const exportAt = localMs(T, 9, 0, ITURI);
    const ituri = takeReady(exporterDore, exportAt);
    if (ituri.length > 0) {
      certNo++;
      add(exportAt, {
        ...base(exportAt, ITURI, exporter, premises(exporter)),
        type: 'export',
        lots: ituri.map((l) => l.uri),
        exporter: exporter.uri,
        destination: refiner.uri,
        destinationCountry: 'CH',
        exportCertificate: `ICGLR-CD-2026-${String(certNo + 40).padStart(5, '0')}`,
      });
      shipments.push({ from: exporter, origin: 'ituri', lots: ituri, offset: ITURI, at: exportAt });
    }

    // Peru: melt the month's doré into one export bar, fire-assay it, export it.
    const meltAt = localMs(T - 2, 10, 0, PERU);
    const peruIn = takeReady(peruPending, meltAt);
    if (peruIn.length > 0) {
      peruExportNo++;
      const fineIn = peruIn.reduce((a, l) => a + fineGoldMg(l.grossMg, l.fineness), 0);
      const grossOut = Math.round(peruIn.reduce((a, l) => a + l.grossMg, 0) * (1 - between(0.005, 0.015)));
      const fineness = Math.min(9999, Math.floor((fineIn * (1 - between(0.002, 0.008)) * 10000) / grossOut));
      const uri = lotUri(org.peru, 'dore', `CMAT-26-EXP-${String(peruExportNo).padStart(2, '0')}`);
      add(meltAt, {
        ...base(meltAt, PERU, org.peru, premises(org.peru)),
        type: 'transform',
        operation: 'melt',
        inputs: peruIn.map((l) => ({ lot: l.uri, massMg: l.grossMg })),
        outputs: [{ lot: uri, form: 'dore', grossMg: grossOut, fineness, cocModel: 'segregated', scheme: 'fairmined', tag: `CMAT-EXP-${peruExportNo}` }],
      });
      const assayAt = localMs(T - 1, 10, 0, PERU);
      const assayed = fineness - int(0, 3);
      add(assayAt, {
        ...base(assayAt, PERU, org.peru, premises(org.peru)),
        type: 'assay',
        lot: uri,
        fineness: assayed,
        assay: assayOn(assayAt, PERU, 'fire_assay', 'Laboratorio de ensayos, Juliaca', `JUL-26-${String(peruExportNo).padStart(3, '0')}`),
      });
      const at = localMs(T, 10, 0, PERU);
      add(at, {
        ...base(at, PERU, org.peru, premises(org.peru)),
        type: 'export',
        lots: [uri],
        exporter: org.peru.uri,
        destination: refiner.uri,
        destinationCountry: 'CH',
      });
      shipments.push({ from: org.peru, origin: 'peru', lots: [{ uri, grossMg: grossOut, fineness: assayed, readyAt: at }], offset: PERU, at });
    }

    // Ghana: fire-assay the month's doré, export it.
    const gAssayAt = localMs(T - 1, 9, 0, GHANA);
    const ghanaIn = takeReady(ghanaPending, gAssayAt);
    if (ghanaIn.length > 0) {
      ghanaIn.forEach((l, k) => {
        const at = gAssayAt + 10 * k * MIN;
        l.fineness -= int(0, 8);
        add(at, {
          ...base(at, GHANA, org.ghana),
          type: 'assay',
          lot: l.uri,
          fineness: l.fineness,
          assay: assayOn(at, GHANA, 'fire_assay', 'Accra assay laboratory', `ACC-${compact(dateOf(T - 1))}-${k + 1}`),
        });
      });
      const at = localMs(T, 11, 0, GHANA);
      add(at, { ...base(at, GHANA, org.ghana), type: 'export', lots: ghanaIn.map((l) => l.uri), exporter: org.ghana.uri, destination: refiner.uri, destinationCountry: 'CH' });
      shipments.push({ from: org.ghana, origin: 'ghana', lots: ghanaIn, offset: GHANA, at });
    }

    // The refiner (Switzerland) receives on Monday, buys, re-assays on Tuesday, refines on Wednesday.
    const dR = T + 4;
    const ch = europe(dR);
    const bars: Record<Origin, { uri: string; grossMg: number }[]> = { ituri: [], peru: [], ghana: [] };
    shipments.forEach((s, i) => {
      const rAt = localMs(dR, 9, 20 * i, ch);
      add(rAt, { ...base(rAt, ch, refiner, premises(refiner)), type: 'receive', lots: s.lots.map((l) => l.uri), from: s.from.uri, to: refiner.uri });
      const pAt = localMs(dR, 14, 10 * i, ch);
      refPurchaseNo++;
      const fine = s.lots.reduce((a, l) => a + fineGoldMg(l.grossMg, l.fineness), 0);
      const factor = s.origin === 'ghana' ? 0.98 : 0.985;
      add(pAt, {
        ...base(pAt, ch, refiner, premises(refiner)),
        type: 'purchase',
        lots: s.lots.map((l) => l.uri),
        seller: s.from.uri,
        buyer: refiner.uri,
        purchaseNumber: `HAF-PO-2026-${String(refPurchaseNo).padStart(4, '0')}`,
        price: usd(fine, monthOf(s.at, s.offset), factor, s.origin === 'peru' ? FAIRMINED_PREMIUM_PER_G : 0),
        currency: 'USD',
        paymentMethod: 'bank_transfer',
        custodyTransferred: false,
      });
    });
    shipments.forEach((s) => {
      for (const l of s.lots) {
        refSample++;
        const at = localMs(dR + 1, 10, 0, ch) + refSample * 3 * MIN;
        // Within the splitting limit (0.05 % absolute) of the seller's assay, never above it.
        l.fineness -= int(0, 4);
        add(at, {
          ...base(at, ch, refiner, premises(refiner)),
          type: 'assay',
          lot: l.uri,
          fineness: l.fineness,
          assay: assayOn(at, ch, 'fire_assay', refiner.name, `HAF-26-S${String(refSample).padStart(5, '0')}`),
        });
      }
    });
    shipments.forEach((s, i) => {
      const at = localMs(dR + 2, 9 + 2 * i, 0, ch);
      const fineIn = s.lots.reduce((a, l) => a + fineGoldMg(l.grossMg, l.fineness), 0);
      const fineTarget = Math.floor(fineIn * (1 - between(0.001, 0.005)));
      const kilobarFine = fineGoldMg(1_000_000, 9999);
      const kilobars = Math.floor(fineTarget / kilobarFine);
      const masses = Array.from({ length: kilobars }, () => 1_000_000);
      const rest = Math.floor(((fineTarget - kilobars * kilobarFine) * 10000) / 9999);
      if (rest >= 1000) masses.push(rest);
      const cocModel: CocModel = s.origin === 'ghana' ? 'mass_balance' : 'segregated';
      // Kilobars, and the remainder as one small cast bar (or as grain when under 100 g).
      const outputs: NewLot[] = masses.map((g) => {
        barNo++;
        const form: LotForm = g < 100_000 ? 'grain' : 'bar';
        return {
          lot: lotUri(refiner, form, `HAF-26-${String(barNo).padStart(5, '0')}`),
          form,
          grossMg: g,
          fineness: 9999,
          cocModel,
          ...(s.origin === 'peru' ? { scheme: 'fairmined' } : {}),
          assay: assayOn(at, ch, 'fire_assay', refiner.name),
        };
      });
      add(at, {
        ...base(at, ch, refiner, premises(refiner)),
        type: 'transform',
        operation: 'refine',
        inputs: s.lots.map((l) => ({ lot: l.uri, massMg: l.grossMg })),
        outputs,
      });
      bars[s.origin].push(...outputs.map((o) => ({ uri: o.lot, grossMg: o.grossMg })));
    });

    // The jeweller (Paris) buys bars on Thursday, receives them on Friday, splits and casts 18K rings.
    const dJ = dR + 3;
    const fr = europe(dJ);
    const kilo = (list: { uri: string; grossMg: number }[]) => list.filter((b) => b.grossMg === 1_000_000);
    const buy: { origin: Origin; uri: string; grossMg: number }[] = [
      ...kilo(bars.ituri).slice(0, 2).map((b) => ({ origin: 'ituri' as Origin, ...b })),
      ...kilo(bars.peru).slice(0, 1).map((b) => ({ origin: 'peru' as Origin, ...b })),
      ...(month === '2026-06' ? [...bars.ghana].sort((a, b) => b.grossMg - a.grossMg).slice(0, 1).map((b) => ({ origin: 'ghana' as Origin, ...b })) : []),
    ];
    if (buy.length === 0) return;
    const groups = [buy.filter((b) => b.origin !== 'peru'), buy.filter((b) => b.origin === 'peru')].filter((g) => g.length > 0);
    groups.forEach((g, i) => {
      const at = localMs(dJ, 10, 15 * i, fr);
      refSaleNo++;
      const fine = g.reduce((a, b) => a + fineGoldMg(b.grossMg, 9999), 0);
      add(at, {
        ...base(at, fr, refiner, premises(refiner)),
        type: 'purchase',
        lots: g.map((b) => b.uri),
        seller: refiner.uri,
        buyer: jeweller.uri,
        purchaseNumber: `HAF-SO-2026-${String(refSaleNo).padStart(4, '0')}`,
        price: usd(fine, month, 1.003, g[0]!.origin === 'peru' ? FAIRMINED_PREMIUM_PER_G : 0),
        currency: 'USD',
        paymentMethod: 'bank_transfer',
        custodyTransferred: false,
      });
    });
    const shipAt = localMs(dJ, 14, 0, fr);
    add(shipAt, { ...base(shipAt, fr, refiner, premises(refiner)), type: 'ship', lots: buy.map((b) => b.uri), from: refiner.uri, to: jeweller.uri });
    const dF = dJ + 1;
    const fr2 = europe(dF);
    const recAt = localMs(dF, 10, 0, fr2);
    add(recAt, { ...base(recAt, fr2, jeweller, premises(jeweller)), type: 'receive', lots: buy.map((b) => b.uri), from: refiner.uri, to: jeweller.uri });
    jewellerStock.push(...buy.map((b) => ({ uri: b.uri, grossMg: b.grossMg, fineness: 9999, origin: b.origin })));

    const takeBar = (origin: Origin) => {
      const i = jewellerStock.findIndex((s) => s.origin === origin && s.grossMg === 1_000_000);
      return i < 0 ? undefined : jewellerStock.splice(i, 1)[0];
    };
    const takePiece = (origin: Origin) => {
      const i = jewellerStock.findIndex((s) => s.origin === origin && s.grossMg < 1_000_000);
      return i < 0 ? undefined : jewellerStock.splice(i, 1)[0];
    };
    // Every other month an Ituri kilobar is first split into four 250 g pieces.
    if (m % 2 === 1) {
      const bar = takeBar('ituri');
      if (bar) {
        const at = localMs(dF, 11, 0, fr2);
        const pieces: NewLot[] = [0, 1, 2, 3].map(() => {
          jwPieceNo++;
          return { lot: lotUri(jeweller, 'bar', `ALJ-26-P${String(jwPieceNo).padStart(4, '0')}`), form: 'bar', grossMg: 250_000, fineness: 9999, cocModel: 'segregated' };
        });
        add(at, { ...base(at, fr2, jeweller, premises(jeweller)), type: 'transform', operation: 'split', inputs: [{ lot: bar.uri, massMg: bar.grossMg }], outputs: pieces });
        jewellerStock.push(...pieces.map((p) => ({ uri: p.lot, grossMg: p.grossMg, fineness: p.fineness, origin: 'ituri' as Origin })));
      }
    }
    const cast = (at: number, inputs: { uri: string; grossMg: number; fineness: number }[], cocModel: CocModel, scheme?: string) => {
      const fineIn = inputs.reduce((a, l) => a + fineGoldMg(l.grossMg, l.fineness), 0);
      const fineTarget = Math.floor(fineIn * (1 - between(0.003, 0.012)));
      // 18K: the fine gold is alloyed with silver and copper, so the gross mass grows by a third.
      const gross = Math.floor((fineTarget * 10000) / 7500);
      const outputs: NewLot[] = splitMass(gross, int(3, 5), rng).map((g) => {
        ringNo++;
        return {
          lot: lotUri(jeweller, 'product', `ALJ-26-R${String(ringNo).padStart(4, '0')}`),
          form: 'product',
          grossMg: g,
          fineness: 7500,
          cocModel,
          ...(scheme !== undefined ? { scheme } : {}),
        };
      });
      const event: TransformEvent = {
        ...base(at, fr2, jeweller, premises(jeweller)),
        type: 'transform',
        operation: 'melt',
        inputs: inputs.map((l) => ({ lot: l.uri, massMg: l.grossMg })),
        outputs,
      };
      add(at, event);
    };
    // Ituri collection (segregated): one kilobar, or two 250 g pieces after a split.
    const ituriIn = m % 2 === 1 ? [takePiece('ituri'), takePiece('ituri')] : [takeBar('ituri')];
    const ituriInputs = ituriIn.filter((x): x is NonNullable<typeof x> => x !== undefined);
    if (ituriInputs.length > 0) cast(localMs(dF, 14, 0, fr2), ituriInputs, 'segregated');
    // Fairmined collection (segregated, certified) from the Peruvian bar.
    const fm = takeBar('peru');
    if (fm) cast(localMs(dF, 15, 0, fr2), [fm], 'segregated', 'fairmined');
    // In June a mixed collection (mass balance): the Ghanaian bar with an Ituri piece.
    if (month === '2026-06') {
      const gh = jewellerStock.findIndex((s) => s.origin === 'ghana');
      const ghBar = gh < 0 ? undefined : jewellerStock.splice(gh, 1)[0];
      const piece = takePiece('ituri') ?? takeBar('ituri');
      const mixed = [ghBar, piece].filter((x): x is NonNullable<typeof x> => x !== undefined);
      if (mixed.length > 0) cast(localMs(dF, 16, 0, fr2), mixed, 'mass_balance');
    }
  });

  // Batches: every event in time order, one batch per UTC day --------------------------------
  timeline.sort((a, b) => a.ms - b.ms || a.order - b.order);
  const batches: GoldEvent[][] = [];
  let current: GoldEvent[] = [];
  let currentDay = -1;
  for (const t of timeline) {
    const d = Math.floor(t.ms / DAY);
    if (d !== currentDay && current.length > 0) {
      batches.push(current);
      current = [];
    }
    currentDay = d;
    current.push(t.event);
  }
  if (current.length > 0) batches.push(current);

  const tagged = withDemoTagReuse(batches, org.tradingHouse.uri);
  const uris = Object.fromEntries(Object.values(org).map((o) => [o.id, o.uri]));
  return { organisations, miners, sites, batches: tagged, ...registryRecords(org, ituriSites, peruSites), diligence: demoDiligence(seed, tagged.flat(), ituriSites), tags: demoTags(tagged, uris, DEMO_PERIOD.to) };
}

/**
 * What the registry holds for the demo (constant data, so the demo stays a function of its seed):
 * the Fairmined authorisations of the Puno chain, CRAFT reports of both producers and ICGLR Green
 * inspections of the Ituri sites by the provincial mining division.
 */
function registryRecords(org: Record<keyof typeof DEMO_ORG_IDS, Organisation>, ituriSites: Site[], peruSites: Site[]): Pick<DemoPlan, 'authorisations' | 'inspections'> {
  const issuer = org.certifier.uri;
  const a = (id: string, kind: Authorisation['kind'], scheme: Authorisation['scheme'], holder: Organisation, scope: Authorisation['scope'], issuedOn: string, validUntil: string): Authorisation => ({
    id,
    kind,
    scheme,
    holder: holder.uri,
    issuer,
    scope,
    issuedOn,
    validUntil,
    statusChanges: [],
  });
  const authorisations = [
    a(DEMO_AUTHORISATIONS.punoCertificate, 'producer_certificate', 'fairmined', org.peru, { sites: peruSites.map((s) => s.uri), activities: ['mining', 'export'] }, '2025-02-01', '2028-01-31'),
    a(
      DEMO_AUTHORISATIONS.refinerPermit,
      'permit_to_trade',
      'fairmined',
      org.refiner,
      { activities: ['refining', 'trading'], firstAuthorisedBuyer: true, suppliers: [org.peru.uri] },
      '2025-08-01',
      DEMO_AUTHORISATIONS.refinerPermitUntil,
    ),
    a(DEMO_AUTHORISATIONS.jewellerLicence, 'licence', 'fairmined', org.jeweller, { products: ['jewellery'] }, '2025-06-01', '2027-05-31'),
    a('CRAFT-COEMAI-2026', 'craft_report', 'craft', org.asmo, {}, '2026-01-15', '2027-01-14'),
    a('CRAFT-CMAT-2026', 'craft_report', 'craft', org.peru, {}, '2026-01-20', '2027-01-19'),
  ];
  const inspections: SiteInspection[] = ituriSites.map((s, i) => ({
    id: `ICGLR-CD-IT-2025-${String(i + 1).padStart(3, '0')}`,
    site: s.uri,
    date: ['2025-11-10', '2025-11-12', '2025-11-14'][i]!,
    status: 1,
    purpose: 'periodic',
    inspector: 'Inspecteur des mines (demo)',
    agency: org.authority.name,
  }));
  return { authorisations, inspections };
}

type Origin = 'ituri' | 'peru' | 'ghana';

/** Splits a mass into n parts (equal, or by random weights), the last taking the remainder. */
function splitMass(totalMg: number, n: number, rng?: () => number): number[] {
  const weights = Array.from({ length: n }, () => (rng ? 0.6 + 0.8 * rng() : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((totalMg * w) / sum));
  parts[n - 1] = totalMg - parts.slice(0, -1).reduce((a, b) => a + b, 0);
  return parts;
}

/** Day index of the third Thursday of a month ("2026-03"). */
function thirdThursday(month: string): number {
  const first = dayOf(`${month}-01`);
  const dow = ((first % 7) + 7) % 7; // 0 = Monday
  const firstThursday = first + ((3 - dow + 7) % 7);
  return firstThursday + 14;
}

interface MineSitesFile {
  source: string;
  peru: { sites: { sourceId: number; region: string; areaHa: number; longitude: number; latitude: number }[] };
  ghana: { feature: number; areaHa: number; geometry: { type: 'Polygon'; coordinates: [number, number][][] } };
}

function readMineSites(): MineSitesFile {
  return JSON.parse(readFileSync(join(projectRoot(), 'src/demo/data/mine-sites.json'), 'utf8')) as MineSitesFile;
}
