export { buildStatement, type Statement, type StatementInput, type StatementPurchase, type PremiumFigures } from './statement.js';
export { statementDocument, statementCsv, STATEMENT_CSV_COLUMNS } from './render.js';
