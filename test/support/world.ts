import { createHash } from 'node:crypto';
import type { GoldEvent, NewLot } from '../../src/custody/index.js';
import { fixedClock } from '../../src/kernel/index.js';
import { openOrpaille, type Orpaille } from '../../src/orpaille.js';
import { bagUri, lotUri, makeMiner, makeOrganisation, makeSite, type Organisation } from '../../src/parties/index.js';
import type { TestStore } from './stores.js';

/**
 * A small world for ledger tests: an ASMO with two sites and miners, a trading house, an exporter,
 * a refiner. Times are fixed so event ids are stable.
 */
export interface World {
  orp: Orpaille;
  /** How to open the same database again (another process, a reconnect). */
  config: { databaseUrl?: string; sqlitePath?: string };
  asmo: Organisation;
  house: Organisation;
  exporter: Organisation;
  refiner: Organisation;
  sites: { uri: string }[];
  miners: { uri: string }[];
  lot(org: Organisation, form: string, n: string): string;
  bag(org: Organisation, n: number): string;
  /** A production + purchase pair: the house buys `grams` at `fineness` per-mille from miner k at site s. */
  buy(n: string, opts?: { grams?: number; fineness?: number; miner?: number; site?: number; at?: string; scheme?: string; cocModel?: NewLot['cocModel'] }): GoldEvent[];
  at(day: number, hour?: number): string;
  cleanup(): Promise<void>;
}

export const NOW = '2026-11-30T12:00:00.000Z';

function seedOf(id: string): Uint8Array {
  return createHash('sha256').update(`test:${id}`).digest();
}

export async function makeWorld(store: TestStore): Promise<World> {
  const handle = await store.create();
  const orp = await openOrpaille({ ...handle, clock: fixedClock(NOW) });
  const asmo = makeOrganisation({ id: 'asmo', name: 'Coopérative minière de Mambasa', roles: ['producer'], country: 'CD', companyPrefix: '6150001' });
  const house = makeOrganisation({ id: 'house', name: 'Maison d’achat modèle', roles: ['trading_house'], country: 'CD', companyPrefix: '6150002' });
  const exporter = makeOrganisation({ id: 'exporter', name: 'Bunia Gold Export', roles: ['exporter'], country: 'CD', companyPrefix: '6150003' });
  const refiner = makeOrganisation({ id: 'refiner', name: 'Affinerie du Jura', roles: ['refiner'], country: 'CH', companyPrefix: '7640001' });
  for (const o of [asmo, house, exporter, refiner]) await orp.addOrganisation(o, seedOf(o.id));
  const sites = [1, 2].map((k) =>
    makeSite(asmo, k, {
      id: `site-${k}`,
      name: `Site ${k}`,
      country: 'CD',
      geometry: { type: 'Point', coordinates: [29.9 + k / 10, 1.4 + k / 10] },
      licenceType: 'artisanal',
      licensedOn: '2025-01-01',
      capacityGramsPerMonth: 3000,
    }),
  );
  await orp.registry.addSites(sites);
  const miners = [1, 2, 3].map((k) =>
    makeMiner(asmo, k, { displayName: `Miner ${k}`, gender: k === 2 ? 'female' : 'male', birthYear: 1990, registeredOn: '2025-02-01' }),
  );
  await orp.registry.addMiners(miners);
  const at = (day: number, hour = 8) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
  const world: World = {
    orp,
    config: handle.databaseUrl ? { databaseUrl: handle.databaseUrl } : { sqlitePath: handle.sqlitePath! },
    asmo,
    house,
    exporter,
    refiner,
    sites,
    miners,
    at,
    lot: (org, form, n) => lotUri(org, form, n),
    bag: (org, n) => bagUri(org, n),
    buy(n, o = {}) {
      const lot = lotUri(house, 'dore', n);
      const eventTime = o.at ?? at(2);
      const base = { eventTime, eventTimeZoneOffset: '+02:00', recorder: house.uri };
      return [
        {
          ...base,
          type: 'production',
          site: sites[o.site ?? 0]!.uri,
          producer: asmo.uri,
          miner: miners[o.miner ?? 0]!.uri,
          lot: {
            lot,
            form: 'dore',
            grossMg: Math.round((o.grams ?? 10) * 1000),
            fineness: Math.round((o.fineness ?? 850) * 10),
            cocModel: o.cocModel ?? 'segregated',
            ...(o.scheme ? { scheme: o.scheme } : {}),
            tag: `T-${n}`,
          },
        },
        {
          ...base,
          type: 'purchase',
          lots: [lot],
          seller: miners[o.miner ?? 0]!.uri,
          buyer: house.uri,
          purchaseNumber: `P-${n}`,
          price: '800.00',
          currency: 'USD',
          paymentMethod: 'cash',
          custodyTransferred: true,
        },
      ];
    },
    async cleanup() {
      await world.orp.close();
      await handle.cleanup();
    },
  };
  return world;
}

/** Appends and expects every event accepted; returns the result. */
export async function appendOk(w: World, events: GoldEvent[]) {
  const r = await w.orp.append(events);
  const bad = r.results.filter((x) => x.status === 'rejected');
  if (bad.length > 0) throw new Error(`expected acceptance, got ${JSON.stringify(bad[0]!.error)}`);
  return r;
}
