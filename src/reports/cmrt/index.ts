export * from './types.js';
export * from './layout.js';
export { parseSmelterReference, cmrtRevision, loadWorkbook } from './reference.js';
export { cellText, reproducibleZip } from './xlsx.js';
export { validateProfile, allowedAnswers } from './profile.js';
