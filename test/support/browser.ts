import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { randomPassword } from '../../src/access/index.js';
import { addUser, bootstrapPlatformAdmin } from '../../src/accounts/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { serve } from '../../src/http/index.js';
import { webRoot } from '../../src/http/web.js';
import { openOrpaille, type Orpaille } from '../../src/orpaille.js';
import { projectRoot } from '../../src/paths.js';
import { testStores } from './stores.js';

/*
 * Browser tests: Debian's Chromium driven by playwright-core against the real server (src/http `serve`) on a free
 * port, over a temporary SQLite database seeded with the demo, logged in as the demo accounts `npm start` creates.
 * A missing Chromium or a missing build is a failure, never a skip (.ci/run installs Chromium).
 */

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(projectRoot(), 'test-artifacts', 'screenshots');

/** Launches headless Chromium (no sandbox when running as root, as in CI containers). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium; .ci/run does)`);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: root ? ['--no-sandbox'] : [] });
}

/** The demo behind a running server: its URL and the logins `npm start` prints on a first start. */
export interface DemoServer {
  url: string;
  orp: Orpaille;
  /** Password of every demo organisation admin, `admin@<org id>.demo` (as `npm start` creates them). */
  password: string;
  /** The platform administrator (no organisation: sees every organisation's programme figures). */
  platformAdmin: { email: string; password: string };
  /** The login of an organisation's demo admin. */
  admin(org: string): { email: string; password: string };
  close(): Promise<void>;
}

/**
 * A SQLite file holding the seeded demo (no users), made once and reused while the code and rules that produce it
 * are unchanged: seeding takes a minute or more, and every browser test file needs the same demo.
 */
async function demoTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['src', 'rules']) {
    const base = join(projectRoot(), dir);
    for (const f of readdirSync(base, { recursive: true, encoding: 'utf8' }).sort()) {
      if (/\.(ts|json|sql)$/.test(f) && !f.endsWith('.test.ts')) hash.update(f).update(readFileSync(join(base, f)));
    }
  }
  const cacheDir = join(tmpdir(), 'orpaille-browser-demo');
  const file = join(cacheDir, `${hash.digest('hex').slice(0, 16)}.db`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  // Seeded under a private name, then renamed: a concurrent test file never reads a half-seeded database.
  const partial = `${file}.${process.pid}.partial`;
  const orp = await openOrpaille({ sqlitePath: partial });
  try {
    await seedDemo(orp);
  } finally {
    await orp.close();
  }
  // Closing the last connection checkpoints the write-ahead log into the file: the file alone is the demo.
  if (existsSync(`${partial}-wal`)) throw new Error(`${partial}-wal left after close: the template would be incomplete`);
  renameSync(partial, file);
  // Templates of older code are dropped after an hour (a run still copying one is long done by then).
  for (const f of readdirSync(cacheDir)) {
    const path = join(cacheDir, f);
    if (path !== file && Date.now() - statSync(path).mtimeMs > 3600_000) rmSync(path, { force: true });
  }
  return file;
}

/** Serves a fresh copy of the demo (SQLite) with the built web app on a free port. */
export async function startDemoServer(): Promise<DemoServer> {
  if (!existsSync(join(webRoot(), 'index.html'))) throw new Error('dist/web is not built: run npm run build (npm test does)');
  const db = await testStores[0]!.create();
  copyFileSync(await demoTemplate(), db.sqlitePath!);
  const orp = await openOrpaille({ sqlitePath: db.sqlitePath! });
  const platformAdmin = (await bootstrapPlatformAdmin(orp))!;
  const password = randomPassword();
  for (const org of await orp.registry.organisations()) await addUser(orp, { org: org.id, email: `admin@${org.id}.demo`, role: 'admin', password });
  // Secure cookie as `npm start` sets it: browsers accept it from http://localhost.
  const { app, url } = await serve(orp, { port: 0, host: 'localhost', rateLimit: false });
  return {
    url,
    orp,
    password,
    platformAdmin,
    admin: (org) => ({ email: `admin@${org}.demo`, password }),
    async close() {
      await app.close();
      await orp.close();
      await db.cleanup();
    },
  };
}

/**
 * Claims a screenshot name for this run, throwing when another test (in any file) already wrote it: one file
 * would silently overwrite the other. Test files run in forks of one vitest process, whose pid names the run; each
 * name's claim is a file under `.taken/`, created exclusively so that two forks cannot both win it.
 */
function claimScreenshot(name: string): void {
  const dir = join(SCREENSHOTS, '.taken');
  mkdirSync(dir, { recursive: true });
  const { testPath, currentTestName } = expect.getState();
  const me = `${process.ppid}\t${testPath ?? '?'} > ${currentTestName ?? '?'}`;
  const file = join(dir, name);
  try {
    writeFileSync(file, me, { flag: 'wx' });
    return;
  } catch {
    // Claimed before: by this run (a clash) or by an earlier one (stale, taken over).
  }
  const [run, owner] = readFileSync(file, 'utf8').split('\t');
  if (run === String(process.ppid)) throw new Error(`screenshot '${name}' is already written in this run by ${owner}: give each screenshot its own name`);
  writeFileSync(file, me);
}

/** Writes a full-page screenshot to test-artifacts/screenshots/NAME.png; NAME must be unique across test/browser. */
export async function screenshot(page: Page, name: string): Promise<string> {
  claimScreenshot(name);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** An accessibility violation axe-core reports, with the elements it found it on. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A/AA rules) on the page and returns its serious and critical violations. The script is
 * evaluated through the DevTools protocol, not added as a <script>, so the page's CSP stays as the server sent it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/**
 * Collects what the page logs as errors (failed scripts, CSP violations, uncaught exceptions), except the 401 of
 * the app asking GET /auth/me whether anyone is logged in.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    const probe = m.location().url.endsWith('/auth/me') && m.text().includes('401');
    if (m.type() === 'error' && !probe) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Fills the login form and waits for the navigation of the signed-in layout. */
export async function logIn(page: Page, login: { email: string; password: string }): Promise<void> {
  await page.getByLabel(/e-mail|correo|barua pepe/i).fill(login.email);
  await page.getByLabel(/password|mot de passe|contraseña|nenosiri/i).fill(login.password);
  await page.locator('form button[type=submit]').click();
  // The header's navigation (pages may have navigation landmarks of their own).
  await page.locator('header nav').waitFor();
}

/** One browser and one demo server for a test file, with a fresh context (cookies, storage) per `newPage`. */
export interface BrowserWorld {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** A page in a new browser context (no cookies, no stored language), `locale` as the browser's language. */
  newPage(opts?: { locale?: string; viewport?: { width: number; height: number } }): Promise<Page>;
}

/** Registers beforeAll/afterAll that start the demo server and Chromium for the describe block. */
export function useBrowserWorld(): BrowserWorld {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchChromium()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    async newPage(opts = {}) {
      const context = await browser!.newContext({ locale: opts.locale ?? 'en-US', viewport: opts.viewport ?? { width: 1280, height: 900 } });
      contexts.push(context);
      return context.newPage();
    },
  };
}
