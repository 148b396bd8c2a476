import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ClaimVerdict } from '../../src/certification/index.js';
import { lotView } from '../../src/custody/index.js';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import type { AuthorisationView } from '../../src/registrar/index.js';
import { axeViolations, logIn, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

/** What the API answers the logged-in page (same cookies as the page): the expectations of the test. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

describe('the certificates and claims pages in the browser', () => {
  const bw = useBrowserWorld();

  /** The registry page logged in as the demo certifier's admin (it issued the demo's certificates), and what the API lists. */
  async function openRegistry() {
    const page = await bw.newPage();
    const errors = pageErrors(page);
    await page.goto(bw.server.url + '/#/certificates');
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.certifier));
    const { certificates } = await apiGet<{ certificates: AuthorisationView[] }>(page, `${bw.server.url}/certificates`);
    return { page, errors, certificates };
  }

  /** The ids of the registry table's rows, in order. */
  const rowIds = (page: Page) => page.locator('table.registry tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-certificate')));

  it('lists the certificates the API returns, flags the expired ones in words and filters by scheme', async () => {
    const { page, errors, certificates } = await openRegistry();
    expect(certificates.length).toBeGreaterThan(1);
    await page.locator('table.registry').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Certificates and claims');
    expect(await rowIds(page)).toEqual(certificates.map((c) => c.id));

    // Every certificate's standing is said in words; an expired one says since when.
    for (const c of certificates) {
      const flag = page.locator(`tr[data-certificate="${c.id}"] [data-flag]`);
      const kind = await flag.getAttribute('data-flag');
      expect(kind === 'expiring' ? c.standing.valid : kind === c.standing.status).toBe(true);
    }
    const expired = certificates.filter((c) => c.standing.status === 'expired');
    expect(expired.length).toBeGreaterThan(0);
    for (const c of expired) expect(await page.locator(`tr[data-certificate="${c.id}"] [data-flag]`).textContent()).toMatch(/^Expired since \w+ \d+, \d{4}$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'certificates');

    await page.getByLabel('Scheme', { exact: true }).selectOption('craft');
    const craft = certificates.filter((c) => c.scheme === 'craft').map((c) => c.id);
    expect(craft.length).toBeGreaterThan(0);
    await expect.poll(() => rowIds(page)).toEqual(craft);
    await page.getByLabel('Standing', { exact: true }).selectOption('expired');
    await expect.poll(() => rowIds(page)).toEqual(certificates.filter((c) => c.scheme === 'craft' && c.standing.status === 'expired').map((c) => c.id));
    expect(errors).toEqual([]);

    // A number the caller may not read (or that does not exist) is the API's translated 404.
    await page.goto(bw.server.url + '/#/certificates/NO-SUCH-CERTIFICATE');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('ORP_NOT_FOUND');
  });

  it('opens a certificate with its sites’ inspections, downloads its credential and verifies it', async () => {
    const { page, errors, certificates } = await openRegistry();
    const cert = certificates.find((c) => c.standing.valid && (c.scope.sites?.length ?? 0) > 0)!;
    expect(cert).toBeDefined();
    await page.getByRole('link', { name: cert.id, exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Certificate ${cert.id}`);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/certificates/${cert.id}`);
    await page.locator('[data-fact=issuedOn]').waitFor();
    expect(await page.locator('[data-fact=validUntil]').textContent()).toBe(new Date(`${cert.validUntil}T00:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' }));

    // One entry per mine site of its scope, with the ICGLR status the API gives that site today.
    const sites = page.locator('.sites > li');
    expect(await sites.evaluateAll((els) => els.map((e) => e.getAttribute('data-site')))).toEqual(cert.scope.sites);
    for (const site of cert.scope.sites!) {
      const { status } = await apiGet<{ status: { status: string } }>(page, `${bw.server.url}/sites/${encodeURIComponent(site)}/inspections`);
      await expect.poll(() => page.locator(`.sites > li[data-site="${site}"] [data-icglr]`).getAttribute('data-icglr')).toBe(status.status);
    }

    // The credential: saved under the certificate's number, and verified by the server.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the verifiable credential' }).click()]);
    expect(file.suggestedFilename()).toBe(`${cert.id}.vc.json`);
    const vc = JSON.parse((await readFile((await file.path())!)).toString('utf8')) as { type: string[]; proof: { cryptosuite: string } };
    expect(vc.type).toContain('VerifiableCredential');
    expect(vc.proof.cryptosuite).toBe('eddsa-jcs-2022');
    await page.getByRole('button', { name: 'Verify the credential' }).click();
    const verdict = page.locator('.verdict[data-valid]');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-valid')).toBe('true');
    expect(await verdict.textContent()).toContain('Valid.');

    // The same file, altered, fails verification, with the problem named.
    const tampered = { ...vc, validUntil: '2099-12-31T23:59:59Z' };
    await page.getByLabel('Verify a credential file').setInputFiles({ name: 'tampered.vc.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await expect.poll(() => page.locator('.verdict[data-valid]').getAttribute('data-valid')).toBe('false');
    expect(await page.locator('.verdict [data-problem]').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem')))).toContain('signature_invalid');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'certificate');
    expect(errors).toEqual([]);
  });

  /** The jeweller's Fairmined products: the first on which Fairmined Labelled holds, and the first on which it fails. */
  async function demoClaims(): Promise<{ holds: ClaimVerdict & { number: string }; fails: ClaimVerdict & { number: string } }> {
    const orp = bw.server.orp;
    const jeweller = (await orp.registry.organisation(DEMO_ORG_IDS.jeweller))!;
    const rings = (await orp.queries.lots({ party: jeweller.uri, form: 'product', limit: 1000 })).map(lotView).filter((l) => l.scheme === 'fairmined');
    let holds: (ClaimVerdict & { number: string }) | undefined;
    let fails: (ClaimVerdict & { number: string }) | undefined;
    for (const ring of rings) {
      const v = { ...(await orp.checkClaim(ring.id, 'fairmined-labelled')), number: ring.lotNumber };
      if (v.valid) holds ??= v;
      else fails ??= v;
      if (holds && fails) break;
    }
    return { holds: holds!, fails: fails! };
  }

  it('checks a claim that holds and one that fails, with every reason, from a link and from the form', async () => {
    const { holds, fails } = await demoClaims();
    expect(holds).toBeDefined();
    expect(fails?.reasons.length).toBeGreaterThan(0);
    const page = await bw.newPage();
    const errors = pageErrors(page);
    await page.goto(`${bw.server.url}/#/certificates/claim?lot=${encodeURIComponent(holds.number)}&claim=fairmined-labelled`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.jeweller));
    const verdict = page.locator('section.verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-valid')).toBe('true');
    expect(await page.locator('#verdict-title').textContent()).toBe(`Fairmined Labelled holds on ${holds.number}`);
    expect(await verdict.locator('.backing dt').first().textContent()).toBe(`Lots of the chain (${holds.backing.lots.length})`);
    expect(await verdict.getByRole('link', { name: `Trace lot ${holds.number}` }).getAttribute('href')).toBe(`#/trace/${encodeURIComponent(holds.lot)}`);
    expect(await page.getByLabel('Lot or product number').inputValue()).toBe(holds.number);

    await page.getByLabel('Lot or product number').fill(fails.number);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent()).toBe(`Fairmined Labelled does not hold on ${fails.number} (${fails.reasons.length} reasons)`);
    expect(await verdict.getAttribute('data-valid')).toBe('false');
    expect(await verdict.locator('.reason').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(fails.reasons.map((r) => r.code));
    // A reason naming an authorisation links to its page.
    const withAuthorisation = fails.reasons.find((r) => r.authorisation);
    if (withAuthorisation) expect(await verdict.getByRole('link', { name: withAuthorisation.authorisation!, exact: true }).first().getAttribute('href')).toBe(`#/certificates/${encodeURIComponent(withAuthorisation.authorisation!)}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'claim-check');

    // The ICGLR claim reads the dated ICGLR status periods: their versions are shown with their source.
    await page.getByLabel('Claim', { exact: true }).selectOption('icglr-certified');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.locator('#verdict-title').textContent()).toMatch(/^ICGLR certified /);
    const { versions } = await apiGet<{ versions: { source: string }[] }>(page, `${bw.server.url}/rules?rule=icglr.status_period`);
    expect(versions.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.rules tbody tr[data-rule]').count()).toBe(versions.length);
    expect(await page.locator('.rules tbody tr').first().textContent()).toContain(versions[0]!.source);
    expect(errors).toEqual([]);
  });

  it('reaches the claim check from a lot of the trace explorer, in French', async () => {
    const { fails } = await demoClaims();
    const page = await bw.newPage({ locale: 'fr-FR' });
    await page.goto(`${bw.server.url}/#/trace/${encodeURIComponent(fails.number)}`);
    await logIn(page, bw.server.admin(DEMO_ORG_IDS.jeweller));
    await page.getByRole('link', { name: 'Vérifier une allégation sur ce lot' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vérifier une allégation');
    expect(await page.getByLabel('Numéro de lot ou de produit').inputValue()).toBe(fails.lot);
    // The ring is segregated Fairmined: its segregated claim is preselected.
    expect(await page.getByLabel('Allégation', { exact: true }).inputValue()).toBe('fairmined-labelled');
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await expect.poll(() => page.locator('section.verdict').getAttribute('data-valid')).toBe('false');
    expect(await page.locator('.reason h3').first().textContent()).not.toBe(fails.reasons[0]!.code);

    // The jeweller reads its own licence but did not issue it: no status change is offered.
    const { certificates } = await apiGet<{ certificates: AuthorisationView[] }>(page, `${bw.server.url}/certificates`);
    const own = certificates.find((c) => c.kind === 'licence')!;
    expect(own).toBeDefined();
    await page.goto(`${bw.server.url}/#/certificates/${encodeURIComponent(own.id)}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Certificat ${own.id}`);
    await page.locator('#vc-title').waitFor();
    expect(await page.locator('section.status-change').count()).toBe(0);
  });

  // The last two change the registry of this file's server: CRAFT reports, which no other test here reads.
  it('lets the issuer suspend a certificate from today, then withdraw it for good', async () => {
    const { page, errors, certificates } = await openRegistry();
    const cert = certificates.find((c) => c.scheme === 'craft' && c.standing.valid && c.statusChanges.length === 0)!;
    expect(cert).toBeDefined();
    await page.getByRole('link', { name: cert.id, exact: true }).click();
    const form = page.locator('section.status-change');
    await form.waitFor();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    // Suspended from today: its standing says so at once, and the registry holds the change.
    await form.getByLabel('New status').selectOption('suspended');
    await form.getByLabel('Reason').fill('audit finding');
    await form.getByRole('button', { name: 'Record the change' }).click();
    await expect.poll(() => page.locator('.facts [data-flag]').getAttribute('data-flag')).toBe('suspended');
    const after = await apiGet<AuthorisationView>(page, `${bw.server.url}/certificates/${encodeURIComponent(cert.id)}`);
    expect(after.statusChanges).toEqual([{ status: 'suspended', from: after.standing.on, reason: 'audit finding' }]);
    // The page re-renders after the answer: wait for it rather than read the DOM once.
    await expect.poll(() => page.locator('#history-title + ul li').allTextContents()).toEqual([`suspended from ${new Date(`${after.standing.on}T00:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' })} — audit finding`]);

    // Withdrawn from a later day: a withdrawal is final, so no form is offered any more.
    await form.getByLabel('New status').selectOption('withdrawn');
    await form.getByLabel('From (today or later)').fill(day(10));
    await form.getByRole('button', { name: 'Record the change' }).click();
    await expect.poll(async () => (await apiGet<AuthorisationView>(page, `${bw.server.url}/certificates/${encodeURIComponent(cert.id)}`)).statusChanges.length).toBe(2);
    await expect.poll(() => form.textContent()).toContain('a withdrawal is final');
    expect(await form.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the server refusing a status change dated before the last change', async () => {
    const { page, certificates } = await openRegistry();
    const cert = certificates.find((c) => c.scheme === 'craft' && c.standing.valid && c.statusChanges.length === 0)!;
    expect(cert).toBeDefined();
    await page.goto(`${bw.server.url}/#/certificates/${encodeURIComponent(cert.id)}`);
    const form = page.locator('section.status-change');
    await form.waitFor();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('New status').selectOption('suspended');
    await form.getByLabel('From (today or later)').fill(day(30));
    await form.getByRole('button', { name: 'Record the change' }).click();
    await expect.poll(() => page.locator('#history-title + ul li').count()).toBe(1);
    await form.getByLabel('New status').selectOption('active');
    await form.getByLabel('From (today or later)').fill(day(20));
    await form.getByRole('button', { name: 'Record the change' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('ORP_STATUS_CHANGE_REFUSED');
    expect(await alert.textContent()).toMatch(/^The status cannot be changed: /);
    expect((await apiGet<AuthorisationView>(page, `${bw.server.url}/certificates/${encodeURIComponent(cert.id)}`)).statusChanges).toHaveLength(1);
  });
});
