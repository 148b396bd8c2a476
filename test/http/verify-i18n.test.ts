import { describe, expect, it } from 'vitest';
import { CATALOGS, PAGE_LANGS, pickLanguage, say } from '../../src/http/verify-i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('verification page catalogs', () => {
  it('have the same keys in English, French, Spanish and Swahili, none empty', () => {
    const keys = Object.keys(CATALOGS.en).sort();
    for (const lang of PAGE_LANGS) {
      expect(Object.keys(CATALOGS[lang]).sort(), lang).toEqual(keys);
      for (const k of keys) expect(CATALOGS[lang][k as keyof typeof CATALOGS.en].trim(), `${lang} ${k}`).not.toBe('');
    }
  });

  it('use the same placeholders in every language', () => {
    for (const [key, message] of Object.entries(CATALOGS.en)) {
      for (const lang of PAGE_LANGS) expect(placeholders(CATALOGS[lang][key as keyof typeof CATALOGS.en]), `${lang} ${key}`).toEqual(placeholders(message));
    }
  });

  it('fill placeholders with the values given', () => {
    expect(say('fr', 'grams', { grams: '8,5' })).toBe("8,5 g d'or fin.");
  });
});

describe('language of the verification page', () => {
  it('takes ?lang= when it names a language of ours', () => {
    expect(pickLanguage('sw', 'fr')).toBe('sw');
    expect(pickLanguage('FR', undefined)).toBe('fr');
  });

  it('else takes the best language of Accept-Language by q-value, a regional variant counting as its language', () => {
    expect(pickLanguage('de', 'de, es-MX;q=0.7, fr;q=0.8')).toBe('fr');
    expect(pickLanguage(undefined, 'es-419')).toBe('es');
    expect(pickLanguage(undefined, 'sw;q=0.5, fr;q=0.5')).toBe('sw');
    expect(pickLanguage(undefined, 'fr;q=0, es;q=0.1')).toBe('es');
  });

  it('else speaks English', () => {
    expect(pickLanguage(undefined, undefined)).toBe('en');
    expect(pickLanguage(undefined, 'de, ja')).toBe('en');
    expect(pickLanguage(undefined, '*')).toBe('en');
  });
});
