import type ExcelJS from 'exceljs';
import { OrpailleError } from '../../kernel/index.js';
import { ANSWER_COLUMN, COMMENT_COLUMN, COMPANY_CELLS, POLICY_ROWS, PRODUCT_FIRST_ROW, QUESTION_ROWS, SMELTER_FIRST_ROW, SMELTER_LAST_ROW } from './layout.js';
import { allowedAnswers } from './profile.js';
import { cmrtRevision, loadWorkbook, requireSheet } from './reference.js';
import { CMRT_METAL_NAMES, CMRT_METALS, CMRT_POLICY_QUESTIONS, CMRT_QUESTIONS, SMELTER_ID, type CmrtAnswer, type CmrtCompanyInfo, type CmrtMetal, type SupplierCmrt } from './types.js';
import { cellText } from './xlsx.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const METAL_OF = new Map(CMRT_METALS.map((m) => [CMRT_METAL_NAMES[m].toLowerCase(), m]));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invalid(file: string, sheet: string, cell: string, why: string): OrpailleError {
  return new OrpailleError('ORP_IMPORT_INVALID', `${file}: ${sheet}!${cell} ${why}`, { file, sheet, cell });
}

/** The effective date (D22): a date cell, an Excel serial day, or DD-MMM-YYYY / YYYY-MM-DD text. */
function effectiveDate(cell: ExcelJS.Cell, file: string): string {
  const v = cell.value as unknown;
  const raw = v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v;
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'number' && raw > 1 && raw < 2_958_466) return new Date(Math.round((raw - 25_569) * 86_400_000)).toISOString().slice(0, 10);
  const text = cellText(cell);
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (m && MONTHS.includes(m[2]!.toLowerCase())) return `${m[3]}-${String(MONTHS.indexOf(m[2]!.toLowerCase()) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  throw invalid(file, 'Declaration', COMPANY_CELLS.effectiveDate, text === '' ? 'effective date (*) is missing' : `effective date "${text}" is not a date (DD-MMM-YYYY)`);
}

/**
 * Reads a supplier's CMRT 6.x (6.01 to 6.5: the Declaration, Smelter List and Product List cells are at the
 * same addresses in every 6.x revision, GOLD-RULES s.8). Required fields, answers outside the template's
 * lists, unknown metals and malformed smelter ids are rejected with the sheet and cell (ORP_IMPORT_INVALID).
 */
export async function readSupplierCmrt(bytes: Buffer, file: string): Promise<SupplierCmrt> {
  const wb = await loadWorkbook(bytes, file);
  const { version } = cmrtRevision(wb, file);
  if (!/^6\.\d+$/.test(version)) throw invalid(file, 'Declaration', 'J3', `revision ${version} is not a CMRT 6.x (6.01 to 6.5 are read)`);
  const d = requireSheet(wb, 'Declaration', file);
  const list = requireSheet(wb, 'Smelter List', file);
  const at = (a: string) => cellText(d.getCell(a));

  const companyName = at(COMPANY_CELLS.companyName);
  if (!companyName) throw invalid(file, 'Declaration', COMPANY_CELLS.companyName, 'company name (*) is missing');
  const scope = at(COMPANY_CELLS.scope);
  if (!/^[ABC]\./.test(scope)) throw invalid(file, 'Declaration', COMPANY_CELLS.scope, scope === '' ? 'declaration scope (*) is missing' : `declaration scope "${scope}" is not A. Company, B. Product or C. User defined`);
  const scopeDescription = at(COMPANY_CELLS.scopeDescription);
  if (scope.startsWith('C.') && !scopeDescription) throw invalid(file, 'Declaration', COMPANY_CELLS.scopeDescription, 'description of scope is required for scope C');
  const company: CmrtCompanyInfo = {};
  for (const key of ['uniqueId', 'uniqueIdAuthority', 'address', 'contactName', 'contactEmail', 'contactPhone', 'authorizer', 'authorizerTitle', 'authorizerEmail', 'authorizerPhone'] as const) {
    const v = at(COMPANY_CELLS[key]);
    if (!v) continue;
    if ((key === 'contactEmail' || key === 'authorizerEmail') && !EMAIL.test(v)) throw invalid(file, 'Declaration', COMPANY_CELLS[key], `"${v}" is not an email address`);
    company[key] = v;
  }

  const answer = (row: number, q: (typeof CMRT_QUESTIONS)[number] | (typeof CMRT_POLICY_QUESTIONS)[number]): CmrtAnswer | undefined => {
    const a = at(`${ANSWER_COLUMN}${row}`);
    if (!a) return undefined;
    const allowed = allowedAnswers(q);
    // Excel may store the 100% answer as the number 1.
    const value = q === '6' && a === '1' ? '100%' : a;
    if (!allowed.includes(value)) throw invalid(file, 'Declaration', `${ANSWER_COLUMN}${row}`, `answer "${a}" to question ${q} is not one of ${allowed.map((x) => `"${x}"`).join(', ')}`);
    const comment = at(`${COMMENT_COLUMN}${row}`);
    return { answer: value, ...(comment ? { comment } : {}) };
  };
  const questions: SupplierCmrt['questions'] = {};
  for (const q of CMRT_QUESTIONS) {
    const perMetal: Partial<Record<CmrtMetal, CmrtAnswer>> = {};
    CMRT_METALS.forEach((m, i) => {
      const a = answer(QUESTION_ROWS[q] + i, q);
      if (a) perMetal[m] = a;
    });
    if (Object.keys(perMetal).length > 0) questions[q] = perMetal;
  }
  const policy: SupplierCmrt['policy'] = {};
  for (const q of CMRT_POLICY_QUESTIONS) {
    const a = answer(POLICY_ROWS[q], q);
    if (a) policy[q] = a;
  }

  const smelters: SupplierCmrt['smelters'] = [];
  const lastRow = Math.min(list.rowCount, SMELTER_LAST_ROW);
  for (let r = SMELTER_FIRST_ROW; r <= lastRow; r++) {
    const row = list.getRow(r);
    const c = (n: number) => cellText(row.getCell(n));
    const [input, metalText, lookup, name, country, id] = [c(1), c(2), c(3), c(4), c(5), c(6)];
    if (!input && !metalText && !lookup && !name && !id) continue;
    const metal = METAL_OF.get(metalText.toLowerCase());
    if (!metal) throw invalid(file, 'Smelter List', `B${r}`, metalText ? `metal "${metalText}" is not tantalum, tin, gold or tungsten` : 'metal (*) is missing');
    const smelterId = id || input;
    if (smelterId && !SMELTER_ID.test(smelterId)) throw invalid(file, 'Smelter List', id ? `F${r}` : `A${r}`, `"${smelterId}" is not an RMI smelter id (CID and 6 digits)`);
    const smelterName = /^smelter not (listed|yet identified)$/i.test(lookup) || !lookup ? name : lookup;
    if (!smelterName) throw invalid(file, 'Smelter List', `C${r}`, 'smelter look-up (*) or smelter name is missing');
    if (!country) throw invalid(file, 'Smelter List', `E${r}`, 'smelter country (*) is missing');
    const [mines, mineCountries, recycled] = [c(14), c(15), c(16)];
    smelters.push({ row: r, metal, ...(smelterId ? { smelterId } : {}), name: smelterName, country, ...(mines ? { mines } : {}), ...(mineCountries ? { mineCountries } : {}), ...(recycled ? { recycled } : {}) });
  }

  const products: SupplierCmrt['products'] = [];
  const pl = wb.getWorksheet('Product List');
  if (pl) {
    for (let r = PRODUCT_FIRST_ROW; r <= pl.rowCount; r++) {
      const [number, name, comment] = [2, 3, 4].map((n) => cellText(pl.getRow(r).getCell(n)));
      if (!number && !name) continue;
      if (!number) throw invalid(file, 'Product List', `B${r}`, 'product number (*) is missing');
      products.push({ number, ...(name ? { name } : {}), ...(comment ? { comment } : {}) });
    }
  }
  return { version, companyName, scope, ...(scopeDescription ? { scopeDescription } : {}), effectiveDate: effectiveDate(d.getCell(COMPANY_CELLS.effectiveDate), file), company, questions, policy, smelters, products };
}
