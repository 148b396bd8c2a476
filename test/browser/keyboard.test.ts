import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORG_IDS } from '../../src/demo/index.js';
import { axeViolations, pageErrors, screenshot, useBrowserWorld } from '../support/browser.js';

/** The focused element as the tests read it: tag, id, text, its label, and whether a focus outline shows on screen. */
interface Focused {
  tag: string;
  id: string;
  text: string;
  label: string | null;
  outline: boolean;
  visible: boolean;
}

/** Evaluated in the page (a string: the test's TypeScript has no DOM types). An outline counts from 2 px. */
const READ_FOCUS = `(() => {
  const el = document.activeElement;
  if (!el) return undefined;
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.textContent || '').trim(),
    label: el.labels && el.labels.length > 0 ? (el.labels[0].textContent || '').trim() : el.getAttribute('aria-label'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
  };
})()`;

/** What has the keyboard focus. */
async function focused(page: Page): Promise<Focused | undefined> {
  return (await page.evaluate(READ_FOCUS)) as Focused | undefined;
}

/** Presses Tab until `stop` holds for the focused element (at most `max` times); returns every element passed. */
async function tabUntil(page: Page, stop: (f: Focused) => boolean, max = 40): Promise<Focused[]> {
  const seen: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = (await focused(page))!;
    seen.push(f);
    if (stop(f)) return seen;
  }
  throw new Error(`not reached in ${max} Tabs: ${seen.map((s) => s.text || s.label || s.tag).join(' | ')}`);
}

describe('the web app from the keyboard', () => {
  const bw = useBrowserWorld();

  it('reaches the skip link first, which moves focus to the main content; logs in with the keyboard alone', async () => {
    const page = await bw.newPage();
    const errors = pageErrors(page);
    await page.goto(bw.server.url + '/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Log in');

    // The first Tab lands on the skip link, which shows itself with a focus outline.
    await page.keyboard.press('Tab');
    const skip = (await focused(page))!;
    expect(skip).toMatchObject({ tag: 'a', text: 'Skip to content', outline: true, visible: true });
    await screenshot(page, 'login');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' });

    // From the main content, Tab reaches the form: e-mail, password, then Enter submits.
    const email = await tabUntil(page, (f) => f.tag === 'input');
    expect(email.at(-1)).toMatchObject({ label: 'E-mail', outline: true });
    const login = bw.server.admin(DEMO_ORG_IDS.peru);
    await page.keyboard.type(login.email);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'input', label: 'Password' });
    await page.keyboard.type(login.password);
    await page.keyboard.press('Enter');
    await page.locator('nav').waitFor();
    expect(errors).toEqual([]);
  });

  it('tabs through the navigation and the labelled language switcher, and opens each main page without accessibility violations', async () => {
    const page = await bw.newPage();
    await page.goto(bw.server.url + '/');
    await page.getByLabel('E-mail').fill(bw.server.admin(DEMO_ORG_IDS.peru).email);
    await page.getByLabel('Password').fill(bw.server.password);
    await page.getByLabel('Password').press('Enter');
    await page.locator('nav').waitFor();
    const navLabels = await page.locator('nav a').allTextContents();
    expect(navLabels.length).toBeGreaterThan(3);

    // From the top of a fresh page (reloaded: the session cookie keeps the reader logged in): the skip link, the
    // brand, every navigation link in order (each with a focus outline), then the language switcher.
    await page.reload();
    await page.locator('nav').waitFor();
    const passed = await tabUntil(page, (f) => f.tag === 'select');
    expect(passed[0]).toMatchObject({ tag: 'a', text: 'Skip to content' });
    const links = passed.filter((f) => f.tag === 'a' && navLabels.includes(f.text));
    expect(links.map((f) => f.text)).toEqual(navLabels);
    expect(links.every((f) => f.outline && f.visible)).toBe(true);
    expect(passed.at(-1)).toMatchObject({ tag: 'select', label: 'Language', outline: true });
    expect(await page.getByLabel('Language', { exact: true }).evaluate((el) => el.tagName)).toBe('SELECT');

    // Each main page, opened from its navigation link with Enter, has its title and no serious or critical violation.
    for (const [name, heading] of [
      ['Trace', 'Trace explorer'],
      ['Certificates', 'Certificates and claims'],
      ['Reports', 'Reports'],
      ['Dashboard', 'Dashboard'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name, exact: true }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
      expect(await page.getByRole('navigation').getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
      await page.locator('main').locator('form, table, .figures, [data-report]').first().waitFor();
      expect(await axeViolations(page), name).toEqual([]);
    }
  });
});
