import { readFileSync } from 'node:fs';
import { detectEpcisFormat, documentEventHashes, readEpcisDocument, readEpcisEvent, xmlDocumentEventHashes, type EpcisFormat, type EpcisProblem } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
}

/** Whether the text is a lone event rather than a document: its root element or `type` says so. */
function isLoneEvent(text: string, format: EpcisFormat): boolean {
  if (format === 'xml') {
    const root = /<(?![?!])(?:[\w.-]+:)?([\w.-]+)/.exec(text)?.[1] ?? '';
    return root.endsWith('Event');
  }
  try {
    const doc = JSON.parse(text) as { type?: unknown };
    return typeof doc?.type === 'string' && doc.type.endsWith('Event');
  } catch {
    return false;
  }
}

export interface ValidationOutcome {
  file: string;
  format: EpcisFormat;
  valid: boolean;
  /** A document, or a lone event (the body of POST /events). */
  kind: 'document' | 'event';
  events: number;
  problems: EpcisProblem[];
}

/** Validates an EPCIS document or lone event, JSON-LD or XML (detected from the content). */
export function validateFile(file: string): ValidationOutcome {
  const text = readText(file);
  const format = detectEpcisFormat(undefined, text);
  if (isLoneEvent(text, format)) {
    const read = readEpcisEvent(text, format);
    return { file, format, kind: 'event', valid: read.ok, events: read.ok ? 1 : 0, problems: read.ok ? [] : read.problems };
  }
  const read = readEpcisDocument(text, format);
  return read.ok
    ? { file, format, kind: 'document', valid: true, events: read.document.events.length, problems: [] }
    : { file, format, kind: 'document', valid: false, events: 0, problems: read.problems };
}

/** CBV 2.0 event hashes of every event of an EPCIS document, JSON-LD or XML, in document order. */
export function hashFile(file: string): string[] {
  const text = readText(file);
  if (detectEpcisFormat(undefined, text) === 'xml') {
    const { hashes, problems } = xmlDocumentEventHashes(text);
    if (hashes.length === 0 && problems.length > 0) {
      throw new OrpailleError('ORP_EPCIS_INVALID', `${file}: ${problems.map((p) => p.message).join('; ')}`, { file });
    }
    return hashes;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new OrpailleError('ORP_BAD_INPUT', `${file} is not a readable JSON document: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
  try {
    return documentEventHashes(doc);
  } catch (err) {
    throw new OrpailleError('ORP_EPCIS_INVALID', `${file}: ${err instanceof Error ? err.message : String(err)}`, { file });
  }
}
