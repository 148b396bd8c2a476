import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceBackward, traceForward, type BackwardTrace, type ForwardTrace, type GoldEvent } from './custody/index.js';
import { captureLimits, type CaptureLimits } from './capture/index.js';
import {
  addEddsaJcsProof,
  authorisationCredential,
  credentialRefusal,
  didKeyOf,
  type AssayStore,
  type AuthorisationCredential,
  checkClaimOn,
  siteStatusOn,
  type CertificationStore,
  type ClaimName,
  type ClaimSources,
  type ClaimVerdict,
  type SiteStanding,
  type DataIntegrityProof,
  type PriceStore,
  type SettlementStore,
} from './certification/index.js';
import type { GatingStore, PlanStore, StepStore } from './diligence/index.js';
import { premiums, type Premiums } from './premiums/index.js';
import { OrpailleError, systemClock, type Clock } from './kernel/index.js';
import {
  appendEvents,
  exportPrivateKey,
  importPrivateKey,
  keyIdOf,
  privateKeyFromSeed,
  rawPublicKey,
  verifyLedger,
  type AppendOptions,
  type AppendResult,
  type LedgerEntry,
  type VerifyResult,
} from './ledger/index.js';
import { kycRulesFrom, type CraftStore, type IndicatorStore, type KycRules, type KycStore, type RiskRegisterStore } from './diligence/index.js';
import type { Organisation } from './parties/index.js';
import { projectRoot } from './paths.js';
import { defaultRiskAreas, redFlags, type RedFlags } from './redflags.js';
import { tagRegistry, type TagRegistry } from './tag-registry.js';
import type { TagStore } from './tags/index.js';
import { deliveryRules, deliveryWorker, subscriptions, type DeliveryRules, type Subscriptions, type Timers } from './subscriptions/index.js';
import {
  accessStore,
  visibilityStore,
  type AccessStore,
  type VisibilityStore,
  assayStore,
  captureJobStore,
  certificationStore,
  gatingStore,
  planStore,
  stepStore,
  priceStore,
  settlementStore,
  genealogyStore,
  premiumStore,
  incidentStore,
  tagStore,
  evidenceStore,
  type EvidenceStore,
  type IncidentStore,
  ledgerEventFeed,
  subscriptionStore,
  ledgerStore,
  openDb,
  queryStore,
  registryStore,
  riskRegisterStore,
  assessmentStore,
  craftStore,
  rulesStore,
  type CaptureJobStore,
  type Db,
  type OpenOptions,
  type QueryStore,
  type RegistryStore,
  type RuleValue,
  type RulesStore,
} from './store/index.js';

export interface OrpailleConfig extends OpenOptions {
  clock?: Clock;
  /** Allowed clock skew of field devices (default 5 minutes). */
  maxClockSkewMs?: number;
  /** Capture limits (docs/capture.md); defaults in src/capture/limits.ts. */
  capture?: Partial<CaptureLimits>;
  /** Overrides of the subscription delivery rules (rules/subscriptions.json). */
  delivery?: Partial<DeliveryRules>;
  /** Timers of the delivery worker (default: the event loop's). */
  timers?: Timers;
  /** Run the red-flag engine on every committed append (default true; the bench turns it off to measure its cost). */
  redFlagsOnCapture?: boolean;
}

/** The composition root: one database, the stores over it and the ledger wired to them. */
export interface Orpaille {
  db: Db;
  clock: Clock;
  registry: RegistryStore;
  queries: QueryStore;
  rules: RulesStore;
  /** Users, tokens, sessions, grants, disclosures; and reads scoped to what a principal may see. */
  access: AccessStore;
  visibility: VisibilityStore;
  /** Capture jobs of the EPCIS capture interface, and the limits it enforces. */
  captureJobs: CaptureJobStore;
  captureLimits: CaptureLimits;
  /** EPCIS query subscriptions and their delivery worker (started by `serve`). */
  subscriptions: Subscriptions;
  /** The certification registry: certificates, permits, licences, listings and ICGLR site inspections. */
  certification: CertificationStore;
  /** Benchmark prices (LBMA fixings, monthly averages), assay exchanges and settlement statements. */
  prices: PriceStore;
  assays: AssayStore;
  settlements: SettlementStore;
  /** Due diligence: the risk register per supplier and per site (docs/diligence.md). */
  risks: RiskRegisterStore;
  /** Due-diligence decisions about suppliers (continue, mitigate, suspend, disengage) that gate capture. */
  gating: GatingStore;
  /** Risk management plans per supplier, with their progress reports. */
  plans: PlanStore;
  /** The OECD five-step checklist entries of each organisation. */
  steps: StepStore;
  /** Due diligence: supplier know-your-counterparty records and mercury/ESG indicators per site. */
  assessments: KycStore & IndicatorStore;
  /** Due diligence: CRAFT assessments (self-assessment, buyer review). */
  crafts: CraftStore;
  /** The KYC rules (beneficial-ownership thresholds) as they stand in the rule table now. */
  kycRules(): Promise<KycRules>;
  /** Premium ledger, below-minimum policies, exchange rates and trading contracts (src/premiums). */
  premiums: Premiums;
  /**
   * Issues an authorisation as a W3C Verifiable Credential signed (eddsa-jcs-2022) with its issuer
   * organisation's key. ORP_NOT_FOUND for an unknown id, ORP_CREDENTIAL_REFUSED when it is not valid today.
   */
  issueCredential(authorisationId: string): Promise<AuthorisationCredential & { proof: DataIntegrityProof }>;
  /** Red-flag incidents, cash approvals and risk areas (docs/diligence.md). */
  incidents: IncidentStore;
  /** The red-flag engine: run after every committed append and on demand (`scan`). */
  redFlags: RedFlags;
  /** Tag custody: tags issued to agents, voided, lost, counted; stock per agent (docs/diligence.md, "Tags"). */
  tags: TagRegistry;
  tagStore: TagStore;
  /** Evidence files of due diligence, per organisation, named by their SHA-256 (docs/diligence.md, "Evidence files"). */
  evidence: EvidenceStore;
  /**
   * Appends gold events and captured EPCIS events through the full pipeline (see ledger/appendEvents);
   * after a commit the red-flag engine scans the batch and raises incidents.
   */
  append(events: LedgerEntry[], options?: AppendOptions): Promise<AppendResult>;
  verify(onProgress?: (checked: number) => void): Promise<VerifyResult>;
  /** Registers an organisation with a new Ed25519 key (from `keySeed` when given, for reproducible demos). */
  addOrganisation(org: Organisation, keySeed?: Uint8Array): Promise<void>;
  traceBackward(lotIdOrNumber: string): Promise<BackwardTrace>;
  /**
   * Judges a market claim on a lot or product (URI or number) on its genealogy, the parties'
   * authorisations and the sites' ICGLR inspections (docs/certification.md); mass-balance credits
   * must be usable `at` (default now).
   */
  checkClaim(lotIdOrNumber: string, claim: ClaimName, opts?: { at?: string }): Promise<ClaimVerdict>;
  /** Forward trace from a lot (URI or number) or a site (URI or id). */
  traceForward(lotOrSite: string): Promise<ForwardTrace>;
  close(): Promise<void>;
}


/** Opens (and migrates) the database and seeds the default rule tables when absent. */
export async function openOrpaille(config: OrpailleConfig = {}): Promise<Orpaille> {
  const db = await openDb(config);
  const clock = config.clock ?? systemClock;
  const registry = registryStore(db);
  const queries = queryStore(db);
  const rules = rulesStore(db);
  const ledger = ledgerStore(db);
  const certification = certificationStore(db, clock);
  await rules.seed(defaultRuleValues());
  const incidents = incidentStore(db);
  await incidents.seedAreas(defaultRiskAreas());
  const tagsStore = tagStore(db);
  const assessments = assessmentStore(db, clock);
  const flags = redFlags({ incidents, registry, rules, certification, clock, tags: tagsStore, kyc: assessments });
  const maxClockSkewMs = config.maxClockSkewMs ?? 5 * 60_000;
  const subs = openSubscriptions(db, clock, config);
  const genealogies = genealogyStore(db);
  const claimSources: ClaimSources = {
    genealogy: (lot) => genealogies.genealogy(lot),
    authorisations: (holders) => certification.authorisations(holders),
    siteInspections: (sites) => certification.siteInspections(sites),
    creditAccount: (holder, scheme, metal) => queries.creditAccount(holder, scheme, metal),
    async partyNames(parties) {
      const wanted = new Set(parties);
      return new Map((await registry.organisations()).filter((o) => wanted.has(o.uri)).map((o) => [o.uri, o.name]));
    },
  };
  const prem = premiums({ store: premiumStore(db), clock, rules: () => rules.certificationRules() });

  const orp: Orpaille = {
    db,
    clock,
    registry: {
      ...registry,
      // Miners registered under the minimum working age raise an incident when registered, like a captured event.
      async addMiners(miners) {
        await registry.addMiners(miners);
        if (config.redFlagsOnCapture === false) return;
        try {
          await flags.afterMiners(miners);
        } catch (err) {
          console.error('red-flag check of new miners:', err);
        }
      },
    },
    queries,
    rules,
    access: accessStore(db),
    visibility: visibilityStore(db),
    captureJobs: captureJobStore(db),
    captureLimits: captureLimits(config.capture),
    subscriptions: subs,
    certification,
    incidents,
    redFlags: flags,
    tags: tagRegistry({ tags: tagsStore, registry, rules, incidents, clock }),
    tagStore: tagsStore,
    evidence: evidenceStore(db),
    prices: priceStore(db, clock),
    assays: assayStore(db, clock),
    settlements: settlementStore(db),
    risks: riskRegisterStore(db, clock),
    gating: gatingStore(db, () => clock.now().getTime()),
    plans: planStore(db, () => clock.now().getTime()),
    steps: stepStore(db, () => clock.now().getTime()),
    assessments,
    crafts: craftStore(db, clock),
    kycRules: async () => kycRulesFrom(await rules.list('kyc.beneficial_owner_threshold')),
    premiums: prem,
    async issueCredential(id) {
      const a = await certification.get(id);
      if (!a) throw new OrpailleError('ORP_NOT_FOUND', `no authorisation ${id}`, { id });
      const now = clock.now();
      const refusal = credentialRefusal(a, now.toISOString());
      if (refusal) throw new OrpailleError('ORP_CREDENTIAL_REFUSED', refusal, { id });
      const issuer = await registry.organisation(a.issuer);
      const key = issuer ? await ledger.signingKey(issuer.uri) : undefined;
      if (!issuer || !key) throw new OrpailleError('ORP_UNKNOWN_PARTY', `the issuer ${a.issuer} is not a registered organisation with a key`, { issuer: a.issuer });
      const privateKey = importPrivateKey(key.privateKey);
      const holder = await registry.organisation(a.holder);
      const doc = authorisationCredential(
        a,
        { uri: issuer.uri, name: issuer.name },
        didKeyOf(Buffer.from(rawPublicKey(privateKey), 'base64')),
        { uri: a.holder, ...(holder ? { name: holder.name } : {}) },
        now.toISOString(),
      );
      return addEddsaJcsProof(doc, privateKey, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    },
    async append(events, options) {
      // Rules are read per batch so values added to the table apply without a restart.
      const result = await appendEvents({ store: ledger, clock, rules: await rules.custodyRules(), certification: await rules.certificationRules(), maxClockSkewMs }, events, options);
      if (result.committed) {
        subs.worker.wake();
        if (config.redFlagsOnCapture === false) return result;
        // The batch is committed whatever the scan finds; a failed scan is caught up by `orpaille diligence scan`.
        try {
          await flags.afterAppend(events, result);
        } catch (err) {
          console.error('red-flag scan after append:', err);
        }
      }
      return result;
    },
    verify: (onProgress) => verifyLedger(ledger, onProgress),
    async addOrganisation(org, keySeed) {
      const privateKey = keySeed ? privateKeyFromSeed(keySeed) : generateKeyPairSync('ed25519').privateKey;
      const publicKey = rawPublicKey(privateKey);
      await registry.addOrganisation(
        org,
        { keyId: keyIdOf(publicKey), publicKey, privateKey: exportPrivateKey(privateKey) },
        clock.now().getTime(),
      );
    },
    async traceBackward(lotIdOrNumber) {
      const lot = await queries.lot(lotIdOrNumber);
      if (!lot) throw new OrpailleError('ORP_LOT_NOT_FOUND', `lot ${lotIdOrNumber} does not exist`, { lot: lotIdOrNumber });
      const edges = await queries.ancestorEdges(lot.lot);
      const outputs = new Set(edges.map((e) => e.output));
      const roots = [...new Set(edges.map((e) => e.input))].filter((l) => !outputs.has(l));
      const sites = await queries.lotSites(roots.length > 0 ? roots : [lot.lot]);
      return traceBackward(lot, edges, sites);
    },
    async checkClaim(lotIdOrNumber, claim, opts = {}) {
      // Only the ICGLR claim reads site statuses: their dated periods and the sites' licensing dates (Blue since).
      const icglr = claim === 'icglr-certified' ? { rules: await rules.certificationRules(), sites: await registry.sites() } : undefined;
      const licensedOn = new Map((icglr?.sites ?? []).map((s) => [s.uri, s.licensedOn]));
      return checkClaimOn(claimSources, lotIdOrNumber, claim, {
        at: opts.at ?? clock.now().toISOString(),
        siteStatus: (site, inspections, date): SiteStanding => {
          if (!icglr) throw new Error(`ICGLR status asked for ${claim}`);
          return siteStatusOn(site, inspections, date, icglr.rules, licensedOn.get(site));
        },
      });
    },
    async traceForward(lotOrSite) {
      const lot = await queries.lot(lotOrSite);
      if (lot) return traceForward(lot.lot, [lot.lot], await queries.descendantEdges([lot.lot]));
      const site = (await registry.sites()).find((s) => s.id === lotOrSite || s.uri === lotOrSite || s.icglrId === lotOrSite);
      if (!site) throw new OrpailleError('ORP_NOT_FOUND', `no lot or site ${lotOrSite}`, { id: lotOrSite });
      const start = await queries.productionLotsAt(site.uri);
      const trace = traceForward(site.uri, start, await queries.descendantEdges(start));
      return trace;
    },
    async close() {
      await subs.worker.stop();
      await db.close();
    },
  };
  return orp;
}

function openSubscriptions(db: Db, clock: Clock, config: OrpailleConfig): Subscriptions {
  const file = JSON.parse(readFileSync(join(projectRoot(), 'rules', 'subscriptions.json'), 'utf8')) as Record<string, unknown>;
  const store = subscriptionStore(db);
  const feed = ledgerEventFeed(db);
  const timers = config.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const worker = deliveryWorker({ store, feed, clock, timers, rules: deliveryRules(file, config.delivery), onError: (err) => console.error('subscription delivery:', err) });
  return subscriptions({ store, feed, clock, worker });
}

/** The dated rule tables shipped in rules/ and seeded into rule_values (custody tolerances; certification prices, premiums, assay, trading and ICGLR rules; due-diligence assessment rules; exchange-rate age and investment plans; red-flag thresholds; the mitigation deadline of risk management plans). */
export const RULE_FILES = ['custody.json', 'certification.json', 'assessments.json', 'premiums.json', 'diligence.json', 'gating.json', 'cmrt.json'] as const;

/** The rule values shipped in rules/*.json. */
export function defaultRuleValues(): RuleValue[] {
  return RULE_FILES.flatMap((name) => (JSON.parse(readFileSync(join(projectRoot(), 'rules', name), 'utf8')) as { values: RuleValue[] }).values);
}
