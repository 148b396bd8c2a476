import { describe, expect, it } from 'vitest';
import { randomPassword } from '../../src/access/index.js';
import { addGrant, addUser } from '../../src/accounts/index.js';
import { lotView } from '../../src/custody/index.js';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import { axeViolations, logIn, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

describe('the trace explorer in the browser', () => {
  const bw = useBrowserWorld();

  /** The demo jeweller's first Fairmined ring, and the names of the mine sites its gold came from. */
  async function demoRing() {
    const orp = bw.server.orp;
    const jeweller = (await orp.registry.organisation(DEMO_ORG_IDS.jeweller))!;
    const ring = lotView((await orp.queries.lots({ party: jeweller.uri, form: 'product', limit: 1000 })).find((l) => l.scheme === 'fairmined')!);
    const trace = await orp.traceBackward(ring.id);
    const sites = new Map((await orp.registry.sites()).map((s) => [s.uri, `${s.name} (${s.icglrId})`]));
    const parents = trace.ancestors.filter((a) => a.depth === 1).map((a) => a.lot);
    return { ring, siteNames: trace.origins.map((o) => sites.get(o.site)!).sort(), parents };
  }

  it('an auditor follows a ring back to its mine sites', async () => {
    const { ring, siteNames, parents } = await demoRing();
    expect(siteNames.length).toBeGreaterThan(0);
    expect(parents).toHaveLength(1);
    // The certification body's auditor, to whom the jeweller granted access (as for an RMAP or scheme audit).
    const orp = bw.server.orp;
    const auditor = { email: `auditor@${DEMO_ORG_IDS.certifier}.demo`, password: randomPassword() };
    await addUser(orp, { org: DEMO_ORG_IDS.certifier, email: auditor.email, role: 'auditor', password: auditor.password });
    await addGrant(orp, { from: DEMO_ORG_IDS.jeweller, to: DEMO_ORG_IDS.certifier });
    const page = await bw.newPage();
    const errors = pageErrors(page);
    await page.goto(bw.server.url + '/#/trace');
    await logIn(page, auditor);
    expect(await page.locator('h1').textContent()).toBe('Trace explorer');

    await page.getByLabel('Lot, tag, bar or product code').fill(ring.lotNumber);
    await page.getByRole('button', { name: 'Trace' }).click();
    await expect.poll(() => page.locator('#lot-title').textContent()).toBe(`Lot ${ring.lotNumber}`);
    expect(await page.locator('[data-fact=form]').textContent()).toBe('product');
    expect(await page.locator('[data-fact=scheme]').textContent()).toBe('Fairmined');

    // The graph: the mine sites in the first column, the ring as the current node, its parent a link.
    const graph = page.locator('svg.graph');
    await graph.waitFor();
    const sitesInGraph = async () => (await graph.locator('[data-kind=site]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).sort();
    expect(await sitesInGraph()).toEqual(siteNames);
    expect(await graph.locator('[data-kind=current]').getAttribute('data-label')).toBe(ring.lotNumber);
    expect(await page.locator('table.origins tbody th').allTextContents()).toEqual(expect.arrayContaining(siteNames));

    // Its events, with their step and the lots that went in.
    const events = page.locator('.events > li');
    expect(await events.count()).toBeGreaterThan(0);
    expect(await events.first().locator('h3').textContent()).toContain('Transformed (melt)');

    // The integrity badge: the demo ledger recomputes.
    await expect.poll(() => page.locator('[data-integrity]').getAttribute('data-integrity'), { timeout: 60_000 }).toBe('verified');
    expect(await page.locator('[data-integrity]').textContent()).toMatch(/^Verified\. Every hash, link and signature of the ledger recomputes: [\d,]+ records, head [0-9a-f]{12}\.$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'trace');

    // Back through the parent lot, from the keyboard: the node is a focusable link that traces that lot.
    const parentNumber = lotView((await bw.server.orp.queries.lot(parents[0]!))!).lotNumber;
    const parent = graph.locator(`a[data-kind=lot][data-label="${parentNumber}"]`);
    await parent.focus();
    expect(await parent.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#lot-title').textContent()).toBe(`Lot ${parentNumber}`);
    await graph.waitFor();
    expect(await graph.locator('[data-kind=current]').getAttribute('data-label')).toBe(parentNumber);
    // The ring is now among what the parent went into, and the mine sites are still at the left.
    expect(await graph.locator('a[data-kind=lot]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).toContain(ring.lotNumber);
    expect(await sitesInGraph()).toEqual(siteNames);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/trace/${parents[0]}`);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('finds the lots carrying a bag tag, in Swahili', async () => {
    const orp = bw.server.orp;
    const house = (await orp.registry.organisation(DEMO_ORG_IDS.tradingHouse))!;
    const tag = (await orp.queries.lots({ party: house.uri, limit: 1000 })).find((l) => l.tag)!.tag!;
    const carrying = (await orp.queries.lots({ tag, limit: 20 })).map(lotView);
    expect(carrying.length).toBeGreaterThan(1);
    const page = await bw.newPage({ locale: 'sw' });
    await page.goto(bw.server.url + '/#/trace/' + encodeURIComponent(tag));
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.tradingHouse));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Kichunguzi cha ufuatiliaji');
    await expect.poll(() => page.locator('#choices-title').textContent()).toBe(`Makundi yenye lebo ${tag}`);
    expect(await page.locator('#choices-title + ul a').allTextContents()).toEqual(carrying.map((l) => l.lotNumber));
    await page.getByRole('link', { name: carrying[0]!.lotNumber, exact: true }).click();
    await expect.poll(() => page.locator('#lot-title').textContent()).toBe(`Kundi ${carrying[0]!.lotNumber}`);
    // A production lot: its mine site is drawn next to it.
    await page.locator('svg.graph [data-kind=site]').first().waitFor();
    expect(await page.locator('[data-fact=form]').textContent()).toBe('dhahabu ya sponji');
  });

  it('says a lot that does not exist is not found', async () => {
    const page = await bw.newPage();
    await page.goto(bw.server.url + '/#/trace/NO-SUCH-LOT');
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.jeweller));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('ORP_NOT_FOUND');
  });
});
