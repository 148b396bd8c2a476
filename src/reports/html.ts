import { stampLine, type Block, type ReportDocument } from './document.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level + 1}>${esc(b.text)}</h${b.level + 1}>`;
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'fields':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
    case 'table': {
      const cls = (i: number) => (b.align?.[i] === 'right' ? ' class="num"' : '');
      const head = b.columns.map((c, i) => `<th scope="col"${cls(i)}>${esc(c)}</th>`).join('');
      const body = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
  }
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}' +
  'table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left}' +
  '.num{text-align:right}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}' +
  'footer{margin-top:2rem;font-size:.8rem;color:#444;word-break:break-all}';

/** A self-contained HTML page (no scripts, no external resources) of a report. */
export function renderHtml(doc: ReportDocument): string {
  return (
    `<!doctype html><html lang="${esc(doc.lang)}"><head><meta charset="utf-8"><title>${esc(doc.title)}</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>` +
    `<h1>${esc(doc.title)}</h1>${doc.subtitle ? `<p>${esc(doc.subtitle)}</p>` : ''}` +
    doc.blocks.map(block).join('\n') +
    `<footer>${esc(stampLine(doc.stamp))}</footer></body></html>\n`
  );
}
