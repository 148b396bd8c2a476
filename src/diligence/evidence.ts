import { OrpailleError } from '../kernel/index.js';

/*
 * Evidence files (photos of a site, a licence scan, an audit report) stored with the due diligence that cites
 * them. A file is named by the SHA-256 of its bytes: the reference an answer or a register entry carries
 * (`sha256:<hex>`) cannot later point at a different file, and uploading the same file twice stores it once.
 */

/** A stored evidence file, without its bytes. */
export interface EvidenceFile {
  /** The organisation that holds it; nobody else reads it. */
  org: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  name: string;
  /** IANA media type, e.g. image/jpeg, application/pdf. */
  mediaType: string;
  size: number;
  /** ISO 8601 instant. */
  uploadedAt: string;
  uploadedBy: string;
}

const REF = /^sha256:([0-9a-f]{64})$/;

/** The reference an answer or register entry carries for a stored file. */
export function evidenceReference(sha256: string): string {
  return `sha256:${sha256}`;
}

/** The SHA-256 a reference names, or undefined when the reference is not to a stored file (a URL, a report number). */
export function storedEvidenceSha256(reference: string): string | undefined {
  return REF.exec(reference)?.[1];
}

/** Checks an upload before it is stored: a name, a media type, and not empty or larger than `maxBytes`. */
export function checkEvidenceUpload(u: { name: string; mediaType: string; size: number }, maxBytes: number): void {
  if (!u.name.trim() || u.name.length > 255 || /[\\/\u0000-\u001f]/.test(u.name)) throw new OrpailleError('ORP_BAD_INPUT', 'an evidence file needs a plain file name (no path, at most 255 characters)', { name: u.name });
  if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(u.mediaType)) throw new OrpailleError('ORP_BAD_INPUT', `"${u.mediaType}" is not a media type (e.g. image/jpeg, application/pdf)`, { mediaType: u.mediaType });
  if (u.size === 0) throw new OrpailleError('ORP_BAD_INPUT', 'the evidence file is empty', { name: u.name });
  if (u.size > maxBytes) throw new OrpailleError('ORP_PAYLOAD_TOO_LARGE', `the evidence file is ${u.size} bytes; at most ${maxBytes} are kept`, { name: u.name, size: u.size, maxBytes });
}

/** The most an evidence file may weigh (10 MiB: a phone photo or a scanned licence, not a video). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
