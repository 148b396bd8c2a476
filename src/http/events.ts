import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ALL_EPC_ROLES,
  EVENT_TYPES,
  andQueries,
  decodePageToken,
  encodePageToken,
  isPageParam,
  parseEventQuery,
  perPageOf,
  queryInvalid,
  sameParams,
  type EventQuery,
  type QueryParams,
} from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import { eventQueryStore, namedQueryStore, type ResourceList } from '../store/index.js';
import { requireOrgRole, type UserRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { collection, extensionPrefixes, sendQueryDocument } from './events-document.js';
import { epcisDocumentSchema, errorSchema } from './schemas.js';

/*
 * The EPCIS 2.0 query interface, REST binding (docs/query.md): GET /events with SimpleEventQuery
 * parameters, the top-level resources (/eventTypes, /epcs, /bizSteps, /bizLocations, /readPoints,
 * /dispositions) and named queries (/queries). Every answer holds only events one of the caller's
 * parties may see; paging is keyset, with an opaque nextPageToken in a Link header.
 */

const anyParams = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
} as const;
const pageParams = {
  type: 'object',
  additionalProperties: false,
  properties: { perPage: { type: 'string' }, nextPageToken: { type: 'string' } },
} as const;
const valueParams = { type: 'object', required: ['value'], properties: { value: { type: 'string', minLength: 1 } } } as const;
const nameParams = { type: 'object', required: ['queryName'], properties: { queryName: { type: 'string' } } } as const;
const errors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 406: errorSchema };
const collectionSchema = {
  type: 'object',
  required: ['type', 'member'],
  properties: { '@context': {}, type: { type: 'string' }, member: { type: 'array', items: { type: 'string' } } },
} as const;
const namedQuerySchema = {
  type: 'object',
  required: ['name', 'query'],
  properties: {
    name: { type: 'string' },
    query: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string' },
  },
} as const;

/** Who may save and delete named queries (reading and running them is for every member). */
const QUERY_WRITERS: UserRole[] = ['operator', 'admin'];

const QUERY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.~-]{0,127}$/;

/** What the REST resources add to a query, from their path. */
const RESOURCE_PARAM: Readonly<Record<Exclude<ResourceList, 'eventTypes'>, string>> = {
  bizSteps: 'EQ_bizStep',
  dispositions: 'EQ_disposition',
  readPoints: 'EQ_readPoint',
  bizLocations: 'EQ_bizLocation',
};

/** Party URIs whose events the caller may see. */
const visible = (req: FastifyRequest): string[] => req.principal.visibleParties;

/** Named queries belong to the caller's organisation (the platform administrator has its own shelf). */
const ownerOf = (req: FastifyRequest): string => req.principal.org?.id ?? '';

function withoutPaging(params: QueryParams): QueryParams {
  return Object.fromEntries(Object.entries(params).filter(([k]) => !isPageParam(k)));
}

/** The request path with only the paging parameters: what the next link points to. */
function nextLink(req: FastifyRequest, token: string, perPage: number): string {
  const path = req.url.split('?')[0]!;
  return `<${path}?${new URLSearchParams({ nextPageToken: token, perPage: String(perPage) }).toString()}>; rel="next"`;
}

export const events: OrpaillePlugin = async (app, { orp }) => {
  const store = eventQueryStore(orp.db);
  const named = namedQueryStore(orp.db);

  /**
   * Answers one page of a query: the query string's parameters (or the page token's, or a named
   * query's), ANDed with what the resource path adds.
   */
  async function answer(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { path?: (prefixes: Record<string, string>) => EventQuery; stored?: { params: QueryParams; prefixes: Record<string, string> }; queryName?: string },
  ) {
    const raw = req.query as QueryParams;
    const sent = withoutPaging(raw);
    let params = opts.stored ? opts.stored.params : sent;
    let prefixes = opts.stored ? opts.stored.prefixes : extensionPrefixes(req.headers['gs1-extensions']);
    if (opts.stored && Object.keys(sent).length > 0) throw queryInvalid(Object.keys(sent)[0]!, 'a named query takes only perPage and nextPageToken');
    const pageOnly = parseEventQuery({ ...(raw['perPage'] ? { perPage: raw['perPage'] } : {}), ...(raw['nextPageToken'] ? { nextPageToken: raw['nextPageToken'] } : {}) });
    let after: { eventTime: number; seq: number } | undefined;
    let served = 0;
    if (pageOnly.nextPageToken !== undefined) {
      const token = decodePageToken(pageOnly.nextPageToken);
      if (!opts.stored && !sameParams(sent, token)) {
        throw queryInvalid('nextPageToken', 'nextPageToken belongs to another query; send it alone (with perPage) or with the same parameters');
      }
      params = token.params;
      prefixes = token.prefixes;
      after = token.after;
      served = token.served;
    }
    const parsed = parseEventQuery(params, prefixes);
    const query = opts.path ? andQueries(parsed.query, opts.path(prefixes)) : parsed.query;
    const perPage = perPageOf(pageOnly);
    const remaining = query.eventCountLimit === undefined ? Number.POSITIVE_INFINITY : query.eventCountLimit - served;
    const limit = Math.max(0, Math.min(perPage, remaining));
    const rows = await store.page(query, visible(req), limit + 1, after);
    if (opts.path && rows.length === 0 && after === undefined) {
      // A resource without a single event the caller may see answers like one that does not exist at all.
      const resource = opts.path(prefixes);
      if ((await store.page(resource, visible(req), 1)).length === 0) throw new OrpailleError('ORP_NOT_FOUND', 'no events of this resource', {});
    }
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    if (rows.length > limit && last && page.length < remaining) {
      const token = encodePageToken({ params: params as Record<string, string | string[]>, prefixes, after: { eventTime: last.eventTime, seq: last.seq }, served: served + page.length });
      reply.header('Link', nextLink(req, token, perPage));
    }
    return sendQueryDocument(req, reply, page, { queryName: opts.queryName ?? 'SimpleEventQuery', creationDate: orp.clock.now().toISOString() });
  }

  const eventsRoute = { querystring: anyParams, response: { 200: epcisDocumentSchema, ...errors } };

  app.get('/events', { schema: { summary: 'EPCIS events matching SimpleEventQuery parameters (EPCIS 2.0 REST binding)', ...eventsRoute } }, (req, reply) =>
    answer(req, reply, {}),
  );

  app.get<{ Querystring: { perPage?: string; nextPageToken?: string } }>(
    '/eventTypes',
    { schema: { summary: 'Event types of the events the caller may see', querystring: pageParams, response: { 200: collectionSchema, ...errors } } },
    async (req, reply) => resourceList(req, reply, 'eventTypes'),
  );

  app.get<{ Params: { value: string } }>(
    '/eventTypes/:value/events',
    { schema: { summary: 'Events of one type', params: valueParams, ...eventsRoute } },
    async (req, reply) => {
      if (!(EVENT_TYPES as readonly string[]).includes(req.params.value)) throw new OrpailleError('ORP_NOT_FOUND', `no event type ${req.params.value}`, { eventType: req.params.value });
      return answer(req, reply, { path: () => parseEventQuery({ eventType: req.params.value }).query });
    },
  );

  app.get<{ Params: { value: string } }>(
    '/epcs/:value/events',
    { schema: { summary: 'Events naming an identifier (instance or class, any role; EPC URN, Digital Link or pattern)', params: valueParams, ...eventsRoute } },
    async (req, reply) =>
      answer(req, reply, {
        path: () => {
          const q = parseEventQuery({ MATCH_anyEPC: req.params.value }).query;
          return { ...q, epcs: q.epcs.map((m) => ({ ...m, roles: ALL_EPC_ROLES })) };
        },
      }),
  );

  async function resourceList(req: FastifyRequest, reply: FastifyReply, list: ResourceList) {
    const q = req.query as { perPage?: string; nextPageToken?: string };
    const perPage = perPageOf(parseEventQuery(q.perPage ? { perPage: q.perPage } : {}));
    let after: string | undefined;
    if (q.nextPageToken !== undefined) {
      after = Buffer.from(q.nextPageToken, 'base64url').toString('utf8');
      if (after === '') throw queryInvalid('nextPageToken', 'nextPageToken is not a token this repository issued');
    }
    const values = await store.resourceValues(list, visible(req), perPage + 1, after);
    const page = values.slice(0, perPage);
    if (values.length > perPage) reply.header('Link', nextLink(req, Buffer.from(page.at(-1)!).toString('base64url'), perPage));
    return collection(reply, page);
  }

  for (const [list, param] of Object.entries(RESOURCE_PARAM) as [Exclude<ResourceList, 'eventTypes'>, string][]) {
    app.get(
      `/${list}`,
      { schema: { summary: `Values of ${param.slice(3)} in the events the caller may see`, querystring: pageParams, response: { 200: collectionSchema, ...errors } } },
      async (req, reply) => resourceList(req, reply, list),
    );
    app.get<{ Params: { value: string } }>(
      `/${list}/:value/events`,
      { schema: { summary: `Events with one ${param.slice(3)}`, params: valueParams, ...eventsRoute } },
      async (req, reply) => answer(req, reply, { path: () => parseEventQuery({ [param]: req.params.value }).query }),
    );
  }

  app.post<{ Body: { name: string; query: Record<string, string | number | (string | number)[]> } }>(
    '/queries',
    {
      schema: {
        summary: 'Saves a named query (its SimpleEventQuery parameters) for the organisation',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'query'],
          properties: {
            name: { type: 'string' },
            query: { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }] } },
          },
        },
        response: { 201: namedQuerySchema, 409: errorSchema, ...errors },
      },
    },
    async (req, reply) => {
      requireOrgRole(req, ...QUERY_WRITERS);
      const { name } = req.body;
      if (!QUERY_NAME.test(name)) throw new OrpailleError('ORP_BAD_INPUT', `a query name is 1-128 letters, digits, "_", ".", "~" or "-", starting with a letter or digit: "${name}"`, { name });
      const params: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.body.query)) params[k] = Array.isArray(v) ? v.map(String) : String(v);
      for (const k of Object.keys(params)) if (isPageParam(k)) throw queryInvalid(k, `${k} is a paging parameter, not part of a query`);
      const prefixes = extensionPrefixes(req.headers['gs1-extensions']);
      parseEventQuery(params, prefixes);
      const createdAt = orp.clock.now().getTime();
      if (!(await named.create(ownerOf(req), { name, params, prefixes, createdAt }))) {
        throw new OrpailleError('ORP_EPCIS_QUERY_EXISTS', `a query named ${name} exists already`, { name });
      }
      reply.status(201).header('Location', `/queries/${encodeURIComponent(name)}`);
      return { name, query: params, createdAt: new Date(createdAt).toISOString() };
    },
  );

  app.get(
    '/queries',
    { schema: { summary: "The organisation's named queries", response: { 200: { type: 'array', items: namedQuerySchema }, ...errors } } },
    async (req) => (await named.list(ownerOf(req))).map((q) => ({ name: q.name, query: q.params, createdAt: new Date(q.createdAt).toISOString() })),
  );

  async function namedQuery(req: FastifyRequest, name: string) {
    const q = await named.get(ownerOf(req), name);
    if (!q) throw new OrpailleError('ORP_NOT_FOUND', `no query named ${name}`, { name });
    return q;
  }

  app.get<{ Params: { queryName: string } }>(
    '/queries/:queryName',
    { schema: { summary: 'A named query', params: nameParams, response: { 200: namedQuerySchema, ...errors } } },
    async (req) => {
      const q = await namedQuery(req, req.params.queryName);
      return { name: q.name, query: q.params, createdAt: new Date(q.createdAt).toISOString() };
    },
  );

  app.delete<{ Params: { queryName: string } }>(
    '/queries/:queryName',
    { schema: { summary: 'Deletes a named query', params: nameParams, response: { 204: { type: 'null' }, ...errors } } },
    async (req, reply) => {
      requireOrgRole(req, ...QUERY_WRITERS);
      if (!(await named.remove(ownerOf(req), req.params.queryName))) throw new OrpailleError('ORP_NOT_FOUND', `no query named ${req.params.queryName}`, { name: req.params.queryName });
      // A deleted query takes its subscriptions with it (EPCIS 2.0: deleting a named query ends its subscriptions).
      await orp.subscriptions.unsubscribeQuery(ownerOf(req), req.params.queryName);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { queryName: string } }>(
    '/queries/:queryName/events',
    { schema: { summary: 'The events of a named query', params: nameParams, querystring: pageParams, response: { 200: epcisDocumentSchema, ...errors } } },
    async (req, reply) => {
      const q = await namedQuery(req, req.params.queryName);
      return answer(req, reply, { stored: { params: q.params, prefixes: q.prefixes }, queryName: q.name });
    },
  );
};

