export { programmeFigures, programmeJson, programmeCsv, type ProgrammeInput, type ProgrammeFigures } from './programme.js';
export { finenessHistory } from './purchases.js';
