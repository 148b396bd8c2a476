import type { FastifyRequest } from 'fastify';
import { verifyCredential, type Authorisation } from '../certification/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import {
  addAuthorisation,
  authorisationView,
  changeAuthorisationStatus,
  listAuthorisations,
  mayInspect,
  recordInspection,
  siteStatus,
  type AuthorisationInput,
  type InspectionInput,
} from '../registrar/index.js';
import { requireRole } from './auth.js';
import {
  authorisationSchema,
  credentialSchema,
  credentialVerdictSchema,
  inspectionSchema,
  newAuthorisationSchema,
  newInspectionSchema,
  siteStatusSchema,
  statusChangeSchema,
} from './certification-schemas.js';
import type { OrpaillePlugin } from './context.js';
import { siteVisible } from './lots.js';
import { errorSchema, idParams } from './schemas.js';

const denials = { 401: errorSchema, 403: errorSchema, 404: errorSchema };
const inputDenials = { 400: errorSchema, 409: errorSchema, 422: errorSchema, ...denials };

/**
 * An authorisation the caller may read: the platform admin reads all; an organisation reads those it
 * holds or issued, and those of organisations that granted it access (auditors). Others answer 404.
 */
async function visibleAuthorisation(orp: Orpaille, req: FastifyRequest, id: string): Promise<Authorisation> {
  const a = await orp.certification.get(id);
  const parties = req.principal.visibleParties;
  if (!a || !(req.principal.platformAdmin || parties.includes(a.holder) || parties.includes(a.issuer))) {
    throw new OrpailleError('ORP_NOT_FOUND', `no certificate ${id}`, { id });
  }
  return a;
}

/** Changes are made by the issuer's admins or the platform admin; a reader who is neither gets 403. */
function requireIssuerAdmin(req: FastifyRequest, a: Authorisation): void {
  requireRole(req, 'admin');
  if (!req.principal.platformAdmin && req.principal.org?.uri !== a.issuer) {
    throw new OrpailleError('ORP_FORBIDDEN', `only the issuer's admins change ${a.id}`, { id: a.id });
  }
}

/** The site for an inspection route: visible to the caller, or any site for an inspecting organisation. */
async function inspectableSite(orp: Orpaille, req: FastifyRequest, id: string) {
  const site = (await orp.registry.sites()).find((s) => s.id === id || s.uri === id || s.icglrId === id);
  const org = req.principal.org ? await orp.registry.organisation(req.principal.org.id) : undefined;
  const inspector = req.principal.platformAdmin || (org !== undefined && mayInspect(org));
  if (!site || !(inspector || (await siteVisible(orp, req, site)))) throw new OrpailleError('ORP_NOT_FOUND', `no site ${id}`, { site: id });
  return { site, inspector };
}

/** The certification registry: certificates, permits, licences and listings, their credentials, ICGLR inspections. */
export const certification: OrpaillePlugin = async (app, { orp }) => {
  const today = () => orp.clock.now().toISOString();

  app.get<{ Querystring: { holder?: string; issuer?: string; kind?: string; scheme?: string; site?: string } }>(
    '/certificates',
    {
      schema: {
        summary: 'Certificates, permits, licences and listings the caller may read, with their standing today',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { holder: { type: 'string' }, issuer: { type: 'string' }, kind: { type: 'string' }, scheme: { type: 'string' }, site: { type: 'string' } },
        },
        response: { 200: { type: 'object', required: ['certificates'], properties: { certificates: { type: 'array', items: authorisationSchema } } }, 400: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const found = await listAuthorisations(orp, req.query);
      const parties = req.principal.visibleParties;
      const visible = req.principal.platformAdmin ? found : found.filter((a) => parties.includes(a.holder) || parties.includes(a.issuer));
      return { certificates: visible.map((a) => authorisationView(a, today())) };
    },
  );

  app.post<{ Body: Omit<AuthorisationInput, 'issuer'> & { issuer?: string } }>(
    '/certificates',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: "Record an authorisation in the issuer's name: admins of a certifier or auditor organisation, or the platform admin",
        body: newAuthorisationSchema,
        response: { 201: authorisationSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const own = req.principal.org;
      let issuer = req.body.issuer;
      if (!req.principal.platformAdmin) {
        const mine = await orp.registry.organisation(own!.id);
        if (issuer !== undefined && issuer !== mine!.id && issuer !== mine!.uri) throw new OrpailleError('ORP_FORBIDDEN', "you issue in your own organisation's name only", { issuer });
        issuer = mine!.uri;
      }
      if (issuer === undefined) throw new OrpailleError('ORP_BAD_INPUT', 'the platform admin names the issuer', { field: 'issuer' });
      const a = await addAuthorisation(orp, { ...req.body, issuer });
      return reply.status(201).send(authorisationView(a, today()));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/certificates/:id',
    { schema: { summary: 'An authorisation with its status history and standing today', params: idParams, response: { 200: authorisationSchema, ...denials } } },
    async (req) => authorisationView(await visibleAuthorisation(orp, req, req.params.id), today()),
  );

  app.post<{ Params: { id: string }; Body: { status: string; from?: string; reason?: string } }>(
    '/certificates/:id/status',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Suspend, reinstate or withdraw from a date (today or later; never retroactively)',
        params: idParams,
        body: statusChangeSchema,
        response: { 200: authorisationSchema, ...inputDenials },
      },
    },
    async (req) => {
      const a = await visibleAuthorisation(orp, req, req.params.id);
      requireIssuerAdmin(req, a);
      const changed = await changeAuthorisationStatus(orp, a.id, req.body.status, req.body.from, req.body.reason);
      return authorisationView(changed, today());
    },
  );

  app.get<{ Params: { id: string } }>(
    '/certificates/:id/vc',
    {
      schema: {
        summary: "The authorisation as a W3C Verifiable Credential signed now with the issuer's key (eddsa-jcs-2022, did:key)",
        params: idParams,
        response: { 200: credentialSchema, 409: errorSchema, 422: errorSchema, ...denials },
      },
    },
    async (req) => {
      const a = await visibleAuthorisation(orp, req, req.params.id);
      return orp.issueCredential(a.id);
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/vc/verify',
    {
      schema: {
        summary: 'Verify a Verifiable Credential offline: proof, issuer key and validity period, with every problem found',
        body: credentialSchema,
        response: { 200: credentialVerdictSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    },
    async (req) => verifyCredential(req.body, orp.clock.now()),
  );

  app.get<{ Params: { id: string }; Querystring: { date?: string } }>(
    '/sites/:id/inspections',
    {
      schema: {
        summary: "A mine site's ICGLR inspections and its status on a date (default today)",
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { date: { type: 'string', description: 'YYYY-MM-DD' } } },
        response: { 200: siteStatusSchema, 400: errorSchema, ...denials },
      },
    },
    async (req) => {
      const { site } = await inspectableSite(orp, req, req.params.id);
      return siteStatus(orp, site, req.query.date);
    },
  );

  app.post<{ Params: { id: string }; Body: InspectionInput }>(
    '/sites/:id/inspections',
    {
      config: { roles: ['admin', 'operator'] },
      schema: {
        summary: 'Record an ICGLR inspection: organisations with role authority, certifier or auditor, or the platform admin',
        params: idParams,
        body: newInspectionSchema,
        response: { 201: inspectionSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const { site, inspector } = await inspectableSite(orp, req, req.params.id);
      if (!inspector) throw new OrpailleError('ORP_FORBIDDEN', 'recording inspections needs an organisation with role authority, certifier or auditor', {});
      return reply.status(201).send(await recordInspection(orp, site, req.body));
    },
  );
};
