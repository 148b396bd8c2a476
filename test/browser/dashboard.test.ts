import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import { programmeReport } from '../../src/reporting/programme.js';
import { reportPeriod } from '../../src/reports/index.js';
import { axeViolations, logIn, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

// The demo year, named in the URL so the test does not depend on today's date.
const YEAR = { from: '2026-01-01', to: '2027-01-01' };
const DASHBOARD = `/#/?from=${YEAR.from}&to=${YEAR.to}`;
// Intl separates French thousands with a narrow no-break space, and units with a no-break space.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
/** A decimal string written the French way: groups of three digits separated by spaces, decimal comma. */
const french = (decimal: string) => {
  const [int = '', frac] = decimal.split('.');
  return int.replace(/\B(?=(\d{3})+$)/g, ' ') + (frac === undefined ? '' : `,${frac}`);
};

type ApiSite = { id: string; name: string; country: string; icglr: { status: string }; openRisks: number; openIncidents: number };
type ApiFlows = { nodes: { id: string; key: string; name?: string }[]; links: { source: string; target: string; fineGrams: string; events: number }[]; totalFineGrams: string };
type ApiIncidents = { total: number; incidents: { id: string; rule: string }[] };

/** Milligrams of a gram decimal string, to add masses exactly. */
const mg = (grams: string) => Math.round(Number(grams) * 1000);

/** What the server answers the logged-in page (its session cookie), to compare the page with. */
async function apiOf<T>(page: Page, base: string, path: string): Promise<T> {
  const res = await page.request.get(base + path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

describe('the dashboard in the browser', () => {
  const bw = useBrowserWorld();
  /** Logs an organisation's admin in on the dashboard of the demo year and waits for the map and the flows. */
  const openDashboard = async (org: string, locale?: string) => {
    const page = await bw.newPage(locale ? { locale } : {});
    const errors = pageErrors(page);
    await page.goto(bw.server.url + DASHBOARD);
    await logIn(page, bw.server.admin(org));
    await page.locator('.map .map-site').first().waitFor();
    await page.locator('.panel-flows .flows-total').waitFor();
    await page.locator('.panel-incidents table, .panel-incidents .hint').first().waitFor();
    return { page, errors };
  };
  const figuresOf = async (org: string) =>
    JSON.parse((await programmeReport(bw.server.orp, { org, period: reportPeriod(YEAR.from, YEAR.to), format: 'json' })).bytes.toString('utf8'));

  it('logs a demo organisation admin in and shows its programme figures', async () => {
    const expected = await figuresOf(DEMO_ORG_IDS.peru);
    expect(expected.gold.purchases).toBeGreaterThan(0);
    const page = await bw.newPage();
    const errors = pageErrors(page);
    await page.goto(bw.server.url + DASHBOARD);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Log in');
    await screenshot(page, 'dashboard-login');
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    const figures = page.locator('.figures');
    await figures.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Dashboard');
    expect(await page.locator('.scope strong').textContent()).toBe(expected.organisation.name);
    expect(await figures.locator('[data-figure=purchases] .value').textContent()).toBe(String(expected.gold.purchases));
    const kg = Number(expected.gold.fineBoughtGrams) / 1000;
    expect(plain((await figures.locator('[data-figure=fineBought] .value').textContent())!)).toBe(`${kg.toFixed(3)} kg`);
    expect(await figures.locator('[data-figure=priceLbma] .value').textContent()).toBe(`${expected.averagePricePercentOfLbma}%`);
    expect(errors).toEqual([]);
  });

  it('shows a wrong password as a translated error on the login form', async () => {
    const page = await bw.newPage({ locale: 'fr-FR' });
    await page.goto(bw.server.url + '/');
    await page.getByLabel('Adresse e-mail').fill(bw.server.admin(DEMO_ORG_IDS.peru).email);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Adresse e-mail ou mot de passe incorrect, ou session expirée : reconnectez-vous.');
    expect(await alert.getAttribute('data-code')).toBe('ORP_UNAUTHENTICATED');
  });

  it('switches a French-speaking user to French labels and French numbers, and keeps French after a reload', async () => {
    const expected = await figuresOf(DEMO_ORG_IDS.peru);
    const page = await bw.newPage();
    await page.goto(bw.server.url + DASHBOARD);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    await page.locator('.figures').waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Tableau de bord');
    const check = async () => {
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Tableau de bord', 'Traçabilité', 'Saisie terrain', 'Devoir de diligence', 'Certificats', 'Rapports']);
      const figure = (id: string) => page.locator(`[data-figure=${id}]`);
      expect(await figure('fineBought').locator('h3').textContent()).toBe('Or fin acheté');
      const kg = (Number(expected.gold.fineBoughtGrams) / 1000).toFixed(3);
      expect(plain((await figure('fineBought').locator('.value').textContent())!)).toBe(`${french(kg)} kg`);
      expect(plain((await figure('priceLbma').locator('.value').textContent())!)).toBe(`${french(expected.averagePricePercentOfLbma)} %`);
      // The ledger record number has five digits: French groups them with a space ("26 985").
      expect(String(expected.ledger.seq).length).toBeGreaterThan(3);
      expect(plain((await page.locator('.stamp').textContent())!)).toContain(`l’enregistrement ${french(String(expected.ledger.seq))} du registre`);
      expect(plain((await page.locator('.scope').textContent())!)).toContain('Du 1 janvier 2026 au 1 janvier 2027');
    };
    await check();
    await page.reload();
    await page.locator('.figures').waitFor();
    await check();
  });

  it('offers English, French, Spanish and Swahili, each with its own navigation labels', async () => {
    const page = await bw.newPage({ locale: 'es-PE' });
    await page.goto(bw.server.url + DASHBOARD);
    // The browser's language chooses the first one: Spanish for es-PE.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Iniciar sesión');
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    await page.locator('.figures').waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').first().textContent()).toBe('Panel');
    await page.locator('[data-testid=lang]').selectOption('sw');
    await expect.poll(() => nav.getByRole('link').first().textContent()).toBe('Dashibodi');
    expect(await page.locator('[data-figure=fineBought] h3').textContent()).toBe('Dhahabu safi iliyonunuliwa');
    await screenshot(page, 'dashboard-sw');
    await page.locator('[data-testid=lang]').selectOption('en');
    await expect.poll(() => nav.getByRole('link').first().textContent()).toBe('Dashboard');
  });

  it('logs out from the account menu (a POST carrying the CSRF token) and a reload shows the login form again', async () => {
    const page = await bw.newPage();
    await page.goto(bw.server.url + DASHBOARD);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    await page.getByText('Account').click();
    expect(await page.locator('.user-menu-body').textContent()).toContain('Signed in as admin@coop-puno.demo');
    const logout = page.waitForResponse((r) => r.url().endsWith('/auth/logout'));
    await page.getByRole('button', { name: 'Log out' }).click();
    expect((await logout).status()).toBe(204);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Log in');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Log in');
    expect(await page.getByRole('navigation').count()).toBe(0);
  });

  it('has no serious or critical accessibility violation on the login page and the dashboard', async () => {
    const page = await bw.newPage();
    await page.goto(bw.server.url + DASHBOARD);
    await page.locator('form').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    await page.locator('.figures').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.user-menu summary').click();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('maps the sites the trading house may see, by ICGLR status and open risks, and a keyboard focus shows a site’s details', async () => {
    const { page, errors } = await openDashboard(DEMO_ORG_IDS.tradingHouse);
    const expected = (await apiOf<{ sites: ApiSite[] }>(page, bw.server.url, '/dashboard/sites')).sites;
    expect(expected.length).toBeGreaterThan(0);
    const markers = page.locator('.map .map-site');
    const shown = await markers.evaluateAll((els) => els.map((e) => [e.getAttribute('data-site'), e.getAttribute('data-status'), e.getAttribute('data-risk')]));
    expect(shown.sort()).toEqual(expected.map((s) => [s.id, s.icglr.status, s.openRisks + s.openIncidents > 0 ? 'open' : 'none']).sort());
    // Open risks are drawn as a ring, not by colour alone.
    expect(await page.locator('.map .map-site[data-risk=open] .risk-ring').count()).toBe(expected.filter((s) => s.openRisks + s.openIncidents > 0).length);
    expect(expected.some((s) => s.openIncidents > 0)).toBe(true);
    // Tab from the last control before the map reaches the first marker; its details show beside the map.
    await page.locator('form.period button[type=submit]').focus();
    const first = expected.find((s) => s.id === (shown[0]![0] as string))!;
    let steps = 0;
    const activeSite = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-site') ?? null);
    while ((await activeSite()) === null && steps++ < 30) await page.keyboard.press('Tab');
    const focused = await activeSite();
    expect(focused).toBe(first.id);
    expect(await page.locator(`.map .map-site[data-site="${first.id}"]`).getAttribute('aria-label')).toContain(first.name);
    const details = page.getByTestId('site-details');
    expect(await details.locator('h3').textContent()).toBe(first.name);
    expect(await details.locator('[data-field=incidents]').textContent()).toBe(String(first.openIncidents));
    expect(await details.locator('[data-field=risks]').textContent()).toBe(String(first.openRisks));
    expect(await page.locator('.map-legend li').count()).toBe(5);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('lists the trading house’s open incidents, each linked to the due diligence workspace', async () => {
    const { page } = await openDashboard(DEMO_ORG_IDS.tradingHouse);
    const expected = await apiOf<ApiIncidents>(page, bw.server.url, '/incidents?status=open&limit=10');
    expect(expected.total).toBeGreaterThan(0);
    const rows = page.locator('.incidents-table tbody tr');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-incident')))).toEqual(expected.incidents.map((i) => i.id));
    const link = rows.first().locator('a');
    expect(await link.getAttribute('href')).toBe(`#/diligence/incidents/${encodeURIComponent(expected.incidents[0]!.id)}`);
    expect(plain((await page.locator('.panel-incidents p').first().textContent())!)).toContain(`Open incidents: ${expected.total.toLocaleString('en-US')}.`);
    // The link opens the incident in the due diligence workspace.
    const summary = (await apiOf<{ summary: string }>(page, bw.server.url, `/incidents/${encodeURIComponent(expected.incidents[0]!.id)}`)).summary;
    await link.click();
    await expect.poll(() => page.locator('main .summary').textContent()).toBe(summary);
  });

  it('draws the fine gold the refiner may see flowing from the mine sites to the brand: the links add up to the server’s flows', async () => {
    const { page, errors } = await openDashboard(DEMO_ORG_IDS.refiner);
    const expected = await apiOf<ApiFlows>(page, bw.server.url, `/dashboard/flows?from=${YEAR.from}&to=${YEAR.to}`);
    expect(expected.links.length).toBeGreaterThan(3);
    const links = page.locator('.sankey .links path');
    const drawn = await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-fine-grams')!));
    expect(drawn).toHaveLength(expected.links.length);
    expect(drawn.reduce((a, g) => a + mg(g), 0)).toBe(mg(expected.totalFineGrams));
    expect(await page.locator('.flows-table tfoot [data-total]').getAttribute('data-total')).toBe(expected.totalFineGrams);
    const kg = (mg(expected.totalFineGrams) / 1e6).toFixed(3);
    expect(plain((await page.locator('.flows-total').textContent())!)).toContain(`${Number(kg).toLocaleString('en-US', { minimumFractionDigits: 3 })} kg`);
    // Sites by name, other organisations by their GS1 key: their names are not the refiner's to read.
    const labels = await page.locator('.sankey .flow-node > title').allTextContents();
    for (const n of expected.nodes) expect(labels.some((l) => l.startsWith(n.name ?? `organisation ${n.key}`)), n.id).toBe(true);
    expect(expected.nodes.filter((n) => n.name === undefined).length).toBeGreaterThan(0);
    await page.locator('.flows-details summary').click();
    expect(await page.locator('.flows-table tbody tr').count()).toBe(expected.links.length);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');
    expect(errors).toEqual([]);
  });

  it('shows a French-speaking user the dashboard in French: headings, legend, and numbers the French way', async () => {
    const page = await bw.newPage({ locale: 'fr-FR' });
    await page.goto(bw.server.url + DASHBOARD);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Connexion');
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.exporter));
    await page.locator('.map .map-site').first().waitFor();
    await page.locator('.panel-flows .flows-total').waitFor();
    const flows = await apiOf<ApiFlows>(page, bw.server.url, `/dashboard/flows?from=${YEAR.from}&to=${YEAR.to}`);
    expect(await page.locator('h1').textContent()).toBe('Tableau de bord');
    expect(await page.locator('main h2').allTextContents()).toEqual(['Chiffres du programme', 'Sites miniers', 'Flux d’or fin', 'Incidents ouverts']);
    expect(await page.locator('.map-legend li').allTextContents()).toEqual(['vert (certifié)', 'jaune (à améliorer)', 'rouge (exclu)', 'bleu (pas encore inspecté)', 'risques ou incidents ouverts']);
    // A decimal comma, and narrow no-break spaces before the unit and between groups of thousands.
    const total = (await page.locator('.flows-total').textContent())!;
    const kg = (mg(flows.totalFineGrams) / 1e6).toFixed(3);
    expect(total).toContain(`${french(kg).replaceAll(' ', '\u202f')}\u202fkg d’or fin ont changé de propriétaire`);
    const busiest = flows.links.reduce((a, l) => (l.events > a.events ? l : a));
    expect(busiest.events).toBeGreaterThan(999);
    const cells = await page.locator('.flows-table tbody tr td:nth-child(4)').allTextContents();
    expect(cells).toContain(french(String(busiest.events)).replaceAll(' ', '\u202f'));
    expect(await page.locator('.sankey .flow-node > title').allTextContents()).toContain('Ituri Gold Export SARL (Bunia) (exportateur)');
    await page.locator('.map .map-site').first().focus();
    expect(await page.getByTestId('site-details').locator('dt').first().textContent()).toBe('Pays');
    expect(await page.getByTestId('site-details').locator('dd').first().textContent()).toBe('Congo-Kinshasa');
    await screenshot(page, 'dashboard-fr');
  });
});
