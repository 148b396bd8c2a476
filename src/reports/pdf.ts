import PDFDocument from 'pdfkit';
import { stampLine, type Block, type ReportDocument } from './document.js';

const MARGIN = 50;
const FOOTER_SIZE = 7;

/**
 * Renders a report as PDF (A4, the standard Helvetica fonts, so no font file travels with the code).
 * Reproducible: the document's dates are the stamp's `generatedAt`, so the same data gives the same bytes.
 * Every page carries the stamp line (period, ledger head, generation time) and its page number.
 */
export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const at = new Date(doc.stamp.generatedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: doc.lang,
    info: { Title: doc.title, Creator: 'Orpaille', Producer: 'Orpaille', CreationDate: at, ModDate: at },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('Helvetica-Bold').fontSize(16).text(doc.title);
  if (doc.subtitle) pdf.font('Helvetica').fontSize(10).text(doc.subtitle);
  pdf.moveDown();
  for (const b of doc.blocks) drawBlock(pdf, b);
  footers(pdf, stampLine(doc.stamp));
  pdf.end();
  return done;
}

type Pdf = InstanceType<typeof PDFDocument>;

function width(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

function drawBlock(pdf: Pdf, b: Block): void {
  switch (b.kind) {
    case 'heading':
      pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(b.level === 1 ? 13 : b.level === 2 ? 11 : 10).text(b.text);
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      pdf.font('Helvetica').fontSize(9.5).text(b.text, { align: 'left' }).moveDown(0.5);
      return;
    case 'list':
      pdf.font('Helvetica').fontSize(9.5).list([...b.items], { bulletRadius: 1.5 }).moveDown(0.5);
      return;
    case 'fields':
      drawTable(pdf, [], b.rows, [0.35, 0.65], ['left', 'left'], true);
      return;
    case 'table': {
      const n = b.columns.length;
      const given = b.widths?.length === n ? b.widths : undefined;
      const sum = given ? given.reduce((a, x) => a + x, 0) : n;
      drawTable(pdf, b.columns, b.rows, Array.from({ length: n }, (_, i) => (given ? given[i]! : 1) / sum), b.align ?? [], false);
      return;
    }
  }
}

function drawTable(
  pdf: Pdf,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  shares: readonly number[],
  align: readonly ('left' | 'right')[],
  boldFirst: boolean,
): void {
  const x0 = pdf.page.margins.left;
  const w = width(pdf);
  const widths = shares.map((s) => s * w);
  const pad = 3;
  const size = 8.5;
  const rowHeight = (cells: readonly string[], bold: boolean) =>
    Math.max(
      ...cells.map((c, i) => {
        pdf.font(bold || (boldFirst && i === 0) ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
        return pdf.heightOfString(c, { width: widths[i]! - 2 * pad });
      }),
    ) + 2 * pad;
  const drawRow = (cells: readonly string[], bold: boolean) => {
    const h = rowHeight(cells, bold);
    if (pdf.y + h > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
    const y = pdf.y;
    let x = x0;
    cells.forEach((c, i) => {
      pdf.rect(x, y, widths[i]!, h).lineWidth(0.4).strokeColor('#888888').stroke();
      pdf
        .fillColor('#000000')
        .font(bold || (boldFirst && i === 0) ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(size)
        .text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: align[i] ?? 'left' });
      x += widths[i]!;
    });
    pdf.x = x0;
    pdf.y = y + h;
  };
  if (columns.length > 0) drawRow(columns, true);
  for (const r of rows) drawRow(r, false);
  pdf.moveDown(0.6);
}

function footers(pdf: Pdf, line: string): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    // Writing inside the bottom margin must not trigger an automatic page break.
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(FOOTER_SIZE)
      .fillColor('#444444')
      .text(`${line} · ${i + 1}/${range.count}`, MARGIN, pdf.page.height - MARGIN - 10, { width: width(pdf), align: 'left', lineBreak: true });
    pdf.page.margins.bottom = bottom;
  }
}
