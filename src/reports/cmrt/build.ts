import ExcelJS from 'exceljs';
import { stampLine } from '../document.js';
import {
  ANSWER_COLUMN,
  CMRT_REVISION,
  CMRT_SHEETS,
  COMMENT_COLUMN,
  COMPANY_CELLS,
  DECLARATION_LABELS,
  LOOKUP_FIRST_ROW,
  POLICY_ROWS,
  PRODUCT_FIRST_ROW,
  PRODUCT_LIST_LABELS,
  QUESTION_ROWS,
  SMELTER_FIRST_ROW,
  SMELTER_LAST_ROW,
  SMELTER_LIST_LABELS,
  SMELTER_LOOKUP_LABELS,
} from './layout.js';
import { CMRT_METAL_NAMES, CMRT_METALS, CMRT_POLICY_QUESTIONS, CMRT_QUESTIONS, CMRT_SCOPES, type CmrtReport, type ReferenceSmelter } from './types.js';
import { addDeclarationDropDowns } from './dropdowns.js';
import { reproducibleZip } from './xlsx.js';

/** Revision sheet cells the generated file shares with the template (its title). */
export const REVISION_LABELS: Readonly<Record<string, string>> = { B2: 'DOCUMENT TITLE', B3: 'Conflict Minerals Reporting Template' };

/** Where the generated file prints the ledger head it was computed from (outside the template's layout). */
export const STAMP_CELL = { sheet: 'Revision', cell: 'B5' } as const;

const BOLD = { bold: true } as const;

function labels(ws: ExcelJS.Worksheet, cells: Readonly<Record<string, string>>): void {
  for (const [address, text] of Object.entries(cells)) {
    const c = ws.getCell(address);
    c.value = text;
    c.font = BOLD;
    c.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** Excel's serial day number of a YYYY-MM-DD date (1900 date system): reproducible, unlike a JS Date through the local zone. */
function excelDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000 + 25_569;
}

/**
 * Writes a CMRT 6.5 workbook: the template's sheets in order, the label cells of the Declaration, Smelter
 * List, Product List and Smelter Look-up sheets at the template's addresses (layout.ts), the company's
 * answers in column D with comments in column G, one Smelter List row per smelter from row 5, the
 * products from row 6 of the Product List (scope B), and the imported RMI reference on the Smelter Look-up
 * sheet. The Declaration answer cells carry the template's drop-downs. The ledger head goes on the Revision
 * sheet. Same report, same bytes.
 */
export async function buildCmrtWorkbook(report: CmrtReport, reference: readonly ReferenceSmelter[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const at = new Date(report.stamp.generatedAt);
  wb.creator = 'Orpaille';
  wb.lastModifiedBy = 'Orpaille';
  wb.created = at;
  wb.modified = at;
  wb.title = `CMRT ${report.companyName}`;
  wb.description = stampLine(report.stamp);
  const sheets = new Map(CMRT_SHEETS.map((name) => [name, wb.addWorksheet(name)]));
  const sheet = (name: (typeof CMRT_SHEETS)[number]) => sheets.get(name)!;

  const revision = sheet('Revision');
  labels(revision, REVISION_LABELS);
  revision.getCell(STAMP_CELL.cell).value = stampLine(report.stamp);
  revision.getColumn(2).width = 100;

  const decl = sheet('Declaration');
  labels(decl, DECLARATION_LABELS);
  decl.getCell('J3').value = CMRT_REVISION;
  decl.getColumn(2).width = 60;
  decl.getColumn(4).width = 40;
  decl.getColumn(7).width = 50;
  const put = (address: string, value: string | undefined) => {
    if (value !== undefined && value !== '') decl.getCell(address).value = value;
  };
  put(COMPANY_CELLS.companyName, report.companyName);
  put(COMPANY_CELLS.scope, CMRT_SCOPES[report.scope]);
  put(COMPANY_CELLS.scopeDescription, report.scopeDescription);
  for (const key of ['uniqueId', 'uniqueIdAuthority', 'address', 'contactName', 'contactEmail', 'contactPhone', 'authorizer', 'authorizerTitle', 'authorizerEmail', 'authorizerPhone'] as const) {
    put(COMPANY_CELLS[key], report.company[key]);
  }
  const effective = decl.getCell(COMPANY_CELLS.effectiveDate);
  effective.value = excelDay(report.effectiveDate);
  effective.numFmt = 'dd-mmm-yyyy';
  for (const q of CMRT_QUESTIONS) {
    CMRT_METALS.forEach((metal, i) => {
      const a = report.questions[q]?.[metal];
      if (!a) return;
      put(`${ANSWER_COLUMN}${QUESTION_ROWS[q] + i}`, a.answer);
      put(`${COMMENT_COLUMN}${QUESTION_ROWS[q] + i}`, a.comment);
    });
  }
  for (const q of CMRT_POLICY_QUESTIONS) {
    const a = report.policy[q];
    if (!a) continue;
    put(`${ANSWER_COLUMN}${POLICY_ROWS[q]}`, a.answer);
    put(`${COMMENT_COLUMN}${POLICY_ROWS[q]}`, a.comment);
  }
  addDeclarationDropDowns(decl);

  const list = sheet('Smelter List');
  labels(list, SMELTER_LIST_LABELS);
  list.getCell('Q3').value = CMRT_REVISION;
  report.smelters.slice(0, SMELTER_LAST_ROW - SMELTER_FIRST_ROW + 1).forEach((s, i) => {
    list.getRow(SMELTER_FIRST_ROW + i).values = [
      s.smelterId ?? '',
      CMRT_METAL_NAMES[s.metal],
      s.lookup,
      s.name,
      s.country,
      s.smelterId ?? '',
      s.source ?? '',
      s.street ?? '',
      s.city ?? '',
      s.state ?? '',
      '',
      '',
      '',
      s.mines ?? '',
      s.mineCountries ?? '',
      s.recycled ?? '',
      s.comment ?? '',
    ];
  });
  for (let c = 1; c <= 17; c++) list.getColumn(c).width = 22;

  const products = sheet('Product List');
  labels(products, PRODUCT_LIST_LABELS);
  report.products.forEach((p, i) => {
    products.getRow(PRODUCT_FIRST_ROW + i).values = ['', p.number, p.name ?? '', p.comment ?? ''];
  });

  const lookup = sheet('Smelter Look-up');
  labels(lookup, SMELTER_LOOKUP_LABELS);
  reference.forEach((s, i) => {
    lookup.getRow(LOOKUP_FIRST_ROW + i).values = [s.metal, s.lookupName, s.standardName, s.country, s.smelterId, s.source, s.street ?? '', s.city ?? '', s.state ?? ''];
  });

  return reproducibleZip(Buffer.from(await wb.xlsx.writeBuffer()), at);
}
