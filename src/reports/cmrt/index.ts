export * from './types.js';
export * from './layout.js';
export { parseSmelterReference, cmrtRevision, loadWorkbook } from './reference.js';
export { cellText, reproducibleZip } from './xlsx.js';
export { validateProfile, allowedAnswers } from './profile.js';
export { buildCmrtWorkbook, REVISION_LABELS, STAMP_CELL } from './build.js';
export { goldAnswers, smelterRows, supplierShare, type SupplyFacts, type TracedRefiner } from './answers.js';
export { supplyFacts, type SupplyInput } from './supply.js';
export { readSupplierCmrt } from './read.js';
