import { describe, expect, it } from 'vitest';
import { pdfText } from '../../test/support/pdf-text.js';
import { renderHtml, renderPdf, stampLine, toCsv, type ReportDocument } from './index.js';

const doc = (rows: number): ReportDocument => ({
  title: 'Relevé des primes',
  subtitle: 'Coopérative Ituri Or',
  lang: 'fr',
  stamp: { ledgerSeq: 42, ledgerHead: 'ab'.repeat(32), generatedAt: '2026-12-01T10:00:00Z', period: { from: '2026-01-01', to: '2027-01-01' } },
  blocks: [
    { kind: 'heading', text: 'Achats', level: 1 },
    { kind: 'fields', rows: [['Organisation', 'Coopérative <Ituri> & fils']] },
    { kind: 'table', columns: ['Lot', 'Or fin (g)'], align: ['left', 'right'], rows: Array.from({ length: rows }, (_, i) => [`LOT-${i}`, `${i}.500`]) },
    { kind: 'list', items: ['premier point'] },
  ],
});

describe('report rendering', () => {
  it('prints the title, fields, every table row and the ledger head on every page of the PDF', async () => {
    const text = await pdfText(await renderPdf(doc(120)));
    const pages = text.split('\f');
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p).toContain(`#42 ${'ab'.repeat(32)}`);
    expect(text).toContain('Relevé des primes');
    expect(text).toContain('Coopérative <Ituri> & fils');
    for (let i = 0; i < 120; i++) expect(text).toContain(`LOT-${i} ${i}.500`);
  });

  it('gives the same bytes for the same report (reproducible)', async () => {
    const a = await renderPdf(doc(3));
    const b = await renderPdf(doc(3));
    expect(a.equals(b)).toBe(true);
    const c = await renderPdf({ ...doc(3), stamp: { ...doc(3).stamp, ledgerSeq: 43 } });
    expect(a.equals(c)).toBe(false);
  });

  it('escapes text in HTML and prints the stamp line', () => {
    const html = renderHtml(doc(1));
    expect(html).toContain('Coopérative &lt;Ituri&gt; &amp; fils');
    expect(html).not.toContain('<Ituri>');
    expect(html).toContain(stampLine(doc(1).stamp).replace(/&/g, '&amp;'));
    expect(html).toContain('<html lang="fr">');
  });

  it('quotes CSV fields that hold commas, quotes or line breaks', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 1.5], ['x\ny', '']])).toBe('a,"b,c"\r\n"say ""hi""",1.5\r\n"x\ny",\r\n');
  });
});
