/** JSON schemas of the premium ledger and contract routes (the shapes of src/premiums/view.ts). */

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const money = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', description: 'USD' } as const;
const grams = { type: 'string', pattern: '^-?\\d+\\.\\d{3}$' } as const;
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const ruleRefSchema = {
  type: 'object',
  required: ['rule', 'key', 'effectiveFrom', 'source', 'confidence'],
  properties: { rule: str, key: str, effectiveFrom: str, effectiveTo: str, source: str, confidence: str },
} as const;

export const fxSchema = {
  type: 'object',
  required: ['currency', 'date', 'usdPerUnit', 'source'],
  properties: { currency: str, date: str, usdPerUnit: str, source: str },
} as const;

const benchmarkSchema = {
  type: 'object',
  description: 'the benchmark price that applied on the purchase date: which price, which date',
  required: ['metal', 'requestedDate', 'kind', 'date', 'value', 'currency', 'source'],
  properties: { metal: str, requestedDate: str, kind: str, date: str, fixing: str, value: str, currency: str, source: str, rule: ruleRefSchema },
} as const;

export const dueSchema = {
  type: 'object',
  required: ['eventId', 'purchaseNumber', 'date', 'producer', 'buyer', 'seller', 'status', 'fineGrams', 'price', 'belowMinimum', 'policy', 'schemes'],
  properties: {
    eventId: str,
    purchaseNumber: str,
    eventTime: str,
    date: str,
    producer: str,
    buyer: str,
    seller: str,
    status: { type: 'string', enum: ['evaluated', 'not_evaluated'] },
    reason: str,
    fineGrams: grams,
    price: { type: 'object', required: ['amount', 'currency'], properties: { amount: str, currency: str } },
    currency: str,
    paid: money,
    minimumDue: money,
    premiumDue: money,
    belowMinimum: bool,
    policy: { type: 'string', enum: ['reject', 'flag'] },
    benchmark: benchmarkSchema,
    fx: fxSchema,
    schemes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['scheme', 'lots', 'fineGrams'],
        properties: {
          scheme: str,
          lots: { type: 'array', items: str },
          fineGrams: grams,
          minimumDue: money,
          premiumDue: money,
          rules: { type: 'object', properties: { minimumPrice: ruleRefSchema, premium: ruleRefSchema } },
        },
      },
    },
  },
} as const;

export const paymentSchema = {
  type: 'object',
  required: ['id', 'producer', 'payer', 'reference', 'paidOn', 'method', 'amount', 'currency', 'usd'],
  properties: { id: str, producer: str, payer: str, reference: str, paidOn: str, method: str, amount: str, currency: str, usd: money, fx: fxSchema, recordedBy: str },
} as const;

export const planSchema = {
  type: 'object',
  required: ['id', 'producer', 'scheme', 'from', 'to', 'decidedOn', 'decidedBy'],
  properties: { id: str, producer: str, scheme: str, from: str, to: str, decidedOn: str, decidedBy: str, minutes: str },
} as const;

export const projectSchema = {
  type: 'object',
  required: ['id', 'plan', 'name', 'budget', 'from', 'to', 'decidedOn'],
  properties: { id: str, plan: str, name: str, budget: money, from: str, to: str, decidedOn: str },
} as const;

export const spendingSchema = {
  type: 'object',
  required: ['id', 'project', 'spentOn', 'amount', 'currency', 'usd', 'description', 'receipts'],
  properties: { id: str, project: str, spentOn: str, amount: str, currency: str, usd: money, fx: fxSchema, description: str, receipts: { type: 'array', items: str }, recordedBy: str },
} as const;

export const statementSchema = {
  type: 'object',
  required: ['producer', 'view', 'currency', 'due', 'paid', 'outstanding', 'buyers', 'dues', 'payments', 'findings', 'plans'],
  properties: {
    producer: str,
    view: { type: 'string', enum: ['producer', 'buyer'] },
    currency: str,
    due: money,
    paid: money,
    outstanding: money,
    buyers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['buyer', 'purchases', 'notEvaluated', 'due', 'paid', 'outstanding'],
        properties: { buyer: str, purchases: int, notEvaluated: int, due: money, paid: money, outstanding: money },
      },
    },
    dues: { type: 'array', items: dueSchema },
    payments: { type: 'array', items: paymentSchema },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'eventId', 'purchaseNumber', 'date', 'buyer'],
        properties: { kind: { type: 'string', enum: ['below_minimum', 'not_evaluated'] }, eventId: str, purchaseNumber: str, date: str, buyer: str, minimumDue: money, paid: money, reason: str },
      },
    },
    plans: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...planSchema.properties,
          projects: {
            type: 'array',
            items: { type: 'object', properties: { ...projectSchema.properties, spent: money, remaining: money, spending: { type: 'array', items: spendingSchema } } },
          },
        },
      },
    },
    investment: { type: 'object', required: ['received', 'spent', 'unspent'], properties: { received: money, spent: money, unspent: money } },
  },
} as const;

const rateInput = { type: 'object', additionalProperties: false, required: ['percent'], properties: { percent: str, source: str } } as const;

export const contractInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reference', 'buyer', 'seller', 'scheme', 'startsOn'],
  properties: {
    reference: { type: 'string', minLength: 1, maxLength: 200 },
    buyer: { type: 'string', description: 'organisation id or URI (the caller is the buyer or the seller)' },
    seller: { type: 'string', description: 'organisation id or URI' },
    scheme: { type: 'string', enum: ['fairtrade', 'fairtrade-eco', 'fairmined', 'fairmined-eco'] },
    startsOn: date,
    trialConsignments: { type: 'integer', minimum: 0, description: "default: the scheme's limit (Fairmined: 4)" },
    prefinance: { type: 'string', description: 'USD' },
    inventoryFinancing: { type: 'string', description: 'USD' },
    financingCostPercent: { type: 'string', description: 'yearly cost of the financing, percent' },
    costComponents: {
      type: 'object',
      additionalProperties: rateInput,
      description: 'components of the cost cap by the names the rule uses (bank_lending_rate, credit_insurance), percent a year',
    },
  },
} as const;

const contractProperties = {
  id: str,
  reference: str,
  buyer: str,
  seller: str,
  scheme: str,
  startsOn: str,
  trialConsignments: int,
  trialEndedOn: str,
  prefinance: money,
  inventoryFinancing: money,
  currency: str,
  financingCostPercent: str,
  costComponents: { type: 'object', additionalProperties: { type: 'object', properties: { percent: str, source: str } } },
  costCap: { type: 'object', properties: { percent: str, marginPercent: str, rule: ruleRefSchema } },
  trialRule: ruleRefSchema,
} as const;

export const contractSchema = {
  type: 'object',
  required: ['id', 'reference', 'buyer', 'seller', 'scheme', 'startsOn', 'trialConsignments', 'prefinance', 'inventoryFinancing', 'financingCostPercent'],
  properties: contractProperties,
} as const;

export const deliverySchema = {
  type: 'object',
  required: ['id', 'deliveredOn', 'fineGrams', 'value', 'trial', 'repaid'],
  properties: { id: str, deliveredOn: str, fineGrams: grams, value: money, trial: bool, repaid: money, purchaseNumber: str },
} as const;

export const failedDeliverySchema = {
  type: 'object',
  required: ['id', 'reportedOn', 'reason', 'shortGrams'],
  properties: { id: str, reportedOn: str, reason: str, shortGrams: grams },
} as const;

export const contractStatementSchema = {
  type: 'object',
  required: [...contractSchema.required, 'trialConsignmentsUsed', 'prefinanceRepaid', 'prefinanceOutstanding', 'deliveries', 'failedDeliveries'],
  properties: {
    ...contractProperties,
    trialConsignmentsUsed: int,
    prefinanceRepaid: money,
    prefinanceOutstanding: money,
    deliveredFineGrams: grams,
    deliveredValue: money,
    shortGrams: grams,
    deliveries: { type: 'array', items: deliverySchema },
    failedDeliveries: { type: 'array', items: failedDeliverySchema },
  },
} as const;
