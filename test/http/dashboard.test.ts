import { describe, expect, it } from 'vitest';
import { addGrant } from '../../src/accounts/index.js';
import { siteStatus } from '../../src/registrar/index.js';
import { useHttpWorld } from '../support/http-world.js';
import { testStores } from '../support/stores.js';

type Site = { id: string; uri: string; icglr: { status: string }; openRisks: number; openIncidents: number };
type Link = { source: string; target: string; fineGrams: string; events: number };
type Node = { id: string; kind: string; stage: string; key: string; name?: string };

/*
 * The access world (test/support/access-world.ts): the house buys lot A (10 g at 800‰: 8 g fine) from a miner at
 * site 1 and lot B (30 g at 800‰: 24 g fine) from a miner at site 2 on 2 March 2026, and ships A to the exporter.
 */
describe.each(testStores)('dashboard routes on $name', (store) => {
  const t = useHttpWorld(store, {
    callers: { house: ['house', 'viewer'], exporter: ['exporter', 'viewer'], refiner: ['refiner', 'admin'], asmo: ['asmo', 'viewer'] },
    platform: true,
    setup: async (w) => {
      // An open entry of the house's risk register about site 1, and a closed one about site 2 (not counted).
      const risk = (id: string, site: number, status: 'identified' | 'closed') =>
        w.orp.risks.addRisk({
          id,
          owner: w.house.uri,
          subject: { kind: 'site', uri: w.sites[site]!.uri },
          risk: 'mercury-open-burning',
          catalogueVersion: '1',
          observedOn: '2026-03-01',
          source: 'visit',
          evidence: [],
          recordedBy: 'p',
          history: [{ status: 'identified', on: '2026-03-01', by: 'p' }, ...(status === 'closed' ? [{ status, on: '2026-03-02', by: 'p' }] : [])],
        });
      await risk('risk-site-1', 0, 'identified');
      await risk('risk-site-2', 1, 'closed');
      // The house lets the ASMO see what it sees of its own events.
      await addGrant(w.orp, { from: 'house', to: 'asmo' });
    },
  });
  const { req } = t;
  const flows = async (who: string, query = 'from=2026-01-01&to=2027-01-01') => {
    const res = await req(who, 'GET', `/dashboard/flows?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { period: { from: string; to: string }; nodes: Node[]; links: Link[]; totalFineGrams: string };
  };
  const sites = async (who: string) => {
    const res = await req(who, 'GET', '/dashboard/sites');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { date: string; sites: Site[] };
  };

  it('shows the house the fine gold it bought at each site, sites by name and itself by name', async () => {
    const f = await flows('house');
    const w = t.w;
    expect(f.links).toEqual([
      { source: w.sites[1]!.uri, target: w.house.uri, fineGrams: '24.000', events: 1 },
      { source: w.sites[0]!.uri, target: w.house.uri, fineGrams: '8.000', events: 1 },
    ]);
    expect(f.totalFineGrams).toBe('32.000');
    expect(f.nodes.find((n) => n.id === w.house.uri)).toMatchObject({ kind: 'organisation', stage: 'trading_house', name: w.house.name });
    const site1 = (await w.orp.registry.sites()).find((s) => s.uri === w.sites[0]!.uri)!;
    expect(f.nodes.find((n) => n.id === site1.uri)).toMatchObject({ kind: 'site', stage: 'site', name: site1.name, country: site1.country });
  });

  it('shows another organisation only the lineage of the lots it may see, the house by its GS1 key and not its name', async () => {
    const f = await flows('exporter');
    const w = t.w;
    // The exporter received lot A: its origin counts, lot B (which it never saw) does not.
    expect(f.links).toEqual([{ source: w.sites[0]!.uri, target: w.house.uri, fineGrams: '8.000', events: 1 }]);
    const house = f.nodes.find((n) => n.id === w.house.uri)!;
    expect(house.key).toBe(w.house.gln);
    expect(house.name).toBeUndefined();
    expect(JSON.stringify(f)).not.toContain(w.house.name);
    // An organisation with no lot in the chain sees none of the house's flows.
    expect(await flows('refiner')).toMatchObject({ nodes: [], links: [], totalFineGrams: '0.000' });
    // The platform administrator sees no organisation's lots: no flows.
    expect((await flows('platform')).links).toEqual([]);
  });

  it('shows an organisation granted access the grantor’s flows, with the grantor’s name, but not its risks', async () => {
    const w = t.w;
    const f = await flows('asmo');
    expect(f.totalFineGrams).toBe('32.000');
    expect(f.nodes.find((n) => n.id === w.house.uri)!.name).toBe(w.house.name);
    expect((await sites('asmo')).sites.every((s) => s.openRisks === 0 && s.openIncidents === 0)).toBe(true);
  });

  it('counts only the events of the period (from inclusive, to exclusive)', async () => {
    expect((await flows('house', 'from=2026-03-02&to=2026-03-03')).totalFineGrams).toBe('32.000');
    expect((await flows('house', 'from=2026-03-03&to=2026-04-01')).links).toEqual([]);
    expect((await flows('house', 'from=2026-02-01&to=2026-03-02')).links).toEqual([]);
  });

  it('refuses a bad period with 400 and a stable ORP code', async () => {
    for (const query of ['from=2026-13-01&to=2027-01-01', 'from=2026-03-01&to=2026-03-01', 'from=March&to=2027-01-01', 'to=2027-01-01', 'from=2026-01-01&to=2027-01-01&org=house']) {
      const res = await req('house', 'GET', `/dashboard/flows?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe('ORP_BAD_INPUT');
    }
  });

  it('maps the sites each caller may see with their ICGLR status and the caller’s own open risks and incidents', async () => {
    const w = t.w;
    const house = await sites('house');
    expect(house.sites.map((s) => s.uri).sort()).toEqual(w.sites.map((s) => s.uri).sort());
    const incidents = (await w.orp.incidents.list({ orgs: [w.house.uri], limit: 1000 })).incidents;
    const registered = await w.orp.registry.sites();
    for (const s of house.sites) {
      const site = registered.find((x) => x.uri === s.uri)!;
      expect(s.icglr.status, s.id).toBe((await siteStatus(w.orp, site, house.date)).status.status);
      expect(s.openIncidents, s.id).toBe(incidents.filter((i) => i.subject === s.uri && ['open', 'under_review'].includes(i.status)).length);
    }
    expect(house.sites.find((s) => s.uri === w.sites[0]!.uri)!.openRisks).toBe(1);
    expect(house.sites.find((s) => s.uri === w.sites[1]!.uri)!.openRisks).toBe(0);
    // The exporter sees the site its lot came from, without the house's risks and incidents.
    expect((await sites('exporter')).sites).toEqual([expect.objectContaining({ uri: w.sites[0]!.uri, openRisks: 0, openIncidents: 0 })]);
    expect((await sites('refiner')).sites).toEqual([]);
    // The ASMO sees its own sites even without a lot; the platform administrator sees every site.
    expect((await sites('asmo')).sites.map((s) => s.uri).sort()).toEqual(w.sites.map((s) => s.uri).sort());
    expect((await sites('platform')).sites).toHaveLength(w.sites.length);
  });
});
