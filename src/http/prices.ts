import type { FastifyRequest } from 'fastify';
import { WRITER_ROLES } from '../access/index.js';
import { ASSAY_EXCHANGE_METHODS, ASSAY_ROLES, CHARGE_KINDS, METALS, PRICE_SCHEMES, type AssayExchange, type Charge, type Metal, type SettlementStatement } from '../certification/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import {
  createSettlement,
  importPrices,
  openExchange,
  quote,
  reconcileExchange,
  recordAssay,
  requireExchange,
  showPrices,
  type Actor,
  type AssayArgs,
  type QuoteArgs,
  type SettlementArgs,
} from '../pricing/index.js';
import { requireOrgRole, requireRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { acceptUtf8Csv } from './csv-body.js';
import { visibleLot } from './lots.js';
import { errorSchema, idParams } from './schemas.js';

const denials = { 401: errorSchema, 403: errorSchema };
const inputDenials = { 400: errorSchema, 422: errorSchema, ...denials };
const writers = { roles: [...WRITER_ROLES] };
const decimal = (description: string) => ({ type: 'string', pattern: '^\\d+(\\.\\d+)?$', description }) as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO 8601 date' } as const;
/** A document answered as computed: its fields are described in docs/certification.md. */
const documentSchema = (required: string[], summary: string) => ({ type: 'object', additionalProperties: true, required, description: summary }) as const;

const ruleRefSchema = {
  type: 'object',
  required: ['rule', 'key', 'effectiveFrom', 'source', 'confidence'],
  properties: { rule: { type: 'string' }, key: { type: 'string' }, effectiveFrom: { type: 'string' }, effectiveTo: { type: 'string' }, source: { type: 'string' }, confidence: { type: 'string' } },
} as const;
const appliedPriceSchema = {
  type: 'object',
  required: ['kind', 'date', 'value', 'currency', 'source'],
  properties: {
    metal: { type: 'string' },
    requestedDate: { type: 'string' },
    kind: { type: 'string', enum: ['pm_fixing', 'am_fixing', 'earlier_fixing', 'monthly_average', 'given'] },
    date: { type: 'string' },
    fixing: { type: 'string' },
    value: { type: 'string' },
    currency: { type: 'string' },
    source: { type: 'string' },
    rule: ruleRefSchema,
  },
} as const;
const priceRowSchema = {
  type: 'object',
  required: ['metal', 'kind', 'date', 'currency', 'source'],
  properties: { metal: { type: 'string' }, kind: { type: 'string' }, date: { type: 'string' }, am: { type: 'string' }, pm: { type: 'string' }, average: { type: 'string' }, currency: { type: 'string' }, source: { type: 'string' } },
} as const;
const quoteSchema = {
  type: 'object',
  required: ['scheme', 'metal', 'date', 'grossGrams', 'fineness', 'fineGrams', 'fineTroyOunces', 'currency', 'benchmarkUsdPerOz', 'benchmarkValue', 'minimumPrice', 'premium', 'rules', 'rounding', 'price'],
  properties: {
    scheme: { type: 'string' },
    metal: { type: 'string' },
    date: { type: 'string' },
    grossGrams: { type: 'string' },
    fineness: { type: 'string' },
    fineMg: { type: 'integer' },
    fineGrams: { type: 'string' },
    fineTroyOunces: { type: 'string' },
    currency: { type: 'string' },
    benchmarkUsdPerOz: { type: 'string' },
    benchmarkValue: { type: 'string' },
    minimumPrice: { type: 'string', description: 'USD, two decimals' },
    premium: { type: 'string', description: 'USD, two decimals' },
    rules: { type: 'object', required: ['minimumPrice', 'premium'], properties: { minimumPrice: ruleRefSchema, premium: ruleRefSchema } },
    rounding: { type: 'string' },
    price: appliedPriceSchema,
  },
} as const;
const exchangeSchema = {
  type: 'object',
  required: ['id', 'lot', 'metal', 'seller', 'buyer', 'org', 'createdAt', 'results'],
  properties: {
    id: { type: 'string' },
    lot: { type: 'string' },
    metal: { type: 'string' },
    seller: { type: 'string' },
    buyer: { type: 'string' },
    org: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'method', 'lab', 'sampleIds', 'fineness', 'date'],
        properties: { role: { type: 'string' }, method: { type: 'string' }, lab: { type: 'string' }, sampleIds: { type: 'array', items: { type: 'string' } }, fineness: { type: 'integer', description: 'tenths of per-mille' }, date: { type: 'string' } },
      },
    },
    reconciliation: documentSchema(['status', 'at'], 'status final (basis, fineness in tenths of per-mille), umpire_needed or incomplete; difference and splitting limit; rule versions; warnings'),
  },
} as const;
const statementSchema = documentSchema(['id', 'lot', 'seller', 'buyer', 'pricingDate', 'input', 'result', 'rules', 'createdAt', 'org'], 'a settlement statement: every input, the result and the rule versions used');

const chargeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { type: 'string', enum: [...CHARGE_KINDS] }, description: { type: 'string', maxLength: 200 }, amount: decimal('flat amount, USD'), perPayableTroyOunce: decimal('USD per payable troy ounce') },
  oneOf: [{ required: ['amount'] }, { required: ['perPayableTroyOunce'] }],
} as const;

/** The acting organisation of a write: the caller's, with operator or admin role. */
function actorOf(req: FastifyRequest): Actor {
  return { org: requireOrgRole(req, ...WRITER_ROLES), by: req.principal.id };
}

/** An exchange or statement is seen by its seller and buyer (and organisations they granted access); others get 404. */
function visibleTo(req: FastifyRequest, x: { seller: string; buyer: string }, what: string, id: string): void {
  const parties = req.principal.visibleParties;
  if (!parties.includes(x.seller) && !parties.includes(x.buyer)) throw new OrpailleError('ORP_NOT_FOUND', `no ${what} ${id}`, { id });
}

async function visibleExchange(orp: Orpaille, req: FastifyRequest<{ Params: { id: string } }>): Promise<AssayExchange> {
  const x = await orp.assays.get(req.params.id);
  if (!x) throw new OrpailleError('ORP_NOT_FOUND', `no assay exchange ${req.params.id}`, { id: req.params.id });
  visibleTo(req, x, 'assay exchange', req.params.id);
  return x;
}

/**
 * Benchmark prices, price quotes, assay exchanges and settlement statements (docs/certification.md).
 * Prices are reference data every caller reads; only the platform administrator imports them, since
 * every organisation's quotes and statements depend on them.
 */
export const prices: OrpaillePlugin = async (app, { orp }) => {
  acceptUtf8Csv(app, 'price file');

  for (const metal of METALS) {
    app.get<{ Querystring: { date?: string } }>(
      `/prices/${metal}`,
      {
        schema: {
          summary: `The ${metal} benchmark price that applies on a date (which price, which date), with that day's and month's prices`,
          querystring: { type: 'object', additionalProperties: false, properties: { date: { ...date, description: 'default today' } } },
          response: {
            200: { type: 'object', required: ['metal', 'date', 'applies', 'rows'], properties: { metal: { type: 'string' }, date: { type: 'string' }, applies: { anyOf: [appliedPriceSchema, { type: 'null' }] }, rows: { type: 'array', items: priceRowSchema } } },
            400: errorSchema,
            ...denials,
          },
        },
      },
      async (req) => showPrices(orp, metal as Metal, req.query.date ?? orp.clock.now().toISOString().slice(0, 10)),
    );
  }

  app.post<{ Querystring: { metal: Metal; currency: string; source?: string; name: string }; Body: string }>(
    '/prices/import',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Import benchmark prices: LBMA daily CSV (date, AM, PM) or a monthly series (Date, Price). Platform administrator only; nothing is written if a line is bad',
        consumes: ['text/csv'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            metal: { type: 'string', enum: [...METALS], default: 'gold' },
            currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'USD' },
            source: { type: 'string', maxLength: 300, description: 'where the prices come from, stored with each' },
            name: { type: 'string', maxLength: 200, default: 'upload.csv', description: 'file name used in messages' },
          },
        },
        body: { type: 'string', description: 'the CSV file (text/csv, UTF-8)' },
        response: {
          200: { type: 'object', required: ['file', 'format', 'rows', 'added', 'updated', 'unchanged'], properties: { file: { type: 'string' }, format: { type: 'string' }, rows: { type: 'integer' }, added: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' } } },
          ...inputDenials,
        },
      },
    },
    async (req) => {
      requireRole(req, 'admin');
      if (!req.principal.platformAdmin) throw new OrpailleError('ORP_FORBIDDEN', 'benchmark prices are shared by every organisation: only the platform administrator imports them', {});
      const q = req.query;
      const r = await importPrices(orp, req.body, q.name, { metal: q.metal, currency: q.currency, ...(q.source ? { source: q.source } : {}) });
      if (r.problems.length > 0) throw new OrpailleError('ORP_IMPORT_INVALID', `${q.name}: nothing was written; ${r.problems.length} bad lines`, { problems: r.problems });
      return r;
    },
  );

  app.post<{ Body: QuoteArgs }>(
    '/prices/quote',
    {
      schema: {
        summary: 'Fine grams, minimum price and premium due (USD) under the rules in force on the date; without a benchmark price, the imported one of the date',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['scheme', 'grams', 'fineness'],
          properties: {
            scheme: { type: 'string', enum: [...PRICE_SCHEMES] },
            metal: { type: 'string', enum: [...METALS], default: 'gold' },
            grams: decimal('gross grams'),
            fineness: decimal('per-mille (850.0)'),
            benchmarkUsdPerOz: decimal('USD per troy ounce'),
            date: { ...date, description: 'purchase date (default today)' },
          },
        },
        response: { 200: quoteSchema, ...inputDenials },
      },
    },
    async (req) => quote(orp, req.body),
  );

  app.post<{ Body: { lot: string; seller: string; buyer: string; metal?: string } }>(
    '/assays',
    {
      config: writers,
      schema: {
        summary: 'Open an assay exchange for a delivery lot the caller sees; the caller is its seller or buyer',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['lot', 'seller', 'buyer'],
          properties: { lot: { type: 'string' }, seller: { type: 'string', description: 'organisation id or URI' }, buyer: { type: 'string' }, metal: { type: 'string', enum: [...METALS] } },
        },
        response: { 201: exchangeSchema, 404: errorSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const lot = await visibleLot(orp, req, req.body.lot);
      return reply.status(201).send(await openExchange(orp, actor, { ...req.body, lot: lot.lot }));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/assays/:id',
    { schema: { summary: 'An assay exchange with its assays and last reconciliation', params: idParams, response: { 200: exchangeSchema, 404: errorSchema, ...denials } } },
    async (req) => visibleExchange(orp, req),
  );

  app.post<{ Params: { id: string }; Body: AssayArgs }>(
    '/assays/:id/results',
    {
      config: writers,
      schema: {
        summary: "Record the seller's (by the seller), buyer's (by the buyer) or umpire's (by either) assay; never overwritten",
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['role', 'method', 'lab', 'sampleIds', 'fineness'],
          properties: {
            role: { type: 'string', enum: [...ASSAY_ROLES] },
            method: { type: 'string', enum: [...ASSAY_EXCHANGE_METHODS] },
            lab: { type: 'string', minLength: 1, maxLength: 200 },
            sampleIds: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
            fineness: decimal('per-mille (913.4)'),
            date: { ...date, description: 'assay date (default today)' },
          },
        },
        response: { 200: exchangeSchema, 404: errorSchema, 409: errorSchema, ...inputDenials },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await visibleExchange(orp, req);
      return recordAssay(orp, actor, req.params.id, req.body);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/assays/:id/reconcile',
    {
      config: writers,
      schema: { summary: 'Final assay: the mean within the splitting limit, else per the umpire rule; stored on the exchange', params: idParams, response: { 200: exchangeSchema, 404: errorSchema, ...inputDenials } },
    },
    async (req) => {
      actorOf(req);
      await visibleExchange(orp, req);
      return reconcileExchange(orp, req.params.id);
    },
  );

  app.post<{ Body: Omit<SettlementArgs, 'charges'> & { charges?: Charge[] } }>(
    '/settlements',
    {
      config: writers,
      schema: {
        summary: 'Compute and store the settlement statement of a delivery lot the caller sees; the caller is its seller or buyer',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['lot', 'seller', 'buyer', 'netMeltGrams', 'payablePercent', 'pricingDate'],
          properties: {
            lot: { type: 'string' },
            seller: { type: 'string' },
            buyer: { type: 'string' },
            netMeltGrams: decimal('net melt mass, grams'),
            fineness: decimal('final assay, per-mille'),
            assayExchange: { type: 'string', description: 'take the final assay of this reconciled exchange' },
            payablePercent: decimal('payable share of the fine gold, percent'),
            pricingDate: date,
            benchmarkUsdPerOz: decimal('agreed gold price; default the imported price of the pricing date'),
            charges: { type: 'array', maxItems: 50, items: chargeSchema },
            silverCredit: {
              type: 'object',
              additionalProperties: false,
              required: ['fineness', 'payablePercent'],
              properties: { fineness: decimal('silver content, per-mille'), payablePercent: decimal('percent'), benchmarkUsdPerOz: decimal('silver price; default the imported one') },
            },
          },
        },
        response: { 201: statementSchema, 404: errorSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const lot = await visibleLot(orp, req, req.body.lot);
      return reply.status(201).send(await createSettlement(orp, actor, { ...req.body, lot: lot.lot }));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/settlements/:id',
    { schema: { summary: 'A settlement statement (seller, buyer and those they granted access)', params: idParams, response: { 200: statementSchema, 404: errorSchema, ...denials } } },
    async (req): Promise<SettlementStatement> => {
      const s = await orp.settlements.get(req.params.id);
      if (!s) throw new OrpailleError('ORP_NOT_FOUND', `no settlement ${req.params.id}`, { id: req.params.id });
      visibleTo(req, s, 'settlement', req.params.id);
      return s;
    },
  );
};
