import { createHash } from 'node:crypto';
import { makeOrganisation, type Organisation } from '../../src/parties/index.js';
import type { World } from './world.js';

/** Registers a certification body (role certifier, with a key) in a world; returns it. */
export async function addCertifier(w: World, id = 'certifier'): Promise<Organisation> {
  const org = makeOrganisation({ id, name: 'Alliance for Responsible Mining (test)', roles: ['certifier'], country: 'CO', companyPrefix: '7709001' });
  await w.orp.addOrganisation(org, createHash('sha256').update(`test:${id}`).digest());
  return org;
}
