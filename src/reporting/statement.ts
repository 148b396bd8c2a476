import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import type { Viewer } from '../premiums/index.js';
import { renderPdf, type ReportPeriod, type ReportStamp } from '../reports/index.js';
import { buildStatement, statementCsv, statementDocument, type Statement } from '../reports/statement/index.js';
import { reportStore } from '../store/index.js';

export type StatementFormat = 'pdf' | 'csv';

/** A rendered report: its bytes, their media type and the computed figures (for summaries and tests). */
export interface RenderedStatement {
  statement: Statement;
  stamp: ReportStamp;
  bytes: Buffer;
  contentType: string;
}

/**
 * Premium and price statement wiring (docs/reports.md, "Premium and price statement"): the ledger head
 * first, then the producer's premium ledger as `viewer` may see it (src/premiums), cut at that head.
 */
export async function premiumPriceStatement(
  orp: Orpaille,
  input: { producer: string; period: ReportPeriod; format: StatementFormat; generatedAt?: string; viewer?: Viewer },
): Promise<RenderedStatement> {
  const store = reportStore(orp.db);
  const head = await store.head();
  const producer = await orp.registry.organisation(input.producer);
  if (!producer) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${input.producer}" (see: orpaille org list)`, { org: input.producer });
  const ledger = await orp.premiums.statement(producer.uri, input.viewer ?? 'all');
  // Valuations are written with their purchase event: those after the head belong to a later report.
  const dues = ledger.dues.filter((d) => d.seq <= head.seq);
  const lots = await store.lotFacts(dues.flatMap((d) => d.parts.flatMap((p) => p.lots)));
  const grossMg = new Map([...lots].map(([lot, f]) => [lot, f.initialMg]));
  const statement = buildStatement({ producer: { id: producer.id, name: producer.name, uri: producer.uri }, period: input.period, view: ledger.view, dues, payments: ledger.payments, grossMg });
  const stamp: ReportStamp = { ledgerSeq: head.seq, ledgerHead: head.hash, generatedAt: input.generatedAt ?? orp.clock.now().toISOString(), period: input.period };
  if (input.format === 'csv') return { statement, stamp, bytes: Buffer.from(statementCsv(statement, stamp), 'utf8'), contentType: 'text/csv; charset=utf-8' };
  return { statement, stamp, bytes: await renderPdf(statementDocument(statement, stamp)), contentType: 'application/pdf' };
}
