/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fieldLabelKey, fieldValue, INCIDENT_FIELDS, type ValueWords } from './fields';
import { CATALOGS, LANGS } from '../i18n/catalogs';
import { formatters } from '../i18n/format';

const RULES_DIR = fileURLToPath(new URL('../../../src/diligence/redflags/', import.meta.url));

/**
 * The field names the red-flag rules can emit, read from their code: the keys of every object literal given as
 * `numbers` or `threshold` (spreads of literals and both branches of a conditional included). Reading the code
 * rather than a copied list means a field added to a rule fails this test until it has a label.
 */
function emittedFields(): Set<string> {
  const fields = new Set<string>();
  const literal = (e: ts.Expression, sf: ts.SourceFile): void => {
    if (ts.isParenthesizedExpression(e)) return literal(e.expression, sf);
    if (ts.isConditionalExpression(e)) return [e.whenTrue, e.whenFalse].forEach((x) => literal(x, sf));
    if (!ts.isObjectLiteralExpression(e)) return;
    for (const p of e.properties) {
      if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name) fields.add(p.name.getText(sf));
      else if (ts.isSpreadAssignment(p)) literal(p.expression, sf);
    }
  };
  for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const sf = ts.createSourceFile(file, readFileSync(RULES_DIR + file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && ['numbers', 'threshold'].includes(n.name.getText(sf))) literal(n.initializer, sf);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return fields;
}

const words = (lang: 'en' | 'fr'): ValueWords => ({
  fmt: formatters(lang),
  yes: CATALOGS[lang]['form.yes'],
  no: CATALOGS[lang]['form.no'],
  permille: (value) => CATALOGS[lang]['incident.value.permille'].replace('{value}', value),
  perMonth: (value) => CATALOGS[lang]['incident.value.perMonth'].replace('{value}', value),
  days: (count) => CATALOGS[lang]['incident.value.days'].replace('{count}', count),
  years: (count) => CATALOGS[lang]['incident.value.years'].replace('{count}', count),
});

describe('incident evidence fields', () => {
  const emitted = [...emittedFields()].sort();

  it('finds the fields of the rules in their code', () => {
    // The capacity rule's gross production and the cash rule's price are among them: the reader works.
    expect(emitted).toEqual(expect.arrayContaining(['windowGrossGrams', 'price', 'tolerancePermille', 'serial']));
  });

  it('knows the kind of every field a rule emits', () => {
    expect(emitted.filter((f) => !(INCIDENT_FIELDS as string[]).includes(f))).toEqual([]);
  });

  it.each(LANGS)('labels every field in %s', (lang) => {
    const catalog = CATALOGS[lang] as Record<string, string>;
    const unlabelled = [...new Set([...emitted, ...INCIDENT_FIELDS])].filter((f) => !catalog[fieldLabelKey(f)]);
    expect(unlabelled).toEqual([]);
  });

  it('writes values by kind', () => {
    const en = words('en');
    expect(fieldValue('windowGrossGrams', '1234.5', {}, en)).toBe(formatters('en').mass(1234.5));
    expect(fieldValue('price', '12000.00', { currency: 'USD' }, en)).toBe(formatters('en').money(12000, 'USD'));
    expect(fieldValue('lossPermille', 12.5, {}, en)).toBe('12.5 ‰');
    expect(fieldValue('approved', false, {}, en)).toBe('no');
    expect(fieldValue('productionDate', '2026-05-14', {}, en)).toBe(formatters('en').date('2026-05-14'));
    expect(fieldValue('windowDays', 30, {}, en)).toBe('30 days');
    expect(fieldValue('countries', ['CD', 'RW'], {}, en)).toBe(['CD', 'RW'].map((c) => formatters('en').country(c)).join(', '));
    expect(fieldValue('birthYear', 2009, {}, en)).toBe('2009');
  });

  it('writes in the reader language and keeps what does not read as its kind', () => {
    const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(spaces(fieldValue('counted', 1200, {}, words('fr')))).toBe('1 200');
    expect(fieldValue('licensedOn', 'none', {}, words('fr'))).toBe('none');
    expect(fieldValue('price', '10.00', { currency: 'not a currency' }, words('fr'))).toBe('10.00');
    expect(fieldValue('aFieldOfANewerRule', 'x', {}, words('fr'))).toBe('x');
  });
});
