import { localDate, type GoldEvent } from '../custody/index.js';
import { stockOn, tagUsesOf, type TagDeclaration, type TagIssue, type TagUse } from '../tags/index.js';
import { DEMO_ORG_IDS } from './ids.js';

/*
 * The demo's tag custody (docs/diligence.md, "Tags"): the Ituri mining authority issues books of lot
 * tags (MTH-T) and bag tags (MTH-SAC-) to the trading house a month at a time; the Puno cooperative and
 * the Ghanaian producer keep their own registries. A few tags are voided or lost, and each agent's stock
 * is counted at the end of the period; every count reconciles. One anomaly is built in on purpose
 * (DEMO_TAG_REUSE): the trading house's counter puts on a new lot the tag of a lot it bought a week
 * earlier, the classic way an untraced lot borrows a traced one's identity.
 */

/** The tag reuse the demo contains on purpose: the first lot bought on `date` carries the tag of the first lot bought on `tagOf`. */
export const DEMO_TAG_REUSE = { date: '2026-05-14', tagOf: '2026-05-07', agent: DEMO_ORG_IDS.tradingHouse } as const;

export interface DemoTagIssue {
  org: string;
  agent: string;
  serials: string[];
  issuedOn: string;
  issuedBy: string;
}

export interface DemoTagCount {
  id: string;
  org: string;
  agent: string;
  countedOn: string;
  onHand: number;
  countedBy: string;
}

/** What the demo records about tags: issues (before the events), then declarations and counts. */
export interface DemoTags {
  issues: DemoTagIssue[];
  declarations: { org: string; items: TagDeclaration[] }[];
  counts: DemoTagCount[];
}

interface Book {
  prefix: string;
  width: number;
  /** Tags per book; a book is issued on the first day of the month its first tag is needed. */
  size: number;
  issuer: string;
  agent: string;
  issuedBy: string;
}

const AUTHORITY_CLERK = 'SAEMAPE Mongbwalu, tag desk';
const BOOKS: Book[] = [
  { prefix: 'MTH-T', width: 6, size: 1000, issuer: DEMO_ORG_IDS.authority, agent: DEMO_ORG_IDS.tradingHouse, issuedBy: AUTHORITY_CLERK },
  { prefix: 'MTH-SAC-', width: 5, size: 25, issuer: DEMO_ORG_IDS.authority, agent: DEMO_ORG_IDS.tradingHouse, issuedBy: AUTHORITY_CLERK },
  { prefix: 'CMAT-T', width: 5, size: 20, issuer: DEMO_ORG_IDS.peru, agent: DEMO_ORG_IDS.peru, issuedBy: 'Secretaría de la cooperativa' },
  { prefix: 'CMAT-EXP-', width: 1, size: 5, issuer: DEMO_ORG_IDS.peru, agent: DEMO_ORG_IDS.peru, issuedBy: 'Secretaría de la cooperativa' },
];
/** Serials not numbered in books (the Ghanaian producer's date-stamped tags): issued as used, monthly. */
const LOOSE = { prefix: 'PRA-T', issuer: DEMO_ORG_IDS.ghana, agent: DEMO_ORG_IDS.ghana, issuedBy: 'Pra River site office' };

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * Puts the demo's one tag reuse into the batches (a copy): the first production the trading house
 * records on DEMO_TAG_REUSE.date takes the tag of its first production on DEMO_TAG_REUSE.tagOf.
 */
export function withDemoTagReuse(batches: GoldEvent[][], houseUri: string): GoldEvent[][] {
  const firstOn = (day: string) => batches.flat().find((e) => e.type === 'production' && e.recorder === houseUri && localDate(e) === day);
  const source = firstOn(DEMO_TAG_REUSE.tagOf);
  const target = firstOn(DEMO_TAG_REUSE.date);
  if (source?.type !== 'production' || target?.type !== 'production') throw new Error('demo generator bug: no trading-house production on the tag reuse dates');
  return batches.map((b) => b.map((e) => (e === target ? { ...target, lot: { ...target.lot, tag: source.lot.tag! } } : e)));
}

/**
 * The demo's tag records for its events: books issued ahead of use, two tags declared (one voided, one
 * lost, both from the last book of lot tags), and a count per agent on the last day that equals the
 * stock the records give (issued - used - voided - lost).
 */
export function demoTags(batches: GoldEvent[][], uris: Readonly<Record<string, string>>, lastDay: string): DemoTags {
  const uses = batches.flat().flatMap((e) => tagUsesOf(0, e));
  const issues: DemoTagIssue[] = [];
  for (const book of BOOKS) {
    const numbers = uses.filter((u) => u.serial.startsWith(book.prefix) && /^\d+$/.test(u.serial.slice(book.prefix.length)));
    let issuedUpTo = 0;
    for (const u of numbers) {
      const n = Number(u.serial.slice(book.prefix.length));
      while (n > issuedUpTo) {
        const serials = Array.from({ length: book.size }, (_, i) => `${book.prefix}${String(issuedUpTo + i + 1).padStart(book.width, '0')}`);
        issues.push({ org: book.issuer, agent: book.agent, serials, issuedOn: monthStart(u.day), issuedBy: book.issuedBy });
        issuedUpTo += book.size;
      }
    }
  }
  const loose = new Map<string, string[]>();
  for (const u of uses.filter((x) => x.serial.startsWith(LOOSE.prefix))) loose.set(monthStart(u.day), [...(loose.get(monthStart(u.day)) ?? []), u.serial]);
  for (const [on, serials] of loose) issues.push({ org: LOOSE.issuer, agent: LOOSE.agent, serials: [...new Set(serials)], issuedOn: on, issuedBy: LOOSE.issuedBy });

  // Two tags of the last lot-tag book that were never used: one torn at the counter, one lost.
  const lastBook = issues.filter((i) => i.serials[0]!.startsWith('MTH-T')).at(-1)!;
  const used = new Set(uses.map((u) => u.serial));
  const spare = lastBook.serials.filter((s) => !used.has(s));
  const declarations = [
    {
      org: DEMO_ORG_IDS.authority,
      items: [
        { serial: spare.at(-1)!, state: 'voided' as const, on: '2026-08-10', by: 'Counter clerk, Mongbwalu', reason: 'torn while sealing; returned to the tag desk' },
        { serial: spare.at(-2)!, state: 'lost' as const, on: '2026-08-21', by: 'Counter clerk, Mongbwalu', reason: 'not found at the weekly check' },
      ],
    },
  ];

  const records: TagIssue[] = issues.flatMap((i) => i.serials.map((serial) => ({ org: uris[i.org]!, serial, agent: uris[i.agent]!, issuedOn: i.issuedOn, issuedBy: i.issuedBy, state: 'issued' as const })));
  for (const d of declarations[0]!.items) Object.assign(records.find((r) => r.serial === d.serial)!, { state: d.state, stateOn: d.on });
  const bySerial = new Map<string, TagUse[]>();
  for (const u of uses) bySerial.set(u.serial, [...(bySerial.get(u.serial) ?? []), u]);
  const counts: DemoTagCount[] = [
    { org: DEMO_ORG_IDS.authority, agent: DEMO_ORG_IDS.tradingHouse, countedBy: 'SAEMAPE inspector' },
    { org: DEMO_ORG_IDS.peru, agent: DEMO_ORG_IDS.peru, countedBy: 'Comité de vigilancia' },
    { org: DEMO_ORG_IDS.ghana, agent: DEMO_ORG_IDS.ghana, countedBy: 'Site manager' },
  ].map((c) => ({ ...c, id: `demo-count-${c.agent}-${lastDay}`, countedOn: lastDay, onHand: stockOn(uris[c.agent]!, lastDay, records, (s) => bySerial.get(s) ?? []).onHand }));
  return { issues, declarations, counts };
}
