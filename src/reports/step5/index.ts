export { buildStep5, partyName, NOT_RECORDED, type Step5Input, type Step5Report, type RedFlagCount } from './report.js';
export { step5Document, originLabel, STEP5_TITLE } from './document.js';
export { goldFigures, kg, percent, type GoldFigures, type OriginClass, type SiteFacts, type SupplyLedger } from './figures.js';
