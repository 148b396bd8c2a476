import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCLOSABLE_FIELDS } from '../../src/access/index.js';
import { buildApp } from '../../src/http/index.js';
import { qrSvg } from '../../src/http/verify-qr.js';
import { authHeaders } from '../support/auth.js';
import { testStores } from '../support/stores.js';
import { appendOk, makeWorld, type World } from '../support/world.js';

/** The text of an HTML page, tags dropped and entities of our escaping decoded, for assertions on what a reader sees. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/\s+/g, ' ').replace(/ ([,.])/g, '$1');

describe.each(testStores)('consumer verification page on $name', (store) => {
  let w: World;
  let app: FastifyInstance;
  const codes: Record<string, string> = {};
  let icglrId = '';
  const page = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    w = await makeWorld(store);
    const A = w.lot(w.house, 'dore', 'A');
    await appendOk(w, [
      ...w.buy('A', { grams: 10, fineness: 800, scheme: 'fairmined' }),
      { type: 'ship', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [A], from: w.house.uri, to: w.exporter.uri },
    ]);
    icglrId = (await w.orp.registry.sites()).find((s) => s.uri === w.sites[0]!.uri)!.icglrId;
    app = await buildApp(w.orp, { rateLimit: false });
    const operator = await authHeaders(w.orp, 'house', 'operator');
    const disclose = async (fields: string[]) => (await app.inject({ method: 'POST', url: '/disclosures', headers: operator, payload: { lot: 'A', fields } })).json().code as string;
    codes['all'] = await disclose([...DISCLOSABLE_FIELDS]);
    codes['some'] = await disclose(['originCountries', 'certificationScheme']);
    codes['withdrawn'] = await disclose(['originCountries', 'siteNames']);
    await app.inject({ method: 'DELETE', url: `/disclosures/${codes['withdrawn']}`, headers: operator });
  });
  afterAll(async () => {
    await app.close();
    await w.cleanup();
  });

  it('tells the story of the gold from every disclosed fact, without login', async () => {
    const r = await page(`/verify/${codes['all']}`, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const seen = text(r.body);
    for (const fact of [
      'The story of this gold',
      'Mined in Congo - Kinshasa.',
      'At the mine sites: Site 1 (100%).',
      `ICGLR site identifiers: ${icglrId}.`,
      'Mined on March 2, 2026.',
      'From the mine to you: doré.',
      w.house.name,
      'Certified under Fairmined.',
      'Chain of custody: segregated',
      '8 g of fine gold.',
      `Code ${codes['all']}, published on November 30, 2026`,
    ]) {
      expect(seen, fact).toContain(fact);
    }
  });

  it('shows nothing that was not disclosed: no site, date, custodian or quantity, and never a miner or a price', async () => {
    const r = await page(`/verify/${codes['some']}?lang=en`);
    expect(r.statusCode).toBe(200);
    const seen = text(r.body);
    expect(seen).toContain('Mined in Congo - Kinshasa.');
    expect(seen).toContain('Certified under Fairmined.');
    const undisclosed = ['Site 1', icglrId, 'March 2', 'doré', w.house.name, 'Bunia', 'segregated', 'fine gold', 'Mining', 'Journey', 'Held in turn by'];
    const secret = ['Miner 1', w.miners[0]!.uri, '800', 'USD', 'cash', 'P-A', w.house.uri, 'T-A'];
    for (const s of [...undisclosed, ...secret]) expect(r.body, s).not.toContain(s);
  });

  it('speaks the language of the Accept-Language header, unless ?lang= chooses another, and links to the others', async () => {
    const fr = await page(`/verify/${codes['all']}`, { 'accept-language': 'de;q=1, fr-CA;q=0.8, en;q=0.5' });
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.headers['content-language']).toBe('fr');
    expect(text(fr.body)).toContain("L'histoire de cet or");
    expect(text(fr.body)).toContain('Extrait le 2 mars 2026.');
    expect(text(fr.body)).toContain("8 g d'or fin.");
    for (const l of ['en', 'es', 'sw']) expect(fr.body).toContain(`<a href="?lang=${l}" hreflang="${l}"`);
    expect(fr.body).not.toContain('href="?lang=fr"');

    const sw = await page(`/verify/${codes['all']}?lang=sw`, { 'accept-language': 'es' });
    expect(sw.body).toContain('<html lang="sw">');
    expect(text(sw.body)).toContain('Hadithi ya dhahabu hii');
    const es = await page(`/verify/${codes['all']}?lang=xx`, { 'accept-language': 'es' });
    expect(text(es.body)).toContain('La historia de este oro');
    expect(text(es.body)).toContain('Extraído el 2 de marzo de 2026.');
  });

  it('draws the QR code of the page URL as an inline SVG', async () => {
    const r = await page(`/verify/${codes['all']}`, { host: 'gold.example.org' });
    const svg = /<figure class="qr">(<svg [^]*?<\/svg>)<figcaption>/.exec(r.body)?.[1];
    expect(svg).toBeDefined();
    expect(svg).toContain(`role="img" aria-label="http://gold.example.org/verify/${codes['all']}"`);
    expect(svg).toBe(await qrSvg(`http://gold.example.org/verify/${codes['all']}`, `http://gold.example.org/verify/${codes['all']}`));
  });

  it('answers an unknown or withdrawn code with a friendly page in the language and no data', async () => {
    for (const code of ['nosuchcode', codes['withdrawn']!]) {
      const r = await page(`/verify/${code}`, { 'accept-language': 'es' });
      expect(r.statusCode, code).toBe(404);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(text(r.body)).toContain('Código no encontrado');
      for (const data of ['Congo', 'Site 1', 'Fairmined', w.house.name]) expect(r.body, data).not.toContain(data);
    }
  });

  it('is readable on a phone: a viewport, one same-origin style sheet, no script, no inline style, under a strict CSP', async () => {
    const r = await page(`/verify/${codes['all']}`);
    expect(r.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(r.body).toContain('<link rel="stylesheet" href="/verify.css">');
    expect(r.body).not.toMatch(/<script|<style|\sstyle=|javascript:/i);
    const csp = r.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const css = await page('/verify.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('@media');
  });

  it('weighs less than 100 KB: the HTML page and its style sheet as transferred', async () => {
    const html = await page(`/verify/${codes['all']}`);
    const css = await page('/verify.css');
    expect(html.rawPayload.length + css.rawPayload.length).toBeLessThan(100 * 1024);
  });
});
