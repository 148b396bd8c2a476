import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGS } from './catalogs';
import { formatters } from './format';
import { translate } from './translate';

describe('message catalogs', () => {
  const reference = Object.keys(CATALOGS.en).sort();

  it.each(LANGS)('gives %s exactly the keys of the English catalog', (lang) => {
    expect(Object.keys(CATALOGS[lang]).sort()).toEqual(reference);
  });

  it.each(LANGS)('has no empty message in %s', (lang) => {
    const empty = Object.entries(CATALOGS[lang]).filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(LANGS)('keeps in %s the placeholders of each English message', (lang) => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differing = reference.filter((key) => names(CATALOGS[lang][key as keyof typeof CATALOGS.en]).join() !== names(CATALOGS.en[key as keyof typeof CATALOGS.en]).join());
    expect(differing).toEqual([]);
  });

  it('fills in the parameters of a message', () => {
    expect(translate('fr', 'dashboard.minersNew', { count: 12 })).toBe('Nouveaux sur la période : 12');
  });
});

describe('localised figures', () => {
  // Intl puts a narrow no-break space between French thousands.
  const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

  it('writes French numbers with a space between thousands and a decimal comma', () => {
    expect(spaces(formatters('fr').number(1234.5))).toBe('1 234,5');
  });

  it('writes masses of a kilogram or more in kilograms with three decimals, smaller ones in grams', () => {
    expect(spaces(formatters('fr').mass('1234567.8'))).toBe('1 234,568 kg');
    expect(formatters('en').mass('12.5')).toBe('12.5 g');
  });

  it('writes a share given in percent with one decimal', () => {
    expect(spaces(formatters('fr').percent('93.4'))).toBe('93,4 %');
    expect(formatters('en').percent('93.4')).toBe('93.4%');
  });

  it('writes a calendar date as that day whatever the time zone', () => {
    expect(formatters('en').date('2026-03-01')).toBe('March 1, 2026');
    expect(formatters('fr').date('2026-03-01')).toBe('1 mars 2026');
  });
});
