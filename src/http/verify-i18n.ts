/**
 * The consumer verification page's words, in the four languages of the web app. The page is rendered by
 * the server (not the React bundle) to stay small, so it keeps its own small catalogs; every catalog has
 * the same keys (a test checks it). `{name}` placeholders are filled by `say`.
 */

export const PAGE_LANGS = ['en', 'fr', 'es', 'sw'] as const;
export type PageLang = (typeof PAGE_LANGS)[number];

/** Each language's name in itself, for the language links. */
export const LANG_NAMES: Record<PageLang, string> = { en: 'English', fr: 'Français', es: 'Español', sw: 'Kiswahili' };

const en = {
  title: 'The story of this gold',
  intro: 'The company that holds this gold chose to publish these facts about it. Nothing else is shown.',
  code: 'Code {code}, published on {date}',
  origin: 'Origin',
  countries: 'Mined in {countries}.',
  sites: 'At the mine sites: {sites}.',
  icglrIds: 'ICGLR site identifiers: {ids}.',
  mining: 'Mining',
  minedBetween: 'Mined between {from} and {to}.',
  minedOn: 'Mined on {date}.',
  madeOn: 'This lot was made on {date}.',
  journey: 'Journey',
  forms: 'From the mine to you: {forms}.',
  custody: 'Held in turn by',
  certification: 'Certification',
  scheme: 'Certified under {scheme}.',
  noScheme: 'Not covered by a certification scheme.',
  cocModel: 'Chain of custody: {model}.',
  fineGold: 'Fine gold',
  grams: '{grams} g of fine gold.',
  'form.ore': 'ore',
  'form.concentrate': 'concentrate',
  'form.sponge': 'sponge gold',
  'form.dore': 'doré',
  'form.bar': 'bar',
  'form.grain': 'grain',
  'form.product': 'finished product',
  'coc.identity_preserved': 'identity preserved (kept apart, lot by lot)',
  'coc.segregated': 'segregated (kept apart from uncertified gold)',
  'coc.mass_balance': 'mass balance (mixed, accounted by weight)',
  'coc.book_and_claim': 'book and claim (certificates traded apart from the gold)',
  qr: 'Scan to open this page',
  language: 'Language',
  notFoundTitle: 'Code not found',
  notFound: 'No facts are published under this code: it is unknown, or the company withdrew it. Check the code printed on the product.',
  footer: 'Orpaille: open chain-of-custody software for artisanal gold.',
} as const;

export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;

const fr: Catalog = {
  title: "L'histoire de cet or",
  intro: "L'entreprise qui détient cet or a choisi de publier ces faits. Rien d'autre n'est montré.",
  code: 'Code {code}, publié le {date}',
  origin: 'Origine',
  countries: 'Extrait en {countries}.',
  sites: 'Sur les sites miniers : {sites}.',
  icglrIds: 'Identifiants CIRGL des sites : {ids}.',
  mining: 'Extraction',
  minedBetween: 'Extrait entre le {from} et le {to}.',
  minedOn: 'Extrait le {date}.',
  madeOn: 'Ce lot a été constitué le {date}.',
  journey: 'Parcours',
  forms: "De la mine jusqu'à vous : {forms}.",
  custody: 'Détenu successivement par',
  certification: 'Certification',
  scheme: 'Certifié {scheme}.',
  noScheme: "Non couvert par un système de certification.",
  cocModel: 'Chaîne de traçabilité : {model}.',
  fineGold: 'Or fin',
  grams: "{grams} g d'or fin.",
  'form.ore': 'minerai',
  'form.concentrate': 'concentré',
  'form.sponge': "éponge d'or",
  'form.dore': 'doré',
  'form.bar': 'lingot',
  'form.grain': 'grenaille',
  'form.product': 'produit fini',
  'coc.identity_preserved': 'identité préservée (séparé, lot par lot)',
  'coc.segregated': "ségrégué (séparé de l'or non certifié)",
  'coc.mass_balance': 'bilan massique (mélangé, comptabilisé au poids)',
  'coc.book_and_claim': "book and claim (certificats échangés séparément de l'or)",
  qr: 'Scannez pour ouvrir cette page',
  language: 'Langue',
  notFoundTitle: 'Code introuvable',
  notFound: "Aucun fait n'est publié sous ce code : il est inconnu, ou l'entreprise l'a retiré. Vérifiez le code imprimé sur le produit.",
  footer: "Orpaille : logiciel libre de traçabilité de l'or artisanal.",
};

const es: Catalog = {
  title: 'La historia de este oro',
  intro: 'La empresa que posee este oro eligió publicar estos datos. No se muestra nada más.',
  code: 'Código {code}, publicado el {date}',
  origin: 'Origen',
  countries: 'Extraído en {countries}.',
  sites: 'En los sitios mineros: {sites}.',
  icglrIds: 'Identificadores CIRGL de los sitios: {ids}.',
  mining: 'Extracción',
  minedBetween: 'Extraído entre el {from} y el {to}.',
  minedOn: 'Extraído el {date}.',
  madeOn: 'Este lote se formó el {date}.',
  journey: 'Recorrido',
  forms: 'De la mina hasta usted: {forms}.',
  custody: 'Custodiado sucesivamente por',
  certification: 'Certificación',
  scheme: 'Certificado {scheme}.',
  noScheme: 'No cubierto por un esquema de certificación.',
  cocModel: 'Cadena de custodia: {model}.',
  fineGold: 'Oro fino',
  grams: '{grams} g de oro fino.',
  'form.ore': 'mineral',
  'form.concentrate': 'concentrado',
  'form.sponge': 'oro esponja',
  'form.dore': 'doré',
  'form.bar': 'lingote',
  'form.grain': 'granalla',
  'form.product': 'producto terminado',
  'coc.identity_preserved': 'identidad preservada (separado, lote por lote)',
  'coc.segregated': 'segregado (separado del oro no certificado)',
  'coc.mass_balance': 'balance de masa (mezclado, contabilizado por peso)',
  'coc.book_and_claim': 'book and claim (certificados negociados aparte del oro)',
  qr: 'Escanee para abrir esta página',
  language: 'Idioma',
  notFoundTitle: 'Código no encontrado',
  notFound: 'No hay datos publicados con este código: es desconocido o la empresa lo retiró. Verifique el código impreso en el producto.',
  footer: 'Orpaille: software libre de trazabilidad del oro artesanal.',
};

const sw: Catalog = {
  title: 'Hadithi ya dhahabu hii',
  intro: 'Kampuni inayomiliki dhahabu hii ilichagua kuchapisha ukweli huu. Hakuna kingine kinachoonyeshwa.',
  code: 'Msimbo {code}, ulichapishwa tarehe {date}',
  origin: 'Asili',
  countries: 'Ilichimbwa {countries}.',
  sites: 'Katika maeneo ya migodi: {sites}.',
  icglrIds: 'Vitambulisho vya ICGLR vya maeneo: {ids}.',
  mining: 'Uchimbaji',
  minedBetween: 'Ilichimbwa kati ya {from} na {to}.',
  minedOn: 'Ilichimbwa tarehe {date}.',
  madeOn: 'Shehena hii iliundwa tarehe {date}.',
  journey: 'Safari',
  forms: 'Kutoka mgodini hadi kwako: {forms}.',
  custody: 'Ilishikiliwa kwa zamu na',
  certification: 'Uthibitisho',
  scheme: 'Imethibitishwa chini ya {scheme}.',
  noScheme: 'Haiko chini ya mpango wowote wa uthibitisho.',
  cocModel: 'Mnyororo wa umiliki: {model}.',
  fineGold: 'Dhahabu safi',
  grams: 'Gramu {grams} za dhahabu safi.',
  'form.ore': 'mawe ya madini',
  'form.concentrate': 'madini yaliyokolezwa',
  'form.sponge': 'dhahabu ya sponji',
  'form.dore': 'doré',
  'form.bar': 'kipande cha dhahabu',
  'form.grain': 'chembe',
  'form.product': 'bidhaa iliyokamilika',
  'coc.identity_preserved': 'utambulisho umehifadhiwa (kando, shehena kwa shehena)',
  'coc.segregated': 'imetengwa (kando na dhahabu isiyothibitishwa)',
  'coc.mass_balance': 'uwiano wa uzito (imechanganywa, imehesabiwa kwa uzito)',
  'coc.book_and_claim': 'book and claim (vyeti vinauzwa kando na dhahabu)',
  qr: 'Changanua ili kufungua ukurasa huu',
  language: 'Lugha',
  notFoundTitle: 'Msimbo haukupatikana',
  notFound: 'Hakuna ukweli uliochapishwa chini ya msimbo huu: haujulikani, au kampuni iliuondoa. Angalia msimbo uliochapishwa kwenye bidhaa.',
  footer: 'Orpaille: programu huria ya ufuatiliaji wa dhahabu ya wachimbaji wadogo.',
};

/** The catalogs, by language. */
export const CATALOGS: Record<PageLang, Catalog> = { en, fr, es, sw };

const isLang = (v: string): v is PageLang => (PAGE_LANGS as readonly string[]).includes(v);

/**
 * The page's language: `?lang=` when it names one of ours, else the best of the Accept-Language header
 * (by q-value, a region like fr-CA counting as fr), else English.
 */
export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined): PageLang {
  const asked = query?.toLowerCase();
  if (asked !== undefined && isLang(asked)) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.q > 0 && !Number.isNaN(x.q))
    // Equal q-values keep the header's order.
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.lang).find(isLang) ?? 'en';
}

/** The message `key` in `lang`, with its `{name}` placeholders replaced by `vars` (already escaped by the caller if HTML). */
export function say(lang: PageLang, key: MessageKey, vars: Record<string, string> = {}): string {
  return CATALOGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
