import type { Miner, Organisation, OrgRole, Site, SiteGeometry, Gender, LicenceType } from '../parties/index.js';
import { chunks } from './chunks.js';
import type { Db } from './db.js';

export interface OrgKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

/** Organisations, their keys, miners and mine sites. */
export function registryStore(db: Db) {
  const k = db.kysely;
  return {
    /** Registers an organisation with its signing key, in one transaction. */
    async addOrganisation(org: Organisation, key: OrgKey, at: number): Promise<void> {
      await k.transaction().execute(async (trx) => {
        await trx
          .insertInto('organisations')
          .values({
            id: org.id,
            uri: org.uri,
            name: org.name,
            roles: JSON.stringify(org.roles),
            country: org.country,
            gln: org.gln,
            company_prefix: org.companyPrefix,
            created_at: at,
          })
          .execute();
        await trx
          .insertInto('keys')
          .values({ key_id: key.keyId, org_id: org.id, public_key: key.publicKey, private_key: key.privateKey, created_at: at })
          .execute();
      });
    },

    async addMiners(miners: Miner[]): Promise<void> {
      await k.transaction().execute(async (trx) => {
        for (const part of chunks(miners, 500)) {
          await trx
            .insertInto('miners')
            .values(
              part.map((m) => ({
                id: m.id,
                uri: m.uri,
                org_id: m.organisation,
                display_name: m.displayName,
                gender: m.gender,
                birth_year: m.birthYear,
                registered_on: m.registeredOn,
                site: m.site ?? null,
              })),
            )
            .execute();
        }
      });
    },

    async addSites(sites: Site[]): Promise<void> {
      await k.transaction().execute(async (trx) => {
        for (const s of sites) {
          await trx
            .insertInto('sites')
            .values({
              id: s.id,
              uri: s.uri,
              org_id: s.organisation,
              name: s.name,
              icglr_id: s.icglrId,
              country: s.country,
              geometry: JSON.stringify(s.geometry),
              latitude: s.latitude,
              longitude: s.longitude,
              licence_type: s.licenceType,
              licensed_on: s.licensedOn ?? null,
              capacity_g_month: s.capacityGramsPerMonth,
            })
            .execute();
        }
      });
    },

    async organisations(): Promise<Organisation[]> {
      const rows = await k.selectFrom('organisations').selectAll().orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        uri: r.uri,
        name: r.name,
        roles: JSON.parse(r.roles) as OrgRole[],
        country: r.country,
        gln: r.gln,
        companyPrefix: r.company_prefix,
      }));
    },

    /** An organisation by short id or URI. */
    async organisation(idOrUri: string): Promise<Organisation | undefined> {
      return (await this.organisations()).find((o) => o.id === idOrUri || o.uri === idOrUri);
    },

    async sites(orgId?: string): Promise<Site[]> {
      let q = k.selectFrom('sites').selectAll().orderBy('id');
      if (orgId) q = q.where('org_id', '=', orgId);
      const rows = await q.execute();
      return rows.map((r) => {
        const site: Site = {
          id: r.id,
          uri: r.uri,
          organisation: r.org_id,
          name: r.name,
          icglrId: r.icglr_id,
          country: r.country,
          geometry: JSON.parse(r.geometry) as SiteGeometry,
          latitude: Number(r.latitude),
          longitude: Number(r.longitude),
          licenceType: r.licence_type as LicenceType,
          capacityGramsPerMonth: Number(r.capacity_g_month),
        };
        if (r.licensed_on) site.licensedOn = r.licensed_on;
        return site;
      });
    },

    async miners(orgId?: string): Promise<Miner[]> {
      let q = k.selectFrom('miners').selectAll().orderBy('id');
      if (orgId) q = q.where('org_id', '=', orgId);
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id,
        uri: r.uri,
        organisation: r.org_id,
        displayName: r.display_name,
        gender: r.gender as Gender,
        birthYear: Number(r.birth_year),
        registeredOn: r.registered_on,
        ...(r.site !== null ? { site: r.site } : {}),
      }));
    },

    async counts(): Promise<{ organisations: number; miners: number; sites: number; events: number; lots: number }> {
      const count = async (t: 'organisations' | 'miners' | 'sites' | 'events' | 'lots') =>
        Number((await k.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      return {
        organisations: await count('organisations'),
        miners: await count('miners'),
        sites: await count('sites'),
        events: await count('events'),
        lots: await count('lots'),
      };
    },
  };
}

export type RegistryStore = ReturnType<typeof registryStore>;
