import type { FastifyRequest } from 'fastify';
import { changeRisk, craftView, requireParty, reviewCraftAssessment, submitCraft, kycStanding, listRisks, recordIndicators, recordKyc, recordRisk, requireMineSite, riskView, siteIndicatorSeries, type IndicatorInput, type KycInput, type RiskInput } from '../assessor/index.js';
import { craftQuestionnaireOn, RISK_CATALOGUES, riskCatalogueOn, type CraftAnswer, type CraftAssessment, type RiskEntry } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import {
  craftQuestionnaireSchema,
  craftReviewSchema,
  craftSchema,
  newCraftSchema,
  indicatorSeriesSchema,
  indicatorsSchema,
  kycRecordSchema,
  kycStandingSchema,
  newIndicatorsSchema,
  newKycSchema,
  newRiskSchema,
  riskChangeSchema,
  riskEntrySchema,
  riskModelSchema,
} from './assessments-schemas.js';
import { requireOrgRole } from './auth.js';
import { decisionRecordedSchema } from './gating-schemas.js';
import type { OrpaillePlugin } from './context.js';
import { visibleSite } from './lots.js';
import { errorSchema, idParams } from './schemas.js';

const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };
const inputDenials = { 400: errorSchema, 409: errorSchema, 422: errorSchema, ...denials };

/** The organisations whose diligence records the caller reads: its own and its grantors'; all for the platform admin. */
function readers(req: FastifyRequest): string[] | undefined {
  return req.principal.platformAdmin ? undefined : req.principal.visibleParties;
}

/** A register entry the caller may read; others answer 404. */
async function visibleRisk(orp: Orpaille, req: FastifyRequest, id: string): Promise<RiskEntry> {
  const e = await orp.risks.risk(id);
  const owners = readers(req);
  if (!e || (owners !== undefined && !owners.includes(e.owner))) throw new OrpailleError('ORP_NOT_FOUND', `no risk entry ${id}`, { id });
  return e;
}

/** A CRAFT assessment the caller (or a grantor) is producer or buyer of; others answer 404. */
async function visibleCraft(orp: Orpaille, req: FastifyRequest, id: string): Promise<CraftAssessment> {
  const a = await orp.crafts.craft(id);
  const parties = readers(req);
  if (!a || (parties !== undefined && !parties.includes(a.producer) && !parties.includes(a.buyer))) throw new OrpailleError('ORP_NOT_FOUND', `no CRAFT assessment ${id}`, { id });
  return a;
}

/** A mine site the caller may see (see lots' `visibleSite`); the platform admin sees every site. */
async function readableSite(orp: Orpaille, req: FastifyRequest, id: string) {
  if (!req.principal.platformAdmin) return visibleSite(orp, req, id);
  return requireMineSite(orp, id).catch(() => {
    throw new OrpailleError('ORP_NOT_FOUND', `no site ${id}`, { site: id });
  });
}

/**
 * Due diligence assessments: the risk model, the risk register per supplier and site, supplier KYC and
 * mercury/ESG site indicators, CRAFT assessments. Records belong to the caller's organisation; grantors' records are read too.
 */
export const assessments: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Querystring: { date?: string } }>(
    '/diligence/risk-model',
    {
      schema: {
        summary: 'The risk model in force on a date: OECD Annex II, Minamata Annex C and ESG risks with their response class',
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } },
        response: { 200: riskModelSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    async (req) => riskCatalogueOn(req.query.date ?? orp.clock.now().toISOString(), RISK_CATALOGUES),
  );

  app.get<{ Querystring: { date?: string } }>(
    '/diligence/craft-questionnaire',
    {
      schema: {
        summary: 'The CRAFT questionnaire in force on a date (default today): its criteria by module and topic, as a self-assessment answers them',
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } },
        response: { 200: craftQuestionnaireSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    // Shared reference data like the risk model: any authenticated caller reads it.
    async (req) => craftQuestionnaireOn(req.query.date ?? orp.clock.now().toISOString()),
  );

  app.get<{ Querystring: { supplier?: string; site?: string; risk?: string; status?: string } }>(
    '/diligence/risks',
    {
      schema: {
        summary: "Risk register entries of the caller's organisation (and its grantors')",
        querystring: { type: 'object', additionalProperties: false, properties: { supplier: { type: 'string' }, site: { type: 'string' }, risk: { type: 'string' }, status: { type: 'string' } } },
        response: { 200: { type: 'object', required: ['risks'], properties: { risks: { type: 'array', items: riskEntrySchema } } }, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const owners = readers(req);
      return { risks: await listRisks(orp, { ...req.query, ...(owners ? { owners } : {}) }) };
    },
  );

  app.post<{ Body: Omit<RiskInput, 'owner'> }>(
    '/diligence/risks',
    {
      config: { roles: ['admin', 'operator'] },
      schema: { summary: "Record a risk found at a supplier or a mine site in the caller's register", body: newRiskSchema, response: { 201: riskEntrySchema, ...inputDenials } },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, 'admin', 'operator');
      return reply.status(201).send(riskView(await recordRisk(orp, { ...req.body, owner: org.uri })));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/diligence/risks/:id',
    { schema: { summary: 'A register entry with its evidence and status history', params: idParams, response: { 200: riskEntrySchema, ...denials } } },
    async (req) => riskView(await visibleRisk(orp, req, req.params.id)),
  );

  app.post<{ Params: { id: string }; Body: { status: string; on?: string; by: string; reason?: string } }>(
    '/diligence/risks/:id/status',
    {
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: "Change an entry's status with who and why; the answer says when the change calls for immediate disengagement, and the automatic suspension it made",
        params: idParams,
        body: riskChangeSchema,
        response: { 200: { type: 'object', required: ['entry', 'immediateDisengagement'], properties: { entry: riskEntrySchema, immediateDisengagement: { type: 'boolean' }, suspension: decisionRecordedSchema } }, ...inputDenials },
      },
    },
    async (req) => {
      const e = await visibleRisk(orp, req, req.params.id);
      const org = requireOrgRole(req, 'admin', 'operator');
      if (org.uri !== e.owner) throw new OrpailleError('ORP_FORBIDDEN', `only ${e.owner}'s members change its register`, { id: e.id });
      return changeRisk(orp, e.id, req.body);
    },
  );

  app.post<{ Body: Omit<KycInput, 'owner'> }>(
    '/diligence/kyc',
    {
      config: { roles: ['admin', 'operator'] },
      schema: { summary: 'Record a beneficial owner, licence or reviewed watchlist hit of a supplier', body: newKycSchema, response: { 201: kycRecordSchema, ...inputDenials } },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, 'admin', 'operator');
      return reply.status(201).send(await recordKyc(orp, { ...req.body, owner: org.uri } as KycInput));
    },
  );

  app.get<{ Params: { id: string }; Querystring: { date?: string; supply?: string } }>(
    '/diligence/kyc/:id',
    {
      schema: {
        summary: "A supplier's KYC file as kept by the caller's organisation, and its gaps on a date (supply mined or recycled sets the owner threshold)",
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string' }, supply: { type: 'string', enum: ['mined', 'recycled'] } } },
        response: { 200: kycStandingSchema, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const owners = readers(req);
      const supplier = await orp.registry.organisation(req.params.id);
      if (!supplier) throw new OrpailleError('ORP_NOT_FOUND', `no supplier ${req.params.id}`, { id: req.params.id });
      const k = await kycStanding(orp, { supplier: supplier.uri, ...(owners ? { owners } : {}), ...req.query });
      // A supplier the caller keeps no record of is not one of its suppliers: 404 as for any other organisation's data.
      if (owners !== undefined && k.records.length === 0 && !owners.includes(supplier.uri)) throw new OrpailleError('ORP_NOT_FOUND', `no supplier ${req.params.id}`, { id: req.params.id });
      return k;
    },
  );

  app.post<{ Params: { id: string }; Body: Omit<IndicatorInput, 'owner' | 'site'> }>(
    '/diligence/sites/:id/indicators',
    {
      config: { roles: ['admin', 'operator'] },
      schema: { summary: "Record a period's mercury and ESG indicators of a mine site", params: idParams, body: newIndicatorsSchema, response: { 201: indicatorsSchema, ...inputDenials } },
    },
    async (req, reply) => {
      const site = await readableSite(orp, req, req.params.id);
      const org = requireOrgRole(req, 'admin', 'operator');
      return reply.status(201).send(await recordIndicators(orp, { ...req.body, owner: org.uri, site: site.uri }));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/diligence/sites/:id/indicators',
    { schema: { summary: "A mine site's indicators over time with its Hg:Au ratio and trend", params: idParams, response: { 200: indicatorSeriesSchema, ...denials } } },
    async (req) => {
      const site = await readableSite(orp, req, req.params.id);
      return siteIndicatorSeries(orp, site.uri, readers(req));
    },
  );

  app.get<{ Querystring: { producer?: string } }>(
    '/diligence/craft',
    {
      schema: {
        summary: 'CRAFT assessments the caller is producer or buyer of (or its grantors are), with results per risk and progress',
        querystring: { type: 'object', additionalProperties: false, properties: { producer: { type: 'string' } } },
        response: { 200: { type: 'object', required: ['assessments'], properties: { assessments: { type: 'array', items: craftSchema } } }, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const parties = readers(req);
      const producer = req.query.producer ? (await requireParty(orp, req.query.producer, 'producer')).uri : undefined;
      const list = await orp.crafts.crafts({ ...(producer ? { producer } : {}), ...(parties ? { parties } : {}) });
      return { assessments: list.map(craftView) };
    },
  );

  app.post<{ Body: { id?: string; buyer: string; assessedOn?: string; submittedBy: string; answers: CraftAnswer[] } }>(
    '/diligence/craft',
    {
      config: { roles: ['admin', 'operator'] },
      schema: { summary: "Submit the caller's (the producer's) CRAFT self-assessment to a buyer", body: newCraftSchema, response: { 201: craftSchema, ...inputDenials } },
    },
    async (req, reply) => {
      const org = requireOrgRole(req, 'admin', 'operator');
      return reply.status(201).send(await submitCraft(orp, { ...req.body, producer: org.uri }));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/diligence/craft/:id',
    { schema: { summary: 'A CRAFT assessment with its result per risk', params: idParams, response: { 200: craftSchema, ...denials } } },
    async (req) => craftView(await visibleCraft(orp, req, req.params.id)),
  );

  app.post<{ Params: { id: string }; Body: { reviewedOn?: string; reviewedBy: string; answers: CraftAnswer[] } }>(
    '/diligence/craft/:id/review',
    {
      config: { roles: ['admin', 'operator'] },
      schema: { summary: "The buyer's review of a self-assessment: its own answers to the criteria it verified; once", params: idParams, body: craftReviewSchema, response: { 200: craftSchema, ...inputDenials } },
    },
    async (req) => {
      const a = await visibleCraft(orp, req, req.params.id);
      const org = requireOrgRole(req, 'admin', 'operator');
      if (org.uri !== a.buyer) throw new OrpailleError('ORP_FORBIDDEN', `only the buyer ${a.buyer} reviews ${a.id}`, { id: a.id });
      return reviewCraftAssessment(orp, a.id, req.body);
    },
  );
};
