import { createHash } from 'node:crypto';
import { fromEpcis } from '../custody/index.js';
import { areasContainingPoint } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import {
  buildCmrtWorkbook,
  CMRT_METALS,
  goldAnswers,
  parseSmelterReference,
  readSupplierCmrt,
  smelterRows,
  supplyFacts,
  validateProfile,
  type CmrtProfile,
  type CmrtReport,
  type CmrtScope,
  type SmelterReference,
  type SupplyFacts,
} from '../reports/cmrt/index.js';
import { cmrtStore, reportStore, type CmrtStore, type ReferenceVersion, type StoredDeclaration } from '../store/index.js';

/**
 * CMRT wiring (docs/reports.md, "CMRT"): the RMI smelter reference read from the workbook a user supplies,
 * each organisation's recorded answers, the CMRT report computed from the ledger, and supplier CMRTs.
 */
export function cmrt(orp: Orpaille) {
  const store: CmrtStore = cmrtStore(orp.db);
  const org = async (idOrUri: string) => {
    const o = await orp.registry.organisation(idOrUri);
    if (!o) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${idOrUri}" (see: orpaille org list)`, { org: idOrUri });
    return o;
  };
  return {
    store,
    /** Imports the smelter reference of an official CMRT workbook, replacing the rows of the same template version. */
    async importSmelters(bytes: Buffer, fileName: string): Promise<ReferenceVersion & { metals: Record<string, number> }> {
      const ref: SmelterReference = await parseSmelterReference(bytes, fileName);
      const at = orp.clock.now().getTime();
      await store.putReference(ref, fileName, at);
      const metals: Record<string, number> = {};
      for (const s of ref.smelters) metals[s.metal] = (metals[s.metal] ?? 0) + 1;
      return { version: ref.version, revisionDate: ref.revisionDate, fileName, smelters: ref.smelters.length, importedAt: at, metals };
    },
    /** Records an organisation's CMRT answers (replacing what it recorded before); bad answers change nothing. */
    async setProfile(orgIdOrUri: string, doc: unknown): Promise<CmrtProfile> {
      const o = await org(orgIdOrUri);
      const profile = validateProfile(doc);
      await store.putProfile(o.id, profile, orp.clock.now().getTime());
      return profile;
    },
    async profile(orgIdOrUri: string): Promise<CmrtProfile | undefined> {
      return store.profile((await org(orgIdOrUri)).id);
    },
    /**
     * Imports a supplier's CMRT 6.x for an organisation: read and checked whole before anything is written;
     * its smelter ids are checked against the imported reference (those it does not know are kept and
     * reported). The supplier is the registered organisation given, else the one named like the file's
     * company, else the company name. The same file imported twice is refused (ORP_RECORD_EXISTS).
     */
    async importSupplier(orgIdOrUri: string, bytes: Buffer, fileName: string, supplierIdOrUri?: string): Promise<StoredDeclaration> {
      const o = await org(orgIdOrUri);
      const reference = await store.reference();
      if (!reference) throw new OrpailleError('ORP_BAD_INPUT', 'no RMI smelter reference to check the smelter ids against: run orpaille cmrt import-smelters RMI_CMRT_6.5.xlsx first');
      const sheet = await readSupplierCmrt(bytes, fileName);
      const supplier = supplierIdOrUri ? (await org(supplierIdOrUri)).uri : ((await orp.registry.organisations()).find((x) => x.name.trim().toLowerCase() === sheet.companyName.toLowerCase())?.uri ?? sheet.companyName);
      const id = createHash('sha256').update(o.id).update('\0').update(bytes).digest('hex').slice(0, 32);
      if ((await store.declarations(o.id)).some((d) => d.id === id)) throw new OrpailleError('ORP_RECORD_EXISTS', `${fileName} was already imported for ${o.id}`, { id });
      const known = new Set(reference.smelters.map((s) => s.smelterId));
      const unknownSmelterIds = [...new Set(sheet.smelters.map((s) => s.smelterId).filter((x): x is string => Boolean(x) && !known.has(x!)))].sort();
      const d: StoredDeclaration = { id, orgId: o.id, supplier, fileName, importedAt: orp.clock.now().getTime(), cmrt: sheet, unknownSmelterIds };
      await store.addDeclaration(d);
      return d;
    },
    async declarations(orgIdOrUri: string, supplier?: string): Promise<StoredDeclaration[]> {
      return store.declarations((await org(orgIdOrUri)).id, supplier);
    },
    /**
     * The CMRT 6.5 workbook of an organisation for a calendar year, computed from the ledger as it stands at
     * the head read first (docs/reports.md): gold questions from the traced supply, the rest from the
     * recorded answers, the refiners with their RMI ids from the imported reference.
     */
    async report(orgIdOrUri: string, opts: CmrtReportOptions = {}): Promise<{ bytes: Buffer; report: CmrtReport; facts: SupplyFacts }> {
      const o = await org(orgIdOrUri);
      const head = await reportStore(orp.db).head();
      const generatedAt = opts.generatedAt ?? orp.clock.now().toISOString();
      if (Number.isNaN(Date.parse(generatedAt))) throw new OrpailleError('ORP_BAD_INPUT', `generatedAt must be an ISO 8601 instant, got "${generatedAt}"`);
      const year = opts.year ?? Number(generatedAt.slice(0, 4));
      if (!Number.isInteger(year) || year < 2000 || year > 9998) throw new OrpailleError('ORP_BAD_INPUT', `the period is a calendar year (YYYY), got "${opts.year}"`);
      const scope = opts.scope ?? 'A';
      const profile = await store.profile(o.id);
      if (scope === 'C' && !profile?.scopeDescription) throw new OrpailleError('ORP_BAD_INPUT', `scope C needs a description of the scope: record scopeDescription (orpaille cmrt profile set FILE --org ${o.id})`, { field: 'scopeDescription' });
      const period = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
      const data = await store.supplyData(o.uri, head.seq, Date.parse(`${period.from}T00:00:00Z`), Date.parse(`${period.to}T00:00:00Z`));
      const [sites, orgs, smelterIds, areas, responded, reference, rules] = await Promise.all([orp.registry.sites(), orp.registry.organisations(), store.recordedSmelterIds(), orp.incidents.areas(), store.respondedSuppliers(o.id), store.reference(), orp.rules.list('cmrt.covered_countries')]);
      const siteInfo = new Map(sites.map((s) => [s.uri, s]));
      const facts = supplyFacts({
        org: o.uri,
        period: { fromMs: Date.parse(`${period.from}T00:00:00Z`), toMs: Date.parse(`${period.to}T00:00:00Z`) },
        roots: data.roots,
        lots: data.lots,
        edges: data.edges,
        events: data.events.map((e) => fromEpcis(JSON.parse(e.body) as Record<string, unknown>)),
        sites: new Map(sites.map((s) => [s.uri, { name: s.name, country: s.country }])),
        parties: new Map(orgs.map((x) => [x.uri, { name: x.name, country: x.country, ...(smelterIds.get(x.id) ? { smelterId: smelterIds.get(x.id)! } : {}) }])),
        inRiskArea: (site, day) => {
          const s = siteInfo.get(site);
          return Boolean(s && day && areasContainingPoint(areas.filter((a) => a.category === 'cahra'), day, s.longitude, s.latitude).length > 0);
        },
        responded,
      });
      const covered = rules.filter((r) => r.effectiveFrom < period.to && (!r.effectiveTo || r.effectiveTo > period.from)).at(-1);
      const questions: CmrtReport['questions'] = {};
      const gold = goldAnswers(facts, (covered?.value as { countries?: string[] } | undefined)?.countries ?? [], profile);
      for (const q of ['1', '2', '3', '4', '5', '6', '7', '8'] as const) {
        const perMetal: NonNullable<CmrtReport['questions'][typeof q]> = {};
        for (const m of CMRT_METALS) {
          const a = m === 'gold' ? gold[q] : profile?.questions[q]?.[m];
          if (a) perMetal[m] = a;
        }
        questions[q] = perMetal;
      }
      const report: CmrtReport = {
        stamp: { ledgerSeq: head.seq, ledgerHead: head.hash, generatedAt, period },
        scope,
        companyName: o.name,
        company: { uniqueId: o.gln, uniqueIdAuthority: 'GS1 GLN', ...profile?.company },
        ...(profile?.scopeDescription ? { scopeDescription: profile.scopeDescription } : {}),
        effectiveDate: generatedAt.slice(0, 10),
        questions,
        policy: profile?.policy ?? {},
        smelters: smelterRows(facts.refiners, reference?.smelters ?? [], countryName),
        products: scope === 'B' ? facts.products : [],
      };
      return { bytes: await buildCmrtWorkbook(report, reference?.smelters ?? []), report, facts };
    },
  };
}

/** Options of a CMRT report: scope (default A), calendar year (default the year of `generatedAt`), time of generation. */
export interface CmrtReportOptions {
  scope?: CmrtScope;
  year?: number;
  generatedAt?: string;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Country names as the CMRT writes them (upper case English). */
export function countryName(alpha2: string): string {
  if (!/^[A-Z]{2}$/.test(alpha2)) return alpha2;
  return (regionNames.of(alpha2) ?? alpha2).toUpperCase();
}

export type Cmrt = ReturnType<typeof cmrt>;
