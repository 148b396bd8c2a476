import type { FastifyRequest } from 'fastify';
import { newId, WRITER_ROLES } from '../access/index.js';
import { LOT_FORMS } from '../custody/index.js';
import { checkMinerInput, deviceBlock, deviceLotPrefix, devicePublicKey, jwkThumbprint, minerRecord, nextMinerSerial, syncFieldItems, type Device, type FieldItem, type MinerInput } from '../field/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { lotGtin, type Organisation } from '../parties/index.js';
import { deviceStore } from '../store/index.js';
import { requireOrgRole } from './auth.js';
import type { OrpaillePlugin } from './context.js';
import { denials, deviceBody, deviceSchema, inputDenials, minerBody, minerSchema, siteSchema, syncBody, syncResultSchema } from './field-schemas.js';
import { errorSchema, idParams } from './schemas.js';

const writers = { roles: [...WRITER_ROLES] };

/** The caller's organisation in full (company prefix included). */
async function callerOrg(orp: Orpaille, req: FastifyRequest, ...roles: Parameters<typeof requireOrgRole>[1][]): Promise<Organisation> {
  const { id } = requireOrgRole(req, ...roles);
  return (await orp.registry.organisation(id))!;
}

/** A device as the API shows it, with what it needs to make identifiers offline. */
function deviceView(d: Device, org: Organisation) {
  return {
    id: d.id,
    name: d.name,
    number: d.number,
    publicKey: d.publicKey,
    thumbprint: d.thumbprint,
    block: d.block,
    lotPrefix: deviceLotPrefix(d.number),
    registeredBy: d.registeredBy,
    registeredAt: new Date(d.registeredAt).toISOString(),
    ...(d.revokedAt !== undefined ? { revokedAt: new Date(d.revokedAt).toISOString() } : {}),
    identifiers: { organisation: org.uri, companyPrefix: org.companyPrefix, lotGtins: Object.fromEntries(LOT_FORMS.map((f) => [f, lotGtin(org, f)])) },
  };
}

/**
 * The sites an organisation may record purchases at: its own, the sites of the organisations whose events it may
 * see (its own and its grantors': `visibleParties`), and the sites where a lot it may see was produced (what it
 * bought and the lineage of it). Own sites first (each group in registry order); each with its owner's party URI.
 */
async function purchaseSites(orp: Orpaille, orgId: string, parties: string[]) {
  const owners = new Map((await orp.registry.organisations()).map((o) => [o.id, o.uri]));
  const produced = new Set(await orp.visibility.productionSites(parties));
  return (await orp.registry.sites())
    .map((s) => ({ s, owner: owners.get(s.organisation) ?? '', own: s.organisation === orgId }))
    .filter(({ s, owner, own }) => own || parties.includes(owner) || produced.has(s.uri))
    .sort((a, b) => Number(b.own) - Number(a.own))
    .map(({ s, owner, own }) => ({ id: s.id, uri: s.uri, name: s.name, country: s.country, icglrId: s.icglrId, licenceType: s.licenceType, owner, own }));
}

/**
 * Field capture (docs/web.md, "Field capture"; docs/api.md): the organisation's mine sites and miners for the
 * capture forms, the devices of field agents with their public keys and number blocks, and POST /field/sync,
 * where a device hands in what it captured offline, each capture signed with its key.
 */
export const fieldRoutes: OrpaillePlugin = async (app, { orp }) => {
  const devices = deviceStore(orp.db);
  const ownDevice = async (req: FastifyRequest, id: string, org: string): Promise<Device> => {
    const d = await devices.get(id);
    // Another organisation's device answers like one that does not exist.
    if (!d || d.org !== org) throw new OrpailleError('ORP_NOT_FOUND', `no device ${id}`, { id });
    return d;
  };

  app.get(
    '/sites',
    {
      schema: {
        summary: "Mine sites for the capture forms: the caller's organisation's own, then those it may buy from (of organisations that granted it access, or where a lot it may see was produced)",
        tags: ['Field capture'],
        response: { 200: { type: 'array', items: siteSchema }, ...denials },
      },
    },
    async (req) => {
      const org = requireOrgRole(req, 'admin', 'operator', 'auditor', 'viewer');
      return purchaseSites(orp, org.id, req.principal.visibleParties);
    },
  );

  app.get('/miners', { config: writers, schema: { summary: "The caller's organisation's registered miners (personal data: operators and admins only; never public)", tags: ['Field capture'], response: { 200: { type: 'array', items: minerSchema }, ...denials } } }, async (req) => {
    const org = requireOrgRole(req, ...WRITER_ROLES);
    return orp.registry.miners(org.id);
  });

  app.post<{ Body: MinerInput }>(
    '/miners',
    { config: writers, schema: { summary: 'Register a miner (online); the GSRN serial is the next one below the devices’ blocks', tags: ['Field capture'], body: minerBody, response: { 201: minerSchema, ...inputDenials } } },
    async (req, reply) => {
      const org = await callerOrg(orp, req, ...WRITER_ROLES);
      const today = orp.clock.now().toISOString().slice(0, 10);
      const sites = new Set((await orp.registry.sites(org.id)).map((s) => s.uri));
      const input = checkMinerInput({ ...req.body, registeredOn: req.body.registeredOn ?? today }, sites, today);
      const miner = minerRecord(org, nextMinerSerial(org, await orp.registry.miners(org.id)), input);
      await orp.registry.addMiners([miner]);
      return reply.code(201).send(miner);
    },
  );

  app.get('/devices', { schema: { summary: "The caller's organisation's field devices", tags: ['Field capture'], response: { 200: { type: 'array', items: deviceSchema }, ...denials } } }, async (req) => {
    const org = await callerOrg(orp, req, 'admin', 'operator', 'auditor', 'viewer');
    return (await devices.list(org.id)).map((d) => deviceView(d, org));
  });

  app.post<{ Body: { name: string; publicKey: unknown } }>(
    '/devices',
    {
      config: writers,
      schema: {
        summary: 'Register a field device’s public key; it gets a number and a block of serials (the same key again answers the device already registered, 200)',
        tags: ['Field capture'],
        body: deviceBody,
        response: { 200: deviceSchema, 201: deviceSchema, ...inputDenials },
      },
    },
    async (req, reply) => {
      const org = await callerOrg(orp, req, ...WRITER_ROLES);
      const publicKey = devicePublicKey(req.body.publicKey);
      const { device, created } = await devices.register({
        id: newId('dev'),
        org: org.id,
        name: req.body.name,
        publicKey,
        thumbprint: jwkThumbprint(publicKey),
        registeredBy: req.principal.id,
        registeredAt: orp.clock.now().getTime(),
        blockOf: (n) => deviceBlock(org.companyPrefix, n),
      });
      return reply.code(created ? 201 : 200).send(deviceView(device, org));
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/devices/:id',
    { config: writers, schema: { summary: 'Revoke a field device: its captures are refused from now on (it stays listed, with revokedAt)', tags: ['Field capture'], params: idParams, response: { 200: deviceSchema, 404: errorSchema, ...denials } } },
    async (req) => {
      const org = await callerOrg(orp, req, ...WRITER_ROLES);
      const d = await ownDevice(req, req.params.id, org.id);
      await devices.revoke(d.id, orp.clock.now().getTime());
      return deviceView((await devices.get(d.id))!, org);
    },
  );

  app.post<{ Body: { device: string; items: FieldItem[] } }>(
    '/field/sync',
    {
      config: writers,
      bodyLimit: orp.captureLimits.fileSizeLimit,
      schema: {
        summary: 'Hand in a device’s signed captures (miners, EPCIS documents), in order; one result per capture: accepted, duplicate or rejected with its ORP code',
        tags: ['Field capture'],
        body: syncBody,
        response: { 200: syncResultSchema, 404: errorSchema, 409: errorSchema, ...inputDenials },
      },
    },
    async (req) => {
      const org = await callerOrg(orp, req, ...WRITER_ROLES);
      const device = await ownDevice(req, req.body.device, org.id);
      if (device.revokedAt !== undefined) throw new OrpailleError('ORP_DEVICE_REVOKED', `device ${device.id} was revoked on ${new Date(device.revokedAt).toISOString()}: its captures are refused`, { device: device.id });
      const siteUris = new Set((await orp.registry.sites(org.id)).map((s) => s.uri));
      const results = await syncFieldItems(
        {
          append: orp.append,
          miners: (o) => orp.registry.miners(o),
          addMiners: (m) => orp.registry.addMiners(m),
          recordCaptures: (c) => devices.recordCaptures(c),
          now: () => orp.clock.now().getTime(),
        },
        { device, org, siteUris },
        req.body.items,
      );
      return { device: device.id, results };
    },
  );
};
