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

describe('the dashboard in the browser', () => {
  const bw = useBrowserWorld();
  const figuresOf = async (org: string) =>
    JSON.parse((await programmeReport(bw.server.orp, { org, period: reportPeriod(YEAR.from, YEAR.to), format: 'json' })).bytes.toString('utf8'));

  it('logs a demo organisation admin in and shows its programme figures', async () => {
    const expected = await figuresOf(DEMO_ORG_IDS.peru);
    expect(expected.gold.purchases).toBeGreaterThan(0);
    const page = await bw.newPage();
    const errors = pageErrors(page);
    await page.goto(bw.server.url + DASHBOARD);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Log in');
    await screenshot(page, 'login');
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    const figures = page.locator('.figures');
    await figures.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Dashboard');
    expect(await page.locator('.scope strong').textContent()).toBe(expected.organisation.name);
    expect(await figures.locator('[data-figure=purchases] .value').textContent()).toBe(String(expected.gold.purchases));
    const kg = Number(expected.gold.fineBoughtGrams) / 1000;
    expect(plain((await figures.locator('[data-figure=fineBought] .value').textContent())!)).toBe(`${kg.toFixed(3)} kg`);
    expect(await figures.locator('[data-figure=priceLbma] .value').textContent()).toBe(`${expected.averagePricePercentOfLbma}%`);
    await screenshot(page, 'dashboard');
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
    await screenshot(page, 'dashboard-fr');
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
});
