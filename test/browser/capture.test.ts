import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import { deviceLotPrefix } from '../../src/field/blocks.js';
import { importPrices, quote } from '../../src/pricing/index.js';
import { deviceStore } from '../../src/store/index.js';
import { webRoot } from '../../src/http/web.js';
import { axeViolations, logIn, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };
const usd = (amount: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(amount));

/** Opens a tab of the capture page. */
const tab = (page: Page, name: string) => page.locator('.capture-tabs').getByRole('button', { name: new RegExp(`^${name}`) }).click();

/** Registers a woman miner on the Miner tab (offline: queued) and waits for the page to say so. */
async function registerWoman(page: Page, name: string, birthYear: string) {
  await tab(page, 'Miner');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Gender').selectOption({ label: 'Woman' });
  await page.getByLabel('Year of birth').fill(birthYear);
  await page.getByRole('button', { name: 'Register the miner' }).click();
  await page.getByText(`Queued: ${name}.`, { exact: false }).waitFor();
}

describe('field capture in the browser', () => {
  const bw = useBrowserWorld();
  /** The platform administrator imported today's (and yesterday's) gold fixing. */
  const importTodaysPrice = async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await importPrices(bw.server.orp, `date,AM,PM\n${yesterday},4000.00,4012.50\n${today},4000.00,4012.50\n`, 'today.csv');
  };

  it('a field agent records purchases offline and syncs them', async () => {
    const orp = bw.server.orp;
    const coop = (await orp.registry.organisation(DEMO_ORG_IDS.peru))!;
    // The cooperative refuses purchases paid below the Fairmined minimum price (its below-minimum policy): what makes
    // the server refuse one of the agent's purchases.
    await importTodaysPrice();
    await orp.premiums.setPolicy(coop.uri, 'reject', 'test');
    const seqBefore = (await orp.db.kysely.selectFrom('ledger_head').select('seq').executeTakeFirstOrThrow()).seq;
    const minersBefore = (await orp.registry.miners(coop.id)).length;

    const page = await bw.newPage({ viewport: PHONE });
    const errors = pageErrors(page);
    await page.goto(`${bw.server.url}/#/capture`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    // Online, the page registers this browser's key as a device of the cooperative and fetches its field kit.
    await page.getByText(/^Device F001 /).waitFor();
    const [device] = await deviceStore(orp.db).list(coop.id);
    expect(device).toMatchObject({ number: 1, publicKey: { kty: 'EC', crv: 'P-256' } });
    // The service worker controls the page once it has cached the app shell.
    await page.waitForFunction('navigator.serviceWorker.controller !== null');

    // Offline: a reload is answered by the service worker.
    await page.context().setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByText('Offline: captures are kept on this device').waitFor();
    // Every built file was cached on install, the chunks of pages never opened (the dashboard's map) included.
    const built = readdirSync(join(webRoot(), 'assets')).map((f) => `/assets/${f}`);
    const missing = await page.evaluate(async (urls) => {
      // The page's CacheStorage (this file is typed for Node, without the DOM's globals).
      const cache = (globalThis as unknown as { caches: { match(url: string): Promise<unknown> } }).caches;
      const found = await Promise.all(urls.map(async (u) => ((await cache.match(u)) ? '' : u)));
      return found.filter(Boolean);
    }, built);
    expect(built.some((u) => u.includes('/dashboard-'))).toBe(true);
    expect(missing).toEqual([]);

    await registerWoman(page, 'Rosa Quispe Mamani', '1989');

    const purchases = [
      { grams: '25.4', fineness: '905', over: 50 },
      { grams: '41.25', fineness: '912.5', over: 10 },
      { grams: '18', fineness: '890', over: -300 },
    ];
    await tab(page, 'Purchase');
    for (const [k, p] of purchases.entries()) {
      await page.getByLabel('Miner (seller)').selectOption({ label: 'Rosa Quispe Mamani (registered on this device)' });
      await page.getByLabel('Form of gold').selectOption('dore');
      await page.getByLabel('Gross mass (grams)').fill(p.grams);
      await page.getByLabel('Fineness (per mille)').fill(p.fineness);
      await page.getByLabel('Certification scheme').selectOption('fairmined');
      // The minimum price and premium show as the agent types, estimated from the price basis kept online.
      const q = await quote(orp, { scheme: 'fairmined', grams: p.grams, fineness: p.fineness });
      await expect.poll(() => page.getByTestId('minimum-price').textContent()).toBe(usd(q.minimumPrice));
      expect(await page.getByTestId('premium').textContent()).toBe(usd(q.premium));
      expect(await page.getByTestId('price-hint').textContent()).toContain('Estimated offline from the price basis of');
      const price = (Number(q.minimumPrice) + p.over).toFixed(2);
      await page.getByLabel('Price paid').fill(price);
      expect(await page.getByText('This price is below the minimum price').count()).toBe(p.over < 0 ? 1 : 0);
      if (k === 0) await screenshot(page, 'capture');
      await page.getByRole('button', { name: 'Record the purchase' }).click();
      await page.getByText(`Queued: F001-00000${k + 1}.`, { exact: false }).waitFor();
    }

    await tab(page, 'Queue');
    expect(await page.getByTestId('queue-counts').textContent()).toBe('4 waiting · 0 accepted · 0 refused');
    expect(await page.locator('.queue-item[data-status=pending]').count()).toBe(4);
    await screenshot(page, 'capture-queue');
    // Nothing reached the server while offline.
    expect((await orp.db.kysely.selectFrom('ledger_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(seqBefore);

    // Back online: the page syncs by itself; the below-minimum purchase is refused with the server's reason.
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('queue-counts').textContent(), { timeout: 30_000 }).toBe('0 waiting · 3 accepted · 1 refused');
    const refused = page.locator('.queue-item[data-status=rejected]');
    expect(await refused.locator('.queue-label').textContent()).toBe('F001-000003');
    expect(await refused.locator('.error').getAttribute('data-code')).toBe('ORP_PRICE_BELOW_MINIMUM');
    expect(await refused.locator('.error').textContent()).toMatch(/^Refused: the price is below the scheme’s minimum price \(purchase F001-P000003 pays/);
    await screenshot(page, 'capture-synced');
    expect(await axeViolations(page)).toEqual([]);

    // Syncing again and sending the refused purchase again write nothing more.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('button', { name: 'Send the refused captures again' }).click();
    await expect.poll(() => page.getByTestId('queue-counts').textContent(), { timeout: 30_000 }).toBe('0 waiting · 3 accepted · 1 refused');
    await page.getByRole('button', { name: 'Sync now' }).waitFor({ state: 'visible' });
    await expect.poll(() => page.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);

    const added = await orp.db.kysely.selectFrom('events').select(['biz_step', 'recorder']).where('seq', '>', seqBefore).orderBy('seq').execute();
    expect(added.map((e) => e.biz_step)).toEqual(['commissioning', 'accepting', 'commissioning', 'accepting']);
    expect(new Set(added.map((e) => e.recorder))).toEqual(new Set([coop.uri]));
    const miners = await orp.registry.miners(coop.id);
    expect(miners.length).toBe(minersBefore + 1);
    expect(miners.filter((m) => m.displayName === 'Rosa Quispe Mamani')).toEqual([expect.objectContaining({ birthYear: 1989, gender: 'female', site: (await orp.registry.sites(coop.id))[0]!.uri })]);
    // Each record keeps the signature of the device that captured it.
    const kept = await deviceStore(orp.db).captures(device!.id);
    expect(kept.map((c) => c.kind).sort()).toEqual(['event', 'event', 'event', 'event', 'miner']);

    // Housekeeping: offline, one more capture waits; clearing the accepted ones keeps it and the refused one, on
    // the device (a reload reads the same queue back from IndexedDB).
    await page.context().setOffline(true);
    await page.getByText('Offline: captures are kept on this device').waitFor();
    await registerWoman(page, 'Juana Ccori Apaza', '1992');
    await tab(page, 'Queue');
    expect(await page.getByTestId('queue-counts').textContent()).toBe('1 waiting · 3 accepted · 1 refused');
    await page.getByRole('button', { name: 'Clear the accepted captures' }).click();
    await expect.poll(() => page.getByTestId('queue-counts').textContent()).toBe('1 waiting · 0 accepted · 1 refused');
    expect(await page.locator('.queue-item .queue-label').allTextContents()).toEqual(['Juana Ccori Apaza', 'F001-000003']);
    await page.reload();
    await tab(page, 'Queue');
    await expect.poll(() => page.getByTestId('queue-counts').textContent()).toBe('1 waiting · 0 accepted · 1 refused');
    expect(await page.getByRole('button', { name: 'Clear the accepted captures' }).count()).toBe(0);
    // Only the network failures of the offline reloads reach the console.
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });

  it('shows an admin the organisation’s devices, this one marked, and revokes another after confirming', async () => {
    const orp = bw.server.orp;
    const coop = (await orp.registry.organisation(DEMO_ORG_IDS.peru))!;
    const devicePrefix = async (p: Page) => {
      await p.goto(`${bw.server.url}/#/capture`);
      await logIn(p, bw.server.admin(DEMO_ORG_IDS.peru));
      const status = p.getByText(/^Device F\d{3} /);
      await status.waitFor();
      return ((await status.textContent()) ?? '').split(' ')[1]!;
    };
    // Two phones of the cooperative: this one, and one that was lost.
    const lost = await bw.newPage({ viewport: PHONE });
    const lostPrefix = await devicePrefix(lost);
    const page = await bw.newPage({ viewport: PHONE });
    const errors = pageErrors(page);
    const mine = await devicePrefix(page);
    await tab(page, 'Queue');
    const registered = await deviceStore(orp.db).list(coop.id);
    const rows = page.locator('.device-list li');
    await expect.poll(() => rows.count()).toBe(registered.length);
    expect((await rows.locator('strong').allTextContents()).sort()).toEqual(registered.map((d) => deviceLotPrefix(d.number)).sort());
    expect(await page.locator(`.device-list li[data-device=${mine}]`).textContent()).toContain('this device');

    // Cancelling changes nothing; confirming revokes the lost phone, which stays listed as revoked.
    await page.getByRole('button', { name: `Revoke ${lostPrefix}` }).click();
    await page.getByRole('alertdialog').getByText(`Revoke device ${lostPrefix}`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'capture-devices');
    await page.getByRole('button', { name: 'Cancel' }).click();
    const lostId = registered.find((d) => deviceLotPrefix(d.number) === lostPrefix)!.id;
    expect((await deviceStore(orp.db).get(lostId))!.revokedAt).toBeUndefined();
    await page.getByRole('button', { name: `Revoke ${lostPrefix}` }).click();
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect.poll(() => page.locator(`.device-list li[data-device=${lostPrefix}]`).getAttribute('data-revoked')).toBe('true');
    expect(await page.getByRole('button', { name: `Revoke ${lostPrefix}` }).count()).toBe(0);
    expect((await deviceStore(orp.db).get(lostId))!.revokedAt).toBeDefined();
    expect(await page.locator(`.device-list li[data-device=${mine}]`).getAttribute('data-revoked')).toBe('false');
    expect(errors).toEqual([]);
  });

  it('packs and seals what was bought, ships the bag and records an assay, online', async () => {
    const orp = bw.server.orp;
    const coop = (await orp.registry.organisation(DEMO_ORG_IDS.peru))!;
    const refiner = (await orp.registry.organisation(DEMO_ORG_IDS.refiner))!;
    await importTodaysPrice();
    const page = await bw.newPage({ viewport: PHONE });
    await page.goto(`${bw.server.url}/#/capture`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    await page.getByText(/^Device F00\d /).waitFor();
    const prefix = ((await page.getByText(/^Device F00\d /).textContent()) ?? '').split(' ')[1]!;
    const syncNow = async (accepted: number) => {
      await page.getByRole('button', { name: 'Sync now' }).click();
      await tab(page, 'Queue');
      await expect.poll(() => page.getByTestId('queue-counts').textContent(), { timeout: 30_000 }).toBe(`0 waiting · ${accepted} accepted · 0 refused`);
    };

    await tab(page, 'Miner');
    await page.getByLabel('Name').fill('Juan Condori');
    await page.getByLabel('Year of birth').fill('1985');
    await page.getByRole('button', { name: 'Register the miner' }).click();
    await tab(page, 'Purchase');
    for (const grams of ['30', '12.5']) {
      await page.getByLabel('Miner (seller)').selectOption({ label: 'Juan Condori (registered on this device)' });
      await page.getByLabel('Gross mass (grams)').fill(grams);
      await page.getByLabel('Fineness (per mille)').fill('900');
      // Online, the server quotes.
      await expect.poll(() => page.getByTestId('price-hint').textContent()).toContain('Quoted by the server');
      const q = await quote(orp, { scheme: 'fairmined', grams, fineness: '900' });
      expect(await page.getByTestId('minimum-price').textContent()).toBe(usd(q.minimumPrice));
      await page.getByLabel('Price paid').fill((Number(q.minimumPrice) + 5).toFixed(2));
      await page.getByRole('button', { name: 'Record the purchase' }).click();
      await page.getByText('Queued:', { exact: false }).waitFor();
    }
    await syncNow(3);
    const lots = [`${prefix}-000001`, `${prefix}-000002`];

    await tab(page, 'Assay');
    await page.getByLabel('Lot').selectOption({ label: `${lots[0]} · 30 g` });
    await page.getByLabel('Method').selectOption('fire_assay');
    await page.getByLabel('Laboratory').fill('Laboratorio Juliaca');
    await page.getByLabel('Fineness found (per mille)').fill('897.5');
    await page.getByLabel('Sample number').fill('LJ-26-0042');
    await page.getByRole('button', { name: 'Record the assay' }).click();
    await page.getByText(`Queued: ${lots[0]}.`, { exact: false }).waitFor();

    // The tag and seal serials offered are those the API says the cooperative holds unused.
    const stock = (await (await page.request.get(`${bw.server.url}/tags/stock?agent=${encodeURIComponent(coop.uri)}`)).json()) as { stock: { onHandSerials: string[] } };
    const onHand = stock.stock.onHandSerials;
    expect(onHand.length).toBeGreaterThan(2);
    const offered = (label: string) => page.getByLabel(label, { exact: true }).evaluate((el) => [...((el as unknown as { list: { options: { value: string }[] } | null }).list?.options ?? [])].map((o) => o.value));
    await tab(page, 'Pack and seal');
    expect(await offered('Tag serial')).toEqual(onHand);
    const [tag, seal] = onHand as [string, string];
    for (const lot of lots) await page.getByRole('checkbox', { name: new RegExp(`^${lot} `) }).check();
    await page.getByLabel('Tag serial', { exact: true }).fill(tag);
    // The seal is not offered the serial just chosen as the tag.
    expect(await offered('Seal serial')).toEqual(onHand.filter((s) => s !== tag));
    await page.getByLabel('Seal serial', { exact: true }).fill(seal);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'capture-pack');
    // Pressed from the keyboard: a click would only close the list of suggestions the browser shows while typing.
    await page.getByRole('button', { name: 'Seal the bag' }).press('Enter');
    await page.getByText(`Queued: ${seal}.`, { exact: false }).waitFor();
    // Used by the queued capture: no longer offered.
    expect(await offered('Tag serial')).toEqual(onHand.filter((s) => s !== tag && s !== seal));

    await tab(page, 'Ship or receive');
    for (const lot of lots) await page.getByRole('checkbox', { name: new RegExp(`^${lot} `) }).check();
    // A GLN with a wrong check digit is refused before anything is queued.
    const wrong = `${refiner.gln.slice(0, 12)}${(Number(refiner.gln.at(-1)) + 1) % 10}`;
    await page.getByLabel('Receiving organisation (GLN)').fill(wrong);
    await page.getByRole('button', { name: 'Record the shipment' }).click();
    await page.getByText('This GLN’s check digit is wrong: check the 13 digits.').waitFor();
    await page.getByLabel('Receiving organisation (GLN)').fill(refiner.gln);
    await page.getByRole('button', { name: 'Record the shipment' }).click();
    await page.getByText('Queued:', { exact: false }).waitFor();
    await syncNow(6);
    expect(await axeViolations(page)).toEqual([]);

    const [first, second] = await Promise.all(lots.map(async (n) => (await orp.queries.lot(n))!));
    expect(first!.bag).toBe(second!.bag);
    expect(first).toMatchObject({ seal, tag, status: 'in_transit', inTransitTo: refiner.uri, owner: coop.uri, fineness: 8975 });
    expect(first!.assay).toMatchObject({ method: 'fire_assay', lab: 'Laboratorio Juliaca', sampleId: 'LJ-26-0042' });
  }, 120_000);

  it("a trading house records a purchase at a supplier's mine site", async () => {
    const orp = bw.server.orp;
    const house = (await orp.registry.organisation(DEMO_ORG_IDS.tradingHouse))!;
    const page = await bw.newPage({ viewport: PHONE });
    await page.goto(`${bw.server.url}/#/capture`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.tradingHouse));
    await page.getByText(/^Device F00\d /).waitFor();
    const prefix = ((await page.getByText(/^Device F00\d /).textContent()) ?? '').split(' ')[1]!;
    // The sites the API gives the house: it owns none; those it may buy from, labelled by name and country.
    const r = await page.request.get(`${bw.server.url}/sites`);
    const sites = (await r.json()) as { uri: string; name: string; country: string; owner: string; own: boolean }[];
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.filter((s) => s.own || s.owner === house.uri)).toEqual([]);
    const country = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

    await tab(page, 'Miner');
    await page.getByLabel('Name').fill('Amani Baraka');
    await page.getByLabel('Year of birth').fill('1990');
    await page.getByRole('button', { name: 'Register the miner' }).click();
    await tab(page, 'Purchase');
    const siteSelect = page.getByLabel('Mine site', { exact: true });
    expect(await siteSelect.locator('option').evaluateAll((os) => os.map((o) => [o.getAttribute('value'), o.textContent]))).toEqual(
      sites.map((s) => [s.uri, `${s.name}, ${country.of(s.country)} (supplier)`]),
    );
    const site = sites.at(-1)!;
    await page.getByLabel('Miner (seller)').selectOption({ label: 'Amani Baraka (registered on this device)' });
    await siteSelect.selectOption(site.uri);
    await page.getByLabel('Gross mass (grams)').fill('20');
    await page.getByLabel('Fineness (per mille)').fill('880');
    await page.getByLabel('Certification scheme').selectOption('');
    await page.getByLabel('Price paid').fill('1500.00');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'capture-supplier-site');
    await page.getByRole('button', { name: 'Record the purchase' }).click();
    await page.getByText('Queued:', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await tab(page, 'Queue');
    await expect.poll(() => page.getByTestId('queue-counts').textContent(), { timeout: 30_000 }).toBe('0 waiting · 2 accepted · 0 refused');

    // The lot was produced at the supplier's site, by the supplier (the site's owner), and bought by the house.
    // (Lot numbers repeat across organisations: every organisation's first device is F001.)
    const lot = (await orp.visibility.lot(`${prefix}-000001`, [house.uri]))!;
    expect(lot).toMatchObject({ site: site.uri, owner: house.uri, custodian: house.uri });
    const made = (await orp.visibility.lotEvents(lot.lot, [house.uri]))[0]!;
    expect((JSON.parse(made.body) as { ilmd: Record<string, unknown> }).ilmd['gold:producer']).toBe(site.owner);
  }, 120_000);
});
