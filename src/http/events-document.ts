import type { FastifyReply, FastifyRequest } from 'fastify';
import { ORPAILLE_CONTEXT } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { QueriedEvent } from '../store/index.js';

/** Versions the REST binding's response headers announce. */
const VERSION_HEADERS = { 'GS1-EPCIS-Version': '2.0.0', 'GS1-CBV-Version': '2.0.0' };

const EPC_FORMATS = new Set(['No_Preference', 'Always_GS1_Digital_Link', 'Always_EPC_URN', 'Never_Translates']);

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

/** Sends query results as an EPCISQueryDocument (JSON-LD), with the binding's headers. */
export function sendQueryDocument(req: FastifyRequest, reply: FastifyReply, events: QueriedEvent[], opts: { queryName: string; creationDate: string }) {
  const epcFormat = req.headers['gs1-epc-format'];
  if (typeof epcFormat === 'string' && !EPC_FORMATS.has(epcFormat)) {
    throw new OrpailleError('ORP_BAD_INPUT', `GS1-EPC-Format must be one of ${[...EPC_FORMATS].join(', ')}`, { header: 'GS1-EPC-Format' });
  }
  if (wantsXml(req)) throw new OrpailleError('ORP_NOT_ACCEPTABLE', 'query results in XML are not available yet; ask for application/ld+json', { accept: req.headers.accept });
  reply.headers(VERSION_HEADERS).type('application/ld+json');
  return {
    '@context': ORPAILLE_CONTEXT,
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: opts.creationDate,
    epcisBody: { queryResults: { queryName: opts.queryName, resultsBody: { eventList: events.map(served) } } },
  };
}

/** A top-level resource list of the binding: a JSON-LD collection of values. */
export function collection(reply: FastifyReply, member: string[]) {
  reply.headers(VERSION_HEADERS).type('application/ld+json');
  return { '@context': ORPAILLE_CONTEXT, type: 'Collection', member };
}
