/**
 * GS1 keys and their Digital Link URIs. Orpaille's canonical identifier form is the GS1 Digital
 * Link URI on id.gs1.org: lots are LGTINs (GTIN + batch/lot, AI 10), organisations PGLNs (AI 417),
 * sites GLNs (AI 414), miners GSRNs (AI 8018, service relation: a pseudonymous number, no name),
 * bags SSCCs (AI 00).
 */
export const DL_BASE = 'https://id.gs1.org';

/** GS1 mod-10 check digit for a digit string (without its check digit). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the correct GS1 check digit. */
export function hasValidCheckDigit(key: string): boolean {
  return /^\d+$/.test(key) && gs1CheckDigit(key.slice(0, -1)) === Number(key.at(-1));
}

function withCheck(body: string, length: number): string {
  if (!/^\d+$/.test(body) || body.length !== length - 1) {
    throw new RangeError(`GS1 key body must be ${length - 1} digits, got "${body}"`);
  }
  return body + gs1CheckDigit(body);
}

/** GTIN-14 from a company prefix and item reference (indicator digit 0). */
export function gtin(companyPrefix: string, itemRef: number | string): string {
  const item = String(itemRef).padStart(12 - companyPrefix.length, '0');
  return withCheck(`0${companyPrefix}${item}`, 14);
}

/** GLN-13 from a company prefix and location reference. */
export function gln(companyPrefix: string, locationRef: number | string): string {
  return withCheck(`${companyPrefix}${String(locationRef).padStart(12 - companyPrefix.length, '0')}`, 13);
}

/** GSRN-18 from a company prefix and service reference. */
export function gsrn(companyPrefix: string, serviceRef: number | string): string {
  return withCheck(`${companyPrefix}${String(serviceRef).padStart(17 - companyPrefix.length, '0')}`, 18);
}

/** SSCC-18 (extension digit 0). */
export function sscc(companyPrefix: string, serialRef: number | string): string {
  return withCheck(`0${companyPrefix}${String(serialRef).padStart(16 - companyPrefix.length, '0')}`, 18);
}

/** GS1 Digital Link URIs in canonical (id.gs1.org) form. */
export const dl = {
  lot: (gtin14: string, lotNumber: string) => `${DL_BASE}/01/${gtin14}/10/${encodeURIComponent(lotNumber)}`,
  party: (gln13: string) => `${DL_BASE}/417/${gln13}`,
  location: (gln13: string) => `${DL_BASE}/414/${gln13}`,
  serviceRelation: (gsrn18: string) => `${DL_BASE}/8018/${gsrn18}`,
  logisticUnit: (sscc18: string) => `${DL_BASE}/00/${sscc18}`,
};

/** Lot number from an LGTIN Digital Link, or undefined when the URI is not one. */
export function lotNumberOf(uri: string): string | undefined {
  const m = /^https:\/\/id\.gs1\.org\/01\/\d{14}\/10\/([^/?#]+)$/.exec(uri);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}
