import { createHash } from 'node:crypto';
import type { PartyUri, SiteUri } from '../../custody/index.js';
import { epcisDocumentOfBodies } from '../../epcis/index.js';
import { formatGrams, lotNumberOf } from '../../kernel/index.js';
import { toCsv } from '../csv.js';
import type { ReportPeriod } from '../document.js';
import type { AsmInput, Receipt } from './inputs.js';
import { sees, supplierRecords, type DiligenceRecords, type PackViewer, type Subjects, type SupplierRecords } from './records.js';

/** A registered organisation as the pack names it. */
export interface PackParty {
  id: string;
  uri: PartyUri;
  name: string;
  country: string;
}

/** A registered mine site as the pack names it. */
export interface PackSite {
  id: string;
  uri: SiteUri;
  name: string;
  country: string;
  /** The organisation holding the site (URI). */
  organisation: PartyUri;
}

/** Everything a pack is planned from; read by src/reporting/rmap.ts, cut at the ledger head. */
export interface PackInput {
  refiner: PackParty;
  period: ReportPeriod;
  ledger: { seq: number; head: string };
  generatedAt: string;
  /** Every receipt of the refiner in the period (ASM or not). */
  receipts: readonly Receipt[];
  inputs: readonly AsmInput[];
  /** Stored bodies and parties (recorder, sources, destinations) of the chain's events, by sequence number. */
  events: ReadonlyMap<number, { eventId: string; body: string; parties: readonly PartyUri[] }>;
  parties: ReadonlyMap<PartyUri, PackParty>;
  sites: ReadonlyMap<SiteUri, PackSite>;
  records: DiligenceRecords;
  viewer: PackViewer;
}

/** One supplier folder as planned. */
export interface PlannedSupplier {
  uri: PartyUri;
  folder: string;
  party?: PackParty;
  inputs: AsmInput[];
  subjects: Subjects;
  /** Chain events the viewer may see (their stored bodies go into epcis.jsonld) and those withheld from it. */
  shown: number[];
  withheld: number[];
  records: SupplierRecords;
}

/** The pack before its bytes: suppliers, their lots, events and records, and the evidence files to fetch. */
export interface PackPlan {
  input: PackInput;
  suppliers: PlannedSupplier[];
}

/**
 * Plans the pack: one folder per supplier of ASM inputs (named by the organisation's id), with the records
 * about the supplier, its sites, the ASM sites its lots trace to and the organisations holding those sites.
 */
export function planPack(input: PackInput): PackPlan {
  const bySupplier = new Map<PartyUri, AsmInput[]>();
  for (const i of input.inputs) bySupplier.set(i.supplier, [...(bySupplier.get(i.supplier) ?? []), i]);
  const siteOrganisation = new Map([...input.sites.values()].map((s) => [s.uri, s.organisation]));
  const suppliers = [...bySupplier].map(([uri, inputs]): PlannedSupplier => {
    const party = input.parties.get(uri);
    const origins = [...new Set(inputs.flatMap((i) => i.origins.map((o) => o.site)))];
    const own = [...input.sites.values()].filter((s) => s.organisation === uri).map((s) => s.uri);
    const subjects: Subjects = {
      organisations: [...new Set([uri, ...origins.map((s) => siteOrganisation.get(s)).filter((x): x is string => x !== undefined)])].sort(),
      sites: [...new Set([...own, ...origins])].sort(),
    };
    const chain = [...new Set(inputs.flatMap((i) => i.chain))].sort((a, b) => a - b);
    const visible = (seq: number) => sees(input.viewer, ...(input.events.get(seq)?.parties ?? []));
    return {
      uri,
      folder: party?.id ?? `unregistered-${createHash('sha256').update(uri).digest('hex').slice(0, 12)}`,
      ...(party ? { party } : {}),
      inputs,
      subjects,
      shown: chain.filter(visible),
      withheld: chain.filter((q) => !visible(q)),
      records: supplierRecords(input.records, { subjects, siteOrganisation, chainSeqs: new Set(chain), lots: new Set(inputs.map((i) => i.lot)), before: input.period.to, viewer: input.viewer }),
    };
  });
  return { input, suppliers: suppliers.sort((a, b) => a.folder.localeCompare(b.folder)) };
}

/** A file of the pack: its path inside the zip and its bytes. */
export interface PackFile {
  path: string;
  bytes: Buffer;
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v, null, 2) + '\n', 'utf8');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
const total = (inputs: readonly AsmInput[]) => inputs.reduce((a, i) => a + i.fineMg, 0);

/**
 * The files of the pack, sorted by path: per supplier `epcis.jsonld` (the stored event bodies, written as the
 * events export writes them), `assessments.json`, `certificates.json`, `incidents.json`, `decisions.json` and the
 * cited evidence files found (`evidence/<sha256>`, keyed `org sha256` in `evidence`); then `index.json` and
 * `index.csv`, which list every other file with its size and SHA-256.
 */
export function packFiles(plan: PackPlan, evidence: ReadonlyMap<string, Buffer>): { files: PackFile[]; index: PackIndex } {
  const { input } = plan;
  const files: PackFile[] = [];
  for (const s of plan.suppliers) {
    const dir = `suppliers/${s.folder}`;
    const r = s.records;
    files.push({ path: `${dir}/epcis.jsonld`, bytes: Buffer.from(epcisDocumentOfBodies(s.shown.map((q) => input.events.get(q)!.body), input.generatedAt), 'utf8') });
    files.push({ path: `${dir}/assessments.json`, bytes: json({ supplier: s.uri, subjects: s.subjects, craft: byId(r.assessments.craft), riskRegister: byId(r.assessments.riskRegister), kyc: byId(r.assessments.kyc) }) });
    files.push({ path: `${dir}/certificates.json`, bytes: json({ supplier: s.uri, subjects: s.subjects, authorisations: byId(r.certificates.authorisations), licences: byId(r.certificates.licences), icglrInspections: byId(r.certificates.inspections) }) });
    files.push({ path: `${dir}/incidents.json`, bytes: json({ supplier: s.uri, subjects: s.subjects, incidents: byId(r.incidents) }) });
    files.push({ path: `${dir}/decisions.json`, bytes: json({ supplier: s.uri, subjects: s.subjects, decisions: byId(r.decisions) }) });
    for (const c of r.cited) {
      const bytes = evidence.get(`${c.org} ${c.sha256}`);
      const path = `${dir}/evidence/${c.sha256}`;
      if (bytes && !files.some((f) => f.path === path)) files.push({ path, bytes });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const index = packIndex(plan, files);
  const all = [...files, { path: 'index.csv', bytes: Buffer.from(indexCsv(index), 'utf8') }, { path: 'index.json', bytes: json(index) }];
  return { files: all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), index };
}

/** The index of a pack (index.json). */
export interface PackIndex {
  pack: 'RMAP evidence pack';
  refiner: PackParty;
  period: ReportPeriod;
  ledger: { seq: number; head: string };
  generatedAt: string;
  /** Lots received in the period, ASM or not, and the ASM inputs among them with their fine gold. */
  received: { lots: number };
  asmInputs: { lots: number; fineGrams: string };
  /** Present when the period holds no ASM input. */
  note?: string;
  suppliers: {
    id: string;
    uri: PartyUri;
    name: string;
    country: string;
    folder: string;
    fineGrams: string;
    lots: { lot: string; number: string; fineGrams: string; receipts: string[]; origins: { site: string; name: string; country: string; sharePercent: string }[] }[];
    subjects: Subjects;
    events: number;
    /** Chain events the viewer may not see (docs/api.md): their ids, to ask their parties for them. */
    withheldEvents: string[];
  }[];
  /** Every other file of the pack (not the two index files). */
  files: { path: string; bytes: number; sha256: string }[];
}

function packIndex(plan: PackPlan, files: readonly PackFile[]): PackIndex {
  const { input } = plan;
  const lots = input.inputs.length;
  return {
    pack: 'RMAP evidence pack',
    refiner: input.refiner,
    period: input.period,
    ledger: input.ledger,
    generatedAt: input.generatedAt,
    received: { lots: new Set(input.receipts.map((r) => r.lot)).size },
    asmInputs: { lots, fineGrams: formatGrams(total(input.inputs)) },
    ...(lots === 0 ? { note: 'no ASM inputs in the period: no lot received traces to an ASM mine site' } : {}),
    suppliers: plan.suppliers.map((s) => ({
      id: s.party?.id ?? s.folder,
      uri: s.uri,
      name: s.party?.name ?? s.uri,
      country: s.party?.country ?? '',
      folder: `suppliers/${s.folder}/`,
      fineGrams: formatGrams(total(s.inputs)),
      lots: s.inputs.map((i) => ({
        lot: i.lot,
        number: lotNumberOf(i.lot) ?? i.lot,
        fineGrams: formatGrams(i.fineMg),
        receipts: i.receipts.map((r) => r.eventId),
        origins: i.origins.map((o) => {
          const site = input.sites.get(o.site);
          return { site: site?.id ?? o.site, name: site?.name ?? o.site, country: site?.country ?? '', sharePercent: (o.share * 100).toFixed(1) };
        }),
      })),
      subjects: s.subjects,
      events: s.shown.length,
      withheldEvents: s.withheld.map((q) => input.events.get(q)?.eventId ?? String(q)),
    })),
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
  };
}

/** index.csv: one row per fact (refiner, period, ledger head, time of generation), supplier, lot and file. */
export function indexCsv(x: PackIndex): string {
  const rows: (string | number)[][] = [
    ['kind', 'subject', 'value', 'fine_grams', 'bytes', 'sha256'],
    ['refiner', x.refiner.id, x.refiner.name, '', '', ''],
    ['period', 'from', x.period.from, '', '', ''],
    ['period', 'to', x.period.to, '', '', ''],
    ['ledger', 'seq', x.ledger.seq, '', '', ''],
    ['ledger', 'head', x.ledger.head, '', '', ''],
    ['generated', 'at', x.generatedAt, '', '', ''],
    ['asm_inputs', 'lots', x.asmInputs.lots, x.asmInputs.fineGrams, '', ''],
  ];
  if (x.note) rows.push(['note', '', x.note, '', '', '']);
  for (const s of x.suppliers) {
    rows.push(['supplier', s.id, s.name, s.fineGrams, '', '']);
    for (const l of s.lots) rows.push(['lot', s.id, l.lot, l.fineGrams, '', '']);
  }
  for (const f of x.files) rows.push(['file', f.path, '', '', f.bytes, f.sha256]);
  return toCsv(rows);
}
