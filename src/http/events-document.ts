import type { FastifyReply, FastifyRequest } from 'fastify';
import { ORPAILLE_CONTEXT, writeEpcisDocument, type WriteOptions } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { QueriedEvent } from '../store/index.js';

/** Versions the REST binding's response headers announce. */
const VERSION_HEADERS = { 'GS1-EPCIS-Version': '2.0.0', 'GS1-CBV-Version': '2.0.0' };

/** GS1-EPC-Format values of the binding and how the codec writes identifiers for each. */
const EPC_FORMATS: Record<string, NonNullable<WriteOptions['epcFormat']>> = {
  No_Preference: 'no-preference',
  Always_GS1_Digital_Link: 'digital-link',
  Always_EPC_URN: 'urn',
  Never_Translates: 'no-preference',
};

/**
 * The CURIE prefixes of a GS1-Extensions header (`ex=https://example.org/ns/, ex2=urn:x:`), for
 * extension field names in query parameters.
 */
export function extensionPrefixes(header: string | string[] | undefined): Record<string, string> {
  const prefixes: Record<string, string> = {};
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const eq = part.indexOf('=');
    if (part.trim() === '') continue;
    const prefix = part.slice(0, eq).trim();
    const ns = part.slice(eq + 1).trim();
    if (eq <= 0 || !/^[A-Za-z_][\w.-]*$/.test(prefix) || !/^[A-Za-z][\w+.-]*:\S+$/.test(ns)) {
      throw new OrpailleError('ORP_BAD_INPUT', `GS1-Extensions: "${part.trim()}" is not prefix=namespace`, { header: 'GS1-Extensions' });
    }
    prefixes[prefix] = ns;
  }
  return prefixes;
}

/** Whether the client asked for XML rather than JSON(-LD). */
function wantsXml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return /(application|text)\/xml/.test(accept) && !/json/.test(accept);
}

/** An event of a query result as served: the stored event with the time the ledger recorded it. */
function served(e: QueriedEvent): Record<string, unknown> {
  return { ...(JSON.parse(e.body) as Record<string, unknown>), recordTime: new Date(e.recordTime).toISOString() };
}

/**
 * Sends query results as an EPCISQueryDocument written by the EPCIS codec: JSON-LD, or XML when the
 * client asks for it, with identifiers in the GS1-EPC-Format it asks for, and the binding's headers.
 */
export function sendQueryDocument(req: FastifyRequest, reply: FastifyReply, events: QueriedEvent[], opts: { queryName: string; creationDate: string }) {
  const header = req.headers['gs1-epc-format'];
  const epcFormat = typeof header === 'string' ? EPC_FORMATS[header] : 'no-preference';
  if (epcFormat === undefined) {
    throw new OrpailleError('ORP_BAD_INPUT', `GS1-EPC-Format must be one of ${Object.keys(EPC_FORMATS).join(', ')}`, { header: 'GS1-EPC-Format' });
  }
  const format = wantsXml(req) ? 'xml' : 'json';
  const text = writeEpcisDocument(events.map(served), { format, epcFormat, documentType: 'EPCISQueryDocument', ...opts });
  // The codec has written the bytes; the route's response schema documents them but must not re-serialise.
  reply.headers(VERSION_HEADERS).type(format === 'xml' ? 'application/xml' : 'application/ld+json').serializer((payload: unknown) => payload as string);
  return text;
}

/** A top-level resource list of the binding: a JSON-LD collection of values. */
export function collection(reply: FastifyReply, member: string[]) {
  reply.headers(VERSION_HEADERS).type('application/ld+json');
  return { '@context': ORPAILLE_CONTEXT, type: 'Collection', member };
}
