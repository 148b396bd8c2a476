export * from './document.js';
export { renderHtml } from './html.js';
export { renderPdf } from './pdf.js';
export { toCsv } from './csv.js';
export { reportPeriod, inPeriod } from './period.js';
