export { buildStep5, partyName, NOT_RECORDED, type Step5Input, type Step5Report, type RedFlagCount } from './report.js';
export { step5Document, originLabel, STEP5_TITLE } from './document.js';
export { goldFigures, goldFiguresOfMoves, supplyMoves, kg, percent, type GoldFigures, type SupplyMove, type SupplyMoves, type OriginClass, type SiteFacts, type SupplyLedger } from './figures.js';
