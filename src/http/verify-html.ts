import { CATALOGS, LANG_NAMES, PAGE_LANGS, say, type MessageKey, type PageLang } from './verify-i18n.js';

/** The facts of `GET /v/{code}` the page knows how to tell; each present only when disclosed. */
export interface DisclosedFacts {
  originCountries?: string[];
  siteNames?: { name: string; sharePercent: number }[];
  icglrSiteIds?: string[];
  certificationScheme?: string | null;
  cocModel?: string;
  forms?: string[];
  fineGold?: { grams: string };
  dates?: { producedFrom?: string; producedTo?: string; lotCreated?: string };
  custodianNames?: string[];
}

/** What the story page shows: the public verification and the QR code of the page's URL (an `<svg>`). */
export interface StoryPage {
  code: string;
  disclosedAt: string;
  facts: DisclosedFacts;
  qrSvg: string;
}

// Certification schemes are proper names, the same in every language.
const SCHEME_NAMES: Record<string, string> = { fairmined: 'Fairmined', fairtrade: 'Fairtrade', rmap: 'RMAP', lbma: 'LBMA', craft: 'CRAFT', icglr: 'ICGLR' };

/** Escapes text for HTML content and double-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Formatting in the page's language; every value it returns is already escaped. */
function formats(lang: PageLang) {
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 });
  const grams = new Intl.NumberFormat(lang, { maximumFractionDigits: 3 });
  const known = (prefix: string, v: string) => ((`${prefix}.${v}` as MessageKey) in CATALOGS[lang] ? say(lang, `${prefix}.${v}` as MessageKey) : v);
  return {
    date: (iso: string) => esc(day.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso))),
    country: (code: string) => esc(regions.of(code) ?? code),
    list: (items: string[]) => list.format(items),
    percent: (p: number) => esc(percent.format(p / 100)),
    grams: (g: string) => esc(Number.isFinite(Number(g)) ? grams.format(Number(g)) : g),
    form: (f: string) => esc(known('form', f)),
    coc: (m: string) => esc(known('coc', m)),
    scheme: (s: string) => esc(SCHEME_NAMES[s] ?? s),
  };
}

const step = (heading: string, body: string[]) => (body.length === 0 ? '' : `<li><h2>${heading}</h2>${body.join('')}</li>`);
const p = (html: string) => `<p>${html}</p>`;

/** The story of the gold, told from the disclosed facts alone: a step is left out when none of its facts were disclosed. */
function story(lang: PageLang, f: DisclosedFacts): string {
  const t = (key: MessageKey, vars?: Record<string, string>) => say(lang, key, vars);
  const x = formats(lang);
  const origin: string[] = [];
  if (f.originCountries?.length) origin.push(p(t('countries', { countries: x.list(f.originCountries.map(x.country)) })));
  if (f.siteNames?.length) origin.push(p(t('sites', { sites: x.list(f.siteNames.map((s) => `${esc(s.name)} (${x.percent(s.sharePercent)})`)) })));
  if (f.icglrSiteIds?.length) origin.push(p(t('icglrIds', { ids: x.list(f.icglrSiteIds.map(esc)) })));

  const mining: string[] = [];
  const d = f.dates;
  if (d?.producedFrom && d.producedTo) {
    mining.push(p(d.producedFrom === d.producedTo ? t('minedOn', { date: x.date(d.producedFrom) }) : t('minedBetween', { from: x.date(d.producedFrom), to: x.date(d.producedTo) })));
  }
  if (d?.lotCreated) mining.push(p(t('madeOn', { date: x.date(d.lotCreated) })));

  const journey = f.forms?.length ? [`<p>${t('forms', { forms: f.forms.map(x.form).join(' → ') })}</p>`] : [];
  const custody = f.custodianNames?.length ? [`<ol class="chain">${f.custodianNames.map((n) => `<li>${esc(n)}</li>`).join('')}</ol>`] : [];

  const certification: string[] = [];
  if (f.certificationScheme !== undefined) certification.push(p(f.certificationScheme ? t('scheme', { scheme: x.scheme(f.certificationScheme) }) : t('noScheme')));
  if (f.cocModel) certification.push(p(t('cocModel', { model: x.coc(f.cocModel) })));

  const gold = f.fineGold ? [p(t('grams', { grams: x.grams(f.fineGold.grams) }))] : [];
  return [
    step(t('origin'), origin),
    step(t('mining'), mining),
    step(t('journey'), journey),
    step(t('custody'), custody),
    step(t('certification'), certification),
    step(t('fineGold'), gold),
  ].join('');
}

/** Links to the same page in each other language. */
function languageLinks(lang: PageLang): string {
  const links = PAGE_LANGS.map((l) =>
    l === lang
      ? `<li><span lang="${l}" aria-current="page">${LANG_NAMES[l]}</span></li>`
      : `<li><a href="?lang=${l}" hreflang="${l}" lang="${l}">${LANG_NAMES[l]}</a></li>`,
  ).join('');
  return `<nav aria-label="${esc(say(lang, 'language'))}"><ul class="langs">${links}</ul></nav>`;
}

function layout(lang: PageLang, title: string, main: string): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${esc(title)}</title><link rel="stylesheet" href="/verify.css">` +
    // No favicon request: the browser would otherwise ask for /favicon.ico, which is not public.
    '<link rel="icon" href="data:,"></head>' +
    `<body><header><p class="brand">Orpaille</p>${languageLinks(lang)}</header><main>${main}</main>` +
    `<footer><p>${esc(say(lang, 'footer'))}</p></footer></body></html>`
  );
}

/** The public page of a disclosure, in `lang`. */
export function storyPage(lang: PageLang, page: StoryPage): string {
  const t = (key: MessageKey) => esc(say(lang, key));
  const x = formats(lang);
  return layout(
    lang,
    say(lang, 'title'),
    `<h1>${t('title')}</h1><p class="intro">${t('intro')}</p>` +
      `<ol class="story">${story(lang, page.facts)}</ol>` +
      `<figure class="qr">${page.qrSvg}<figcaption>${t('qr')}</figcaption></figure>` +
      `<p class="code">${say(lang, 'code', { code: `<code>${esc(page.code)}</code>`, date: x.date(page.disclosedAt) })}</p>`,
  );
}

/** The page of an unknown or withdrawn code, in `lang`: no data at all. */
export function notFoundPage(lang: PageLang): string {
  return layout(lang, say(lang, 'notFoundTitle'), `<h1>${esc(say(lang, 'notFoundTitle'))}</h1><p class="intro">${esc(say(lang, 'notFound'))}</p>`);
}

/**
 * The page's only style sheet, served at /verify.css: phone first, system fonts, contrast above WCAG AA
 * (dark text on white, links and accents in a dark gold of 7:1).
 */
export const VERIFY_CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem;border-bottom:3px solid #6b4a00}
.brand{margin:0;font-weight:700;letter-spacing:.04em;color:#6b4a00}
.langs{display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0;list-style:none}
.langs a,.langs span{display:inline-block;padding:.35rem .1rem;min-height:44px;line-height:2}
a{color:#5a3e00}
a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
[aria-current]{font-weight:700}
h1{font-size:1.6rem;line-height:1.25;margin:1.25rem 0 .5rem}
h2{font-size:1.1rem;margin:0 0 .25rem;color:#5a3e00}
.intro{color:#333}
.story{list-style:none;margin:1rem 0;padding:0;border-left:3px solid #c9a227}
.story>li{position:relative;margin:0 0 1rem;padding:0 0 0 1rem}
.story>li::before{content:"";position:absolute;left:-.5rem;top:.45rem;width:.7rem;height:.7rem;border-radius:50%;background:#6b4a00}
.story p{margin:.2rem 0}
.chain{margin:.2rem 0;padding-left:1.25rem}
.qr{margin:1.5rem 0;text-align:center}
.qr svg{width:12rem;height:12rem;max-width:100%}
figcaption{font-size:.9rem;color:#333}
.code{font-size:.9rem;color:#333;overflow-wrap:anywhere}
footer{margin-top:2rem;padding-top:.75rem;padding-bottom:1.5rem;border-top:1px solid #ccc;font-size:.85rem;color:#333}
@media (min-width:40rem){h1{font-size:2rem}}
`;
