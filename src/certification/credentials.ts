import type { PartyUri } from '../custody/index.js';
import { standingOn, lastValidDay, statusOn, type Authorisation } from './authorisations.js';
import { verifyEddsaJcsProofs, type ProofProblem } from './data-integrity.js';
import type { CredentialVerdict } from './shapes.js';

export type { CredentialVerdict } from './shapes.js';

/*
 * Certificates, permits, licences and listings as W3C Verifiable Credentials (VC Data Model 2.0).
 * The issuer is the did:key of the issuing organisation's Ed25519 key, so the credential verifies
 * offline; the organisation's registry URI and name travel in the signed `issuer` object.
 */

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** Terms of Orpaille credentials that the VC context does not define. */
export const CERTIFICATION_VOCAB = 'https://ns.orpaille.org/certification#';
export const CREDENTIAL_TYPE = 'GoldAuthorisationCredential';

/** An organisation as a credential names it. */
export interface CredentialParty {
  uri: PartyUri;
  name?: string;
}

export interface AuthorisationCredential extends Record<string, unknown> {
  '@context': unknown[];
  id: string;
  type: string[];
  name: string;
  issuer: { id: string; name?: string; party: PartyUri };
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    id: PartyUri;
    name?: string;
    authorisation: Authorisation & { status: 'active' };
  };
}

/** The credential id of an authorisation (a URN, stable across issues). */
export function credentialIdOf(authorisationId: string): string {
  return `urn:orpaille:authorisation:${encodeURIComponent(authorisationId)}`;
}

/**
 * Why an authorisation may not be issued as a credential on a date, or undefined: a credential
 * states an authorisation in good standing, so a suspended, withdrawn, expired or future one is refused.
 */
export function credentialRefusal(a: Authorisation, date: string): string | undefined {
  const s = standingOn(a, date);
  if (s.valid) return undefined;
  return `${a.id} is ${s.reason.replace(/_/g, ' ')} (since ${s.since}): only an authorisation valid on the day of issue is issued as a credential`;
}

/**
 * The unsigned credential of an authorisation: validity from its issue day to its last valid day
 * (UTC), subject the holder, the authorisation's data as recorded.
 */
export function authorisationCredential(a: Authorisation, issuer: CredentialParty, issuerDid: string, holder: CredentialParty, date: string): AuthorisationCredential {
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, { '@vocab': CERTIFICATION_VOCAB }],
    id: credentialIdOf(a.id),
    type: ['VerifiableCredential', CREDENTIAL_TYPE],
    name: `${a.scheme} ${a.kind.replace(/_/g, ' ')} ${a.id}`,
    issuer: { id: issuerDid, ...(issuer.name ? { name: issuer.name } : {}), party: issuer.uri },
    validFrom: `${a.issuedOn}T00:00:00Z`,
    validUntil: `${lastValidDay(a)}T23:59:59Z`,
    credentialSubject: {
      id: holder.uri,
      ...(holder.name ? { name: holder.name } : {}),
      authorisation: { ...a, status: statusOn(a, date.slice(0, 10)).status as 'active' },
    },
  };
}

export type CredentialProblemCode = ProofProblem['code'] | 'not_a_credential' | 'issuer_mismatch' | 'expired' | 'not_yet_valid';

export interface CredentialProblem {
  code: CredentialProblemCode;
  message: string;
}

/**
 * Verifies a credential offline at an instant: it is a VC 2.0 credential, every proof is a valid
 * eddsa-jcs-2022 proof by a did:key, the issuer's own key signed it, and the instant lies within
 * its validity. Every problem found is listed. Status changes recorded after issue (a suspension)
 * are not in the file: ask the registry for the current standing.
 */
export function verifyCredential(doc: unknown, now: Date): CredentialVerdict {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { valid: false, problems: [{ code: 'not_a_credential', message: 'a credential is a JSON object' }] };
  }
  const vc = doc as Record<string, unknown>;
  const problems: CredentialProblem[] = [];
  const context = vc['@context'];
  if (!Array.isArray(context) || context[0] !== CREDENTIALS_V2_CONTEXT) problems.push({ code: 'not_a_credential', message: `@context must start with ${CREDENTIALS_V2_CONTEXT}` });
  const types = Array.isArray(vc['type']) ? vc['type'] : [vc['type']];
  if (!types.includes('VerifiableCredential')) problems.push({ code: 'not_a_credential', message: 'type must include VerifiableCredential' });
  const issuerField = vc['issuer'];
  const issuer = typeof issuerField === 'string' ? issuerField : typeof issuerField === 'object' && issuerField !== null ? (issuerField as Record<string, unknown>)['id'] : undefined;
  if (typeof issuer !== 'string') problems.push({ code: 'not_a_credential', message: 'the credential names no issuer id' });

  const proofs = verifyEddsaJcsProofs(vc);
  problems.push(...proofs.problems);
  if (typeof issuer === 'string' && proofs.problems.length === 0 && !proofs.controllers.every((c) => c === issuer)) {
    problems.push({ code: 'issuer_mismatch', message: `signed by ${proofs.controllers.join(', ')}, not by the issuer ${issuer}` });
  }

  const at = now.getTime();
  const validFrom = typeof vc['validFrom'] === 'string' ? vc['validFrom'] : undefined;
  const validUntil = typeof vc['validUntil'] === 'string' ? vc['validUntil'] : undefined;
  for (const [field, v] of [['validFrom', validFrom], ['validUntil', validUntil]] as const) {
    if (v !== undefined && Number.isNaN(Date.parse(v))) problems.push({ code: 'not_a_credential', message: `${field} ${v} is not a date-time` });
  }
  if (validFrom !== undefined && at < Date.parse(validFrom)) problems.push({ code: 'not_yet_valid', message: `valid from ${validFrom}` });
  if (validUntil !== undefined && at > Date.parse(validUntil)) problems.push({ code: 'expired', message: `expired: valid until ${validUntil}` });

  const subject = vc['credentialSubject'];
  const subjectId = typeof subject === 'object' && subject !== null && !Array.isArray(subject) ? (subject as Record<string, unknown>)['id'] : undefined;
  const party = typeof issuerField === 'object' && issuerField !== null ? (issuerField as Record<string, unknown>)['party'] : undefined;
  return {
    valid: problems.length === 0,
    problems,
    ...(typeof vc['id'] === 'string' ? { id: vc['id'] } : {}),
    ...(typeof issuer === 'string' ? { issuer } : {}),
    ...(typeof party === 'string' ? { issuerParty: party } : {}),
    ...(typeof subjectId === 'string' ? { subject: subjectId } : {}),
    ...(validFrom !== undefined ? { validFrom } : {}),
    ...(validUntil !== undefined ? { validUntil } : {}),
  };
}
