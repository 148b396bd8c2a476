import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import { axeViolations, logIn, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

/** Clicks the Download button of a report's form and returns the file the browser saved. */
async function download(page: Page, report: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-report=${report}]`).getByRole('button', { name: 'Download' }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

describe('the reports page in the browser', () => {
  const bw = useBrowserWorld();
  const open = async (locale = 'en-US') => {
    const page = await bw.newPage({ locale });
    await page.goto(`${bw.server.url}/#/reports`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.peru));
    await page.locator('[data-report]').first().waitFor();
    return page;
  };

  it('downloads the Step 5 report as a PDF under the server’s name and shows the ledger head it was cut at', async () => {
    const page = await open();
    const errors = pageErrors(page);
    expect(await page.locator('h1').textContent()).toBe('Reports');
    const form = page.locator('[data-report=step5]');
    expect(await form.getByLabel('Year').inputValue()).toBe(String(new Date().getFullYear()));
    await form.getByLabel('Year').fill('2026');
    const answer = page.waitForResponse((r) => r.url().includes('/reports/step5'));
    const file = await download(page, 'step5');
    const headers = (await answer).headers();
    expect(file.name).toBe(`step5-${DEMO_ORG_IDS.peru}-2026.pdf`);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(headers['x-ledger-head']).toMatch(/\S/);
    expect(await form.locator('.saved').textContent()).toContain(`Saved ${file.name}.`);
    expect(await form.locator('.ledger-head code').textContent()).toBe(headers['x-ledger-head']);
    expect(await form.locator('.ledger-head').textContent()).toContain(`ledger record ${Number(headers['x-ledger-seq']).toLocaleString('en-US')}`);
    await screenshot(page, 'reports');
    expect(errors).toEqual([]);
  });

  it('downloads the programme figures as CSV from the keyboard', async () => {
    const page = await open();
    const form = page.locator('[data-report=programme]');
    await form.getByLabel('From').fill('2026-01-01');
    await form.getByLabel('To (exclusive)').fill('2027-01-01');
    expect(await form.getByLabel('Format').inputValue()).toBe('csv');
    // From the last input, Tab reaches the Download button and Enter presses it.
    await form.getByLabel('Format').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Download');
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(file.suggestedFilename()).toBe(`programme-${DEMO_ORG_IDS.peru}-2026-01-01-2027-01-01.csv`);
    const csv = (await readFile((await file.path())!)).toString('utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toMatch(/^[\w ,."-]+$/);
    expect(header!.split(',').length).toBeGreaterThan(1);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('shows a refused report as the translated API error, in French', async () => {
    const page = await open('fr-FR');
    expect(await page.locator('h1').textContent()).toBe('Rapports');
    const form = page.locator('[data-report=statement]');
    await form.getByLabel('Organisation productrice (identifiant)').fill('no-such-producer');
    await form.getByRole('button', { name: 'Télécharger' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('ORP_NOT_FOUND');
    expect(await alert.textContent()).toBe('Introuvable, ou non visible pour votre organisation.');
    expect(await form.locator('.saved').count()).toBe(0);
  });

  it('posts the ICGLR certificate form with the CSRF token and shows the refusal of an unknown lot', async () => {
    const page = await open();
    const form = page.locator('[data-report=icglr]');
    await form.getByLabel('Lot (number or URI)').fill('NO-SUCH-LOT');
    for (const label of ['Route', 'Transport company', 'Issuing authority', 'Verifier’s name', 'Verifier’s position', 'Verifier’s identity number', 'Validator']) {
      await form.getByLabel(label, { exact: true }).fill('x');
    }
    await form.getByLabel('Customs value (USD)').fill('125000.00');
    const answer = page.waitForResponse((r) => r.url().endsWith('/reports/icglr'));
    await form.getByRole('button', { name: 'Download' }).click();
    expect((await answer).request().headers()['x-orpaille-csrf']).toMatch(/\S/);
    const alert = form.getByRole('alert');
    await alert.waitFor();
    // Past the CSRF check and the body schema: the route itself looked the lot up.
    expect(await alert.getAttribute('data-code')).toBe('ORP_NOT_FOUND');
  });

  it('labels every input and has no serious or critical accessibility violation', async () => {
    const page = await open();
    expect(await page.locator('[data-report]').evaluateAll((els) => els.map((e) => e.getAttribute('data-report')))).toEqual(['step5', 'cmrt', 'rmap', 'statement', 'programme', 'icglr']);
    for (const input of await page.locator('main input, main select').all()) {
      const id = await input.getAttribute('id');
      expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    }
    expect(await axeViolations(page)).toEqual([]);
  });
});
