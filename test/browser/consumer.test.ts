import { describe, expect, it } from 'vitest';
import { demoDisclosureCode } from '../../src/demo/index.js';
import { axeViolations, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

const PHONE = { width: 390, height: 844 };

describe('the consumer verification page in the browser', () => {
  const bw = useBrowserWorld();

  it("a consumer opens the demo ring's code on a phone and reads the story of its gold, in the phone's language", async () => {
    const code = await demoDisclosureCode(bw.server.orp);
    expect(code).toBeDefined();
    const page = await bw.newPage({ locale: 'es-ES', viewport: PHONE });
    const errors = pageErrors(page);
    const res = await page.goto(`${bw.server.url}/verify/${code}`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('La historia de este oro');
    const story = (await page.locator('.story').innerText()).replace(/\s+/g, ' ');
    expect(story).toContain('Extraído en Perú.');
    expect(story).toContain('Certificado Fairmined.');
    expect(story).toContain('doré → lingote → producto terminado');
    await page.locator('figure.qr svg').waitFor();
    // The style sheet applied (CSP allows it) and nothing overflows the phone's width.
    // (No DOM types in the tests' TypeScript: the browser's window is reached through globalThis.)
    const listStyle = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { listStyleType: string } }).getComputedStyle(el).listStyleType;
    expect(await page.locator('.story').evaluate(listStyle)).toBe('none');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'consumer-verify-phone');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('The story of this gold');
    expect(errors).toEqual([]);
  });

  it('tells a consumer with an unknown code, in French, that nothing is published under it', async () => {
    const page = await bw.newPage({ locale: 'fr-FR', viewport: PHONE });
    const res = await page.goto(`${bw.server.url}/verify/nosuchcode`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Code introuvable');
    await screenshot(page, 'consumer-verify-unknown');
    expect(await axeViolations(page)).toEqual([]);
  });
});
