/**
 * The shape every report takes before it is rendered (PDF, HTML): a title, the period and the ledger head it
 * was computed from (so an auditor can check that nothing changed since), and a list of blocks. Report
 * builders are pure functions from data to a ReportDocument; renderers turn it into bytes.
 */

/** The period a report covers: `from` inclusive, `to` exclusive, both ISO 8601 dates (YYYY-MM-DD). */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** The ledger state a report was computed from: every event up to and including `seq`. */
export interface ReportStamp {
  /** Sequence number of the last ledger record the report read. */
  ledgerSeq: number;
  /** Hash of that record (the chain head), hex. */
  ledgerHead: string;
  /** ISO 8601 instant the report was generated (passed in, so reports are reproducible). */
  generatedAt: string;
  period?: ReportPeriod;
}

export type Block =
  | { kind: 'heading'; text: string; level: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  /** Label / value pairs (a certificate's fields, a statement's header). */
  | { kind: 'fields'; rows: readonly (readonly [label: string, value: string])[] }
  /** `widths`: relative column widths on paper (default equal); the HTML lets the browser size them. */
  | { kind: 'table'; columns: readonly string[]; rows: readonly (readonly string[])[]; align?: readonly ('left' | 'right')[]; widths?: readonly number[] }
  | { kind: 'list'; items: readonly string[] };

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /** BCP 47 language of the text (en, fr, es, sw). */
  lang: string;
  stamp: ReportStamp;
  blocks: readonly Block[];
}

/** The line every rendering prints so a reader can tie the report to the ledger state it came from. */
export function stampLine(stamp: ReportStamp, labels: { head: string; generated: string; period: string } = DEFAULT_STAMP_LABELS): string {
  const parts = [`${labels.head} #${stamp.ledgerSeq} ${stamp.ledgerHead}`, `${labels.generated} ${stamp.generatedAt}`];
  if (stamp.period) parts.unshift(`${labels.period} ${stamp.period.from} – ${stamp.period.to}`);
  return parts.join(' · ');
}

export const DEFAULT_STAMP_LABELS = { head: 'Ledger head', generated: 'generated', period: 'Period' } as const;
