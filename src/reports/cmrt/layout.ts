/*
 * The layout of the RMI CMRT 6.5 (25 April 2025, GOLD-RULES s.8) that Orpaille writes and reads: sheet
 * names in order, and the English text of the label cells of the sheets it fills, at the template's own
 * addresses. The official template computes these labels from its hidden language sheet ("L", column D
 * English); test/reports/cmrt-layout.test.ts resolves them from the official file and compares cell by cell.
 * The RMI smelter list is not here: it comes from the workbook a user supplies (`orpaille cmrt import-smelters`).
 */

/** Visible sheets of the template, in order. */
export const CMRT_SHEETS = ['Revision', 'Instructions', 'Definitions', 'Declaration', 'Smelter List', 'Checker', 'Product List', 'Smelter Look-up'] as const;

/** The template revision written into the generated file (Declaration J3, Smelter List Q3). */
export const CMRT_REVISION = 'Revision 6.5\nApril 25, 2025';

/** Label cells of the Declaration sheet (address -> English text). */
export const DECLARATION_LABELS: Readonly<Record<string, string>> = {
  D2: "Conflict Minerals Reporting Template (CMRT)",
  B4: "The purpose of this document is to collect sourcing information on tin, tantalum, tungsten and gold used in products",
  I4: "Link to Terms & Conditions",
  B6: "Mandatory fields are noted with an asterisk (*).  Consult the instructions tab for guidance on how to answer each question.",
  B7: "Company Information",
  B8: "Company Name (*):",
  B9: "Declaration Scope or Class (*):",
  B10: "Description of Scope:",
  B12: "Company Unique ID:",
  B13: "Company Unique ID Authority:",
  B14: "Address:",
  B15: "Contact Name (*):",
  B16: "Email – Contact (*):",
  B17: "Phone – Contact (*):",
  B18: "Authorizer (*):",
  B19: "Title - Authorizer:",
  B20: "Email - Authorizer (*):",
  B21: "Phone - Authorizer:",
  B22: "Effective Date (*):",
  B24: "Answer the following questions 1 - 8 based on the declaration scope indicated above",
  B25: "1) Is any 3TG intentionally added or used in the product(s) or in the production process? (*)",
  D25: "Answer",
  G25: "Comments",
  B26: "Tantalum  ",
  B27: "Tin  ",
  B28: "Gold  ",
  B29: "Tungsten  ",
  B31: "2) Does any 3TG remain in the product(s)?",
  B37: "3) Do any of the smelters in your supply chain source the 3TG from the covered countries? (SEC term, see definitions tab)",
  B38: "Tantalum  ",
  B39: "Tin  ",
  B40: "Gold  ",
  B41: "Tungsten  ",
  B43: "4) Do any of the smelters in your supply chain source the 3TG from conflict-affected and high-risk areas?",
  B44: "Tantalum  ",
  B45: "Tin  ",
  B46: "Gold  ",
  B47: "Tungsten  ",
  B49: "5) Does 100 percent of the 3TG (necessary to the functionality or production of your products) originate from recycled or scrap sources? ",
  B55: "6) What percentage of relevant suppliers have provided a response to your supply chain survey? ",
  B61: "7) Have you identified all of the smelters supplying the 3TG to your supply chain? ",
  B67: "8) Has all applicable smelter information received by your company been reported in this declaration? ",
  B73: "Answer the Following Questions at a Company Level",
  B74: "Question",
  B75: "A. Have you established a responsible minerals sourcing policy?",
  B77: "B. Is your responsible minerals sourcing policy publicly available on your website? (Note – If yes, the user shall specify the URL in the comment field.)",
  B79: "C. Do you require your direct suppliers to source the 3TG from smelters whose due diligence practices have been validated by an independent third party audit program?",
  B81: "D. Have you implemented due diligence measures for responsible sourcing?",
  B83: "E. Does your company conduct Conflict Minerals survey(s) of your relevant supplier(s)?",
  B85: "F. Do you review due diligence information received from your suppliers against your company’s expectations?",
  B87: "G. Does your review process include corrective action management?",
  B89: "H. Is your company required to file an annual conflict minerals disclosure?",
};

/** Label cells of the Smelter List sheet (address -> English text). */
export const SMELTER_LIST_LABELS: Readonly<Record<string, string>> = {
  B2: "TO BEGIN:",
  J2: "Link to \"RMAP Conformant Smelter List\"",
  B3: "\nOption A: If you know the Smelter Identification Number, input the number in Column A (columns B, C, E, F, G, I and J will auto-populate); D will grey out.\n\nOption B:  If you have a Metal and Smelter Look-up name combination, complete the following steps:\nStep 1. Select Metal in column B\nStep 2. Select from dropdown in column C (wrong combination will trigger RED color)\n\nOption C: If you have a Metal and Smelter Name combination, complete the following steps:\nStep 1. Select Metal in column B\nStep 2: Select \"Smelter Not Listed\" in the Smelter Look-up drop down and complete columns D & E\nStep 3. Enter all available smelter information in columns H through Q\n\n(*) Mandatory fields are noted with an asterisk.\n(1) Entry required when Smelter Look-up = \"Smelter not listed\"\n\nNOTE: A combination of Options A, B and C may be used to complete the Smelter List.  Do not alter autopopulated cells.  All errors in the Smelter Look-up should be reported to RMI by contacting RMI@responsiblebusiness.org.",
  A4: "Smelter Identification Number Input Column",
  B4: "Metal (*)",
  C4: "Smelter Look-up (*)",
  D4: "Smelter Name (1)",
  E4: "Smelter Country (*)",
  F4: "Smelter Identification",
  G4: "Source of Smelter Identification Number",
  H4: "Smelter Street ",
  I4: "Smelter City",
  J4: "Smelter Facility Location: State / Province",
  K4: "Smelter Contact Name",
  L4: "Smelter Contact Email",
  M4: "Proposed next steps",
  N4: "Name of Mine(s) or if recycled or scrap sourced, enter \"recycled\" or \"scrap\"",
  O4: "Location (Country) of Mine(s) or if recycled or scrap sourced, enter \"recycled\" or \"scrap\"",
  P4: "Does 100% of the smelter’s feedstock originate from recycled or scrap sources?",
  Q4: "Comments",
};

/** Label cells of the Product List sheet (address -> English text). */
export const PRODUCT_LIST_LABELS: Readonly<Record<string, string>> = {
  A1: "Completion required only if reporting level \"Product (or List of Products)\" selected on the 'Declaration' worksheet.",
  B5: "Responder’s Product Number (*)",
  C5: "Responder’s Product Name",
  D5: "Comments",
};

/** Label cells of the Smelter Look-up sheet (address -> English text). */
export const SMELTER_LOOKUP_LABELS: Readonly<Record<string, string>> = {
  A1: "The following list represents the RMI's latest smelter name/alias information as of this templates release.  This list is updated frequently, and the most up-to-date version can be found on the RMI website http://www.responsiblemineralsinitiative.org/responsible-minerals-assurance-process/exports/cmrt-export/.  The presence of a smelter here is NOT a guarantee that it is currently Active or Conformant within the Responsible Minerals Assurance Process.\n\nPlease refer to the RMI web site www.responsiblemineralsinitiative.org for the most current and accurate list of standard smelter names that are Active or Conformant. \n\nNames included in column B represent company names that are commonly recognized and reported by the supply chain for a particular smelter. These names may include former company names, alternate names, abbreviations, or other variations. Although the names may not be the RMI Standard Smelter Name, the reference names are helpful to identify the smelter, which is listed under column C in the Smelter Look-up.\n\nColumn C is the list of the official standard smelter names, in the ASCII character set. The majority of smelters will have the same entry for both columns, however if the common name varies from the standard name, the variation is noted in Column B. ",
  A4: "Metal",
  B4: "Smelter Look-up (*)",
  C4: "Standard Smelter Names",
  D4: "Smelter Facility Location: Country",
  E4: "Smelter ID",
  F4: "Source of Smelter Identification Number",
  G4: "Smelter Street ",
  H4: "Smelter City",
  I4: "Smelter Facility Location: State / Province",
};

/** Declaration answer cells of the company information (column D). */
export const COMPANY_CELLS = {
  companyName: 'D8',
  scope: 'D9',
  scopeDescription: 'D10',
  uniqueId: 'D12',
  uniqueIdAuthority: 'D13',
  address: 'D14',
  contactName: 'D15',
  contactEmail: 'D16',
  contactPhone: 'D17',
  authorizer: 'D18',
  authorizerTitle: 'D19',
  authorizerEmail: 'D20',
  authorizerPhone: 'D21',
  effectiveDate: 'D22',
} as const;

/** First row of each question 1-8: the metals follow in CMRT_METALS order (tantalum, tin, gold, tungsten). */
export const QUESTION_ROWS = { '1': 26, '2': 32, '3': 38, '4': 44, '5': 50, '6': 56, '7': 62, '8': 68 } as const;

/** Rows of the company-level questions A-H. */
export const POLICY_ROWS = { A: 75, B: 77, C: 79, D: 81, E: 83, F: 85, G: 87, H: 89 } as const;

/** Answers in column D, comments in column G (Declaration). */
export const ANSWER_COLUMN = 'D';
export const COMMENT_COLUMN = 'G';

/** Smelter List: header row 4, data rows 5-2504, columns A-Q. */
export const SMELTER_FIRST_ROW = 5;
export const SMELTER_LAST_ROW = 2504;
/** Product List: header row 5, data from row 6, columns B-D. */
export const PRODUCT_FIRST_ROW = 6;
/** Smelter Look-up: header row 4, data from row 5, columns A-I. */
export const LOOKUP_FIRST_ROW = 5;

/** Allowed answers (the template's drop-down lists, Declaration rows 96-111). */
export const YES_NO_UNKNOWN = ['Yes', 'No', 'Unknown'] as const;
export const YES_NO = ['Yes', 'No'] as const;
export const SUPPLIER_SHARES = ['100%', 'Greater than 90%', 'Greater than 75%', 'Greater than 50%', '50% or less', 'None'] as const;
export const SURVEY_ANSWERS = ['Yes, in conformance with IPC1755 (e.g., CMRT)', 'Yes, using other format (describe)', 'No'] as const;
export const DISCLOSURE_ANSWERS = ['Yes, with the SEC', 'Yes, with the EU', 'Yes, with the SEC and the EU', 'No'] as const;

/**
 * Where the generated Declaration keeps the lists its drop-downs offer: the template's own hidden rows 96-111
 * of column B, in the template's order (Yes/No/Unknown, supplier shares, survey answers, disclosure answers).
 * Lists are cell ranges, not inline lists, because some answers contain commas.
 */
export const ANSWER_LIST_COLUMN = 'B';
export const ANSWER_LISTS = [
  { from: 96, values: YES_NO_UNKNOWN },
  { from: 99, values: SUPPLIER_SHARES },
  { from: 105, values: SURVEY_ANSWERS },
  { from: 108, values: DISCLOSURE_ANSWERS },
] as const;
/** Rows of the lists, hidden as the template hides its own. */
export const HIDDEN_LIST_ROWS = { from: 96, to: 111 } as const;
