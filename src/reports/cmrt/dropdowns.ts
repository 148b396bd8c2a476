import type ExcelJS from 'exceljs';
import { ANSWER_COLUMN, ANSWER_LIST_COLUMN, ANSWER_LISTS, COMPANY_CELLS, HIDDEN_LIST_ROWS, POLICY_ROWS, QUESTION_ROWS } from './layout.js';
import { allowedAnswers } from './profile.js';
import { CMRT_METALS, CMRT_POLICY_QUESTIONS, CMRT_QUESTIONS, CMRT_SCOPES, type CmrtPolicyQuestion, type CmrtQuestion } from './types.js';

/** The range of the Declaration's list cells that holds exactly `values` (a list, or the first items of one: Yes/No of Yes/No/Unknown). */
export function answerListRange(values: readonly string[]): string {
  const list = ANSWER_LISTS.find((l) => values.every((v, i) => l.values[i] === v));
  if (!list) throw new Error(`no Declaration list holds ${values.join(' / ')}`);
  const c = ANSWER_LIST_COLUMN;
  return `$${c}$${list.from}:$${c}$${list.from + values.length - 1}`;
}

function listValidation(formula: string): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, showErrorMessage: true, errorTitle: 'CMRT', error: 'Select an answer from the drop-down list', formulae: [formula] };
}

/**
 * The template's drop-downs on the Declaration answer cells, offering the answers the profile validation
 * allows (allowedAnswers): scope in D9, questions 1-8 for each metal, questions A-H. The lists are written
 * where the template keeps its own, in rows it hides.
 */
export function addDeclarationDropDowns(decl: ExcelJS.Worksheet): void {
  for (const list of ANSWER_LISTS) list.values.forEach((v, i) => (decl.getCell(`${ANSWER_LIST_COLUMN}${list.from + i}`).value = v));
  for (let r = HIDDEN_LIST_ROWS.from; r <= HIDDEN_LIST_ROWS.to; r++) decl.getRow(r).hidden = true;
  // No scope contains a comma: an inline list, as the template's P9:R9 sit in the layout rows.
  decl.getCell(COMPANY_CELLS.scope).dataValidation = listValidation(`"${Object.values(CMRT_SCOPES).join(',')}"`);
  const answerCell = (row: number, q: CmrtQuestion | CmrtPolicyQuestion) => (decl.getCell(`${ANSWER_COLUMN}${row}`).dataValidation = listValidation(answerListRange(allowedAnswers(q))));
  for (const q of CMRT_QUESTIONS) CMRT_METALS.forEach((_, i) => answerCell(QUESTION_ROWS[q] + i, q));
  for (const q of CMRT_POLICY_QUESTIONS) answerCell(POLICY_ROWS[q], q);
}
