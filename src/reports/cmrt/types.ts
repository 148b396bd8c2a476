import type { ReportPeriod, ReportStamp } from '../document.js';

/** The four metals of the CMRT, in the template's row order (Declaration questions 1-8). */
export const CMRT_METALS = ['tantalum', 'tin', 'gold', 'tungsten'] as const;
export type CmrtMetal = (typeof CMRT_METALS)[number];

/** The metal names the Smelter List and Smelter Look-up sheets use. */
export const CMRT_METAL_NAMES: Readonly<Record<CmrtMetal, string>> = { tantalum: 'Tantalum', tin: 'Tin', gold: 'Gold', tungsten: 'Tungsten' };

/** Declaration scopes (D9): A company, B product (list on the Product List sheet), C user defined (D10 says what). */
export const CMRT_SCOPES = { A: 'A. Company', B: 'B. Product (or List of Products)', C: "C. User defined [Specify in 'Description of scope']" } as const;
export type CmrtScope = keyof typeof CMRT_SCOPES;

/** Questions 1-8 (per metal) and A-H (company level). */
export const CMRT_QUESTIONS = ['1', '2', '3', '4', '5', '6', '7', '8'] as const;
export type CmrtQuestion = (typeof CMRT_QUESTIONS)[number];
export const CMRT_POLICY_QUESTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type CmrtPolicyQuestion = (typeof CMRT_POLICY_QUESTIONS)[number];

/** Smelter ids of the RMI reference (GOLD-RULES s.8). */
export const SMELTER_ID = /^CID\d{6}$/;

/** One row of the RMI Smelter Look-up sheet (an alias: several rows may share a smelter id). */
export interface ReferenceSmelter {
  metal: string;
  lookupName: string;
  standardName: string;
  country: string;
  smelterId: string;
  source: string;
  street?: string;
  city?: string;
  state?: string;
}

/** The smelter reference read from an official CMRT workbook, with the template revision it came from. */
export interface SmelterReference {
  /** "6.5" */
  version: string;
  /** The revision date printed on the template, YYYY-MM-DD. */
  revisionDate: string;
  smelters: ReferenceSmelter[];
}

export interface CmrtAnswer {
  answer: string;
  comment?: string;
}

/** Company information of the Declaration sheet (rows 12-21) as the company records it. */
export interface CmrtCompanyInfo {
  uniqueId?: string;
  uniqueIdAuthority?: string;
  address?: string;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  authorizer?: string;
  authorizerTitle?: string;
  authorizerEmail?: string;
  authorizerPhone?: string;
}

/**
 * What an organisation records for its CMRT: company information, answers A-H, answers 1-8 for the
 * metals the ledger does not hold (and for gold where the ledger cannot answer), and its own RMI smelter
 * id when it is a refiner.
 */
export interface CmrtProfile {
  company: CmrtCompanyInfo;
  policy: Partial<Record<CmrtPolicyQuestion, CmrtAnswer>>;
  questions: Partial<Record<CmrtQuestion, Partial<Record<CmrtMetal, CmrtAnswer>>>>;
  scopeDescription?: string;
  smelterId?: string;
}

/** A row of the Smelter List sheet. */
export interface CmrtSmelterRow {
  metal: CmrtMetal;
  /** The RMI smelter id when the smelter is in the imported reference. */
  smelterId?: string;
  /** Column C: the reference look-up name, or "Smelter not listed". */
  lookup: string;
  name: string;
  country: string;
  source?: string;
  street?: string;
  city?: string;
  state?: string;
  /** Mine names (column N) or "recycled". */
  mines?: string;
  /** Mine countries (column O) or "recycled". */
  mineCountries?: string;
  /** Column P: Yes / No / Unknown. */
  recycled?: string;
  comment?: string;
}

export interface CmrtProduct {
  number: string;
  name?: string;
  comment?: string;
}

/** Everything a CMRT workbook is written from. */
export interface CmrtReport {
  stamp: ReportStamp & { period: ReportPeriod };
  scope: CmrtScope;
  companyName: string;
  company: CmrtCompanyInfo;
  scopeDescription?: string;
  /** Effective date, YYYY-MM-DD. */
  effectiveDate: string;
  questions: Partial<Record<CmrtQuestion, Partial<Record<CmrtMetal, CmrtAnswer>>>>;
  policy: Partial<Record<CmrtPolicyQuestion, CmrtAnswer>>;
  smelters: CmrtSmelterRow[];
  products: CmrtProduct[];
}

/** A supplier's CMRT as read from its workbook. */
export interface SupplierCmrt {
  version: string;
  companyName: string;
  scope: string;
  scopeDescription?: string;
  effectiveDate: string;
  company: CmrtCompanyInfo;
  questions: Partial<Record<CmrtQuestion, Partial<Record<CmrtMetal, CmrtAnswer>>>>;
  policy: Partial<Record<CmrtPolicyQuestion, CmrtAnswer>>;
  smelters: { row: number; metal: CmrtMetal; smelterId?: string; name: string; country: string; mines?: string; mineCountries?: string; recycled?: string }[];
  products: CmrtProduct[];
}
