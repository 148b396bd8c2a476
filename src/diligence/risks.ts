/*
 * The risk model of due diligence (GOLD-RULES s.4 CRAFT, s.5 OECD Annex II, s.6 Minamata Annex C) as
 * versioned data: every risk has the response its class calls for and the CRAFT module that covers it.
 * A new reading of the standards is a new catalogue version with a later start date; register entries
 * keep the version they were recorded under.
 */

/**
 * How a buyer must respond once a risk is confirmed (OECD Annex II, CRAFT modules 3-5):
 * - `disengage`: suspend or disengage immediately (serious abuses, support to non-state armed groups);
 * - `mitigate`: continue while a risk management plan shows measurable improvement within six months;
 * - `improve`: progressive improvement over time (CRAFT module 5, ESG and mercury).
 */
export const RESPONSE_CLASSES = ['disengage', 'mitigate', 'improve'] as const;
export type ResponseClass = (typeof RESPONSE_CLASSES)[number];

/** Where a risk comes from: the OECD Annex II list, the Minamata Annex C mercury practices, other ESG risks. */
export const RISK_FAMILIES = ['annex-ii', 'mercury', 'esg'] as const;
export type RiskFamily = (typeof RISK_FAMILIES)[number];

export const RISK_IDS = [
  'serious-abuses',
  'armed-groups',
  'security-forces',
  'bribery-fraud',
  'money-laundering',
  'taxes-royalties',
  'mercury-whole-ore',
  'mercury-open-burning',
  'mercury-residential-burning',
  'mercury-cyanide',
  'health-safety',
  'child-labour',
  'gender',
  'environment',
  'community',
] as const;
export type RiskId = (typeof RISK_IDS)[number];

/** One risk of the model. */
export interface RiskDefinition {
  id: RiskId;
  family: RiskFamily;
  title: string;
  /** What the risk covers, in the standard's words as far as GOLD-RULES gives them. */
  covers: string;
  response: ResponseClass;
  /** The CRAFT module that covers it (3 immediate disengagement, 4 mitigation, 5 progressive improvement). */
  craftModule: 3 | 4 | 5;
  source: string;
  confidence: 'firm' | 'likely' | 'assumed';
}

/** A dated version of the risk model. */
export interface RiskCatalogue {
  version: string;
  /** ISO date from which this version applies. */
  effectiveFrom: string;
  risks: readonly RiskDefinition[];
}

const OECD = 'GOLD-RULES s.5: OECD Due Diligence Guidance, Annex II';
const MINAMATA = 'GOLD-RULES s.6: Minamata Convention, Article 7 and Annex C';
const CRAFT5 = 'GOLD-RULES s.4: CRAFT module 5, further risks under progressive improvement';

/** Version 1 of the risk model: OECD Annex II (2016 third edition) read with CRAFT 2.1 (2023). */
export const RISK_CATALOGUE_V1: RiskCatalogue = {
  version: '1',
  effectiveFrom: '2016-01-01',
  risks: [
    { id: 'serious-abuses', family: 'annex-ii', title: 'Serious abuses', covers: 'torture, cruel, inhuman or degrading treatment; forced labour; worst forms of child labour; widespread sexual violence and other gross human-rights violations; war crimes, crimes against humanity, genocide', response: 'disengage', craftModule: 3, source: `${OECD} risk 1: immediately suspend or disengage`, confidence: 'firm' },
    { id: 'armed-groups', family: 'annex-ii', title: 'Support to non-state armed groups', covers: 'direct or indirect support: control of mine sites, transport routes or trading points; illegal taxation or extortion', response: 'disengage', craftModule: 3, source: `${OECD} risk 2: immediately suspend or disengage`, confidence: 'firm' },
    { id: 'security-forces', family: 'annex-ii', title: 'Public or private security forces', covers: 'security forces illegally controlling, taxing or extorting at sites, routes or trading points', response: 'mitigate', craftModule: 4, source: `${OECD} risk 3: mitigate`, confidence: 'firm' },
    { id: 'bribery-fraud', family: 'annex-ii', title: 'Bribery and fraudulent misrepresentation of origin', covers: 'bribes to conceal or disguise the origin of gold; misrepresenting taxes, fees and royalties paid', response: 'mitigate', craftModule: 4, source: `${OECD} risk 4: mitigate (LBMA RGG v9: known fraud terminates)`, confidence: 'firm' },
    { id: 'money-laundering', family: 'annex-ii', title: 'Money laundering', covers: 'money laundering or terrorist financing through the purchase or sale of gold', response: 'mitigate', craftModule: 4, source: `${OECD} risk 5: mitigate (LBMA RGG v9: known laundering terminates)`, confidence: 'firm' },
    { id: 'taxes-royalties', family: 'annex-ii', title: 'Taxes, fees and royalties', covers: 'non-payment of taxes, fees and royalties due to governments for extraction, trade and export', response: 'mitigate', craftModule: 4, source: `${OECD} risk 6: mitigate`, confidence: 'firm' },
    { id: 'mercury-whole-ore', family: 'mercury', title: 'Whole-ore amalgamation', covers: 'amalgamating the whole ore rather than a concentrate', response: 'improve', craftModule: 5, source: `${MINAMATA}: practice to eliminate`, confidence: 'firm' },
    { id: 'mercury-open-burning', family: 'mercury', title: 'Open burning of amalgam', covers: 'burning amalgam or processed amalgam in the open, without a retort or fume hood', response: 'improve', craftModule: 5, source: `${MINAMATA}: practice to eliminate`, confidence: 'firm' },
    { id: 'mercury-residential-burning', family: 'mercury', title: 'Burning amalgam in residential areas', covers: 'burning amalgam in residential areas', response: 'improve', craftModule: 5, source: `${MINAMATA}: practice to eliminate`, confidence: 'firm' },
    { id: 'mercury-cyanide', family: 'mercury', title: 'Cyanide on mercury-contaminated material', covers: 'cyanide leaching of sediment, ore or tailings to which mercury was added, without first removing the mercury', response: 'improve', craftModule: 5, source: `${MINAMATA}: practice to eliminate`, confidence: 'firm' },
    { id: 'health-safety', family: 'esg', title: 'Health and safety', covers: 'occupational health and safety of miners and processors', response: 'improve', craftModule: 5, source: CRAFT5, confidence: 'assumed' },
    { id: 'child-labour', family: 'esg', title: 'Child labour below the worst forms', covers: 'children working below the minimum working age in work that is not among the worst forms (those are serious abuses)', response: 'improve', craftModule: 5, source: CRAFT5, confidence: 'assumed' },
    { id: 'gender', family: 'esg', title: 'Gender', covers: 'discrimination against women, their exposure to mercury and unequal access to work and income', response: 'improve', craftModule: 5, source: CRAFT5, confidence: 'assumed' },
    { id: 'environment', family: 'esg', title: 'Environment', covers: 'land, water and biodiversity damage; protected areas; restoration', response: 'improve', craftModule: 5, source: CRAFT5, confidence: 'assumed' },
    { id: 'community', family: 'esg', title: 'Community', covers: 'relations with local and indigenous communities, land rights, grievances', response: 'improve', craftModule: 5, source: CRAFT5, confidence: 'assumed' },
  ],
};

/** Every version of the risk model, oldest first. */
export const RISK_CATALOGUES: readonly RiskCatalogue[] = [RISK_CATALOGUE_V1];

/** The version of the risk model in force on a date (the first one for dates before it). */
export function riskCatalogueOn(date: string, catalogues: readonly RiskCatalogue[] = RISK_CATALOGUES): RiskCatalogue {
  const day = date.slice(0, 10);
  return [...catalogues].reverse().find((c) => c.effectiveFrom <= day) ?? catalogues[0]!;
}

/** A catalogue by version, if there is one. */
export function riskCatalogue(version: string, catalogues: readonly RiskCatalogue[] = RISK_CATALOGUES): RiskCatalogue | undefined {
  return catalogues.find((c) => c.version === version);
}

/** The definition of a risk in a catalogue version; undefined for an unknown risk or version. */
export function riskDefinition(risk: string, version = RISK_CATALOGUE_V1.version): RiskDefinition | undefined {
  return riskCatalogue(version)?.risks.find((r) => r.id === risk);
}

/** True for a known risk id. */
export function isRiskId(v: string): v is RiskId {
  return (RISK_IDS as readonly string[]).includes(v);
}
