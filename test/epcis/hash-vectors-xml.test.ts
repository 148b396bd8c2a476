import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORPAILLE_CONTEXT, eventHash, xmlDocumentEventHashes } from '../../src/epcis/index.js';
import { readJsonDocument } from '../../src/epcis/json-read.js';
import { HASH_VECTORS, text } from './fixtures.js';

const EXAMPLES = join(HASH_VECTORS, 'examples');
const EXPECTED_EQUAL = join(HASH_VECTORS, 'expected_equal');
const lines = (path: string): string[] => text(path).split('\n').map((l) => l.trim()).filter(Boolean);

const vectors = (pattern: RegExp) =>
  readdirSync(EXAMPLES)
    .filter((f) => pattern.test(f))
    .map((file) => ({ file, hashes: join(EXAMPLES, file.replace(pattern, '.hashes')) }))
    .filter(({ hashes }) => existsSync(hashes));

describe('CBV 2.0 hash vectors, XML', () => {
  const xml = vectors(/\.xml$/);

  it('finds the vectors', () => {
    expect(xml.length).toBeGreaterThanOrEqual(14);
  });

  it.each(xml)('hashes every event of $file to the expected id', ({ file, hashes }) => {
    expect(xmlDocumentEventHashes(text(join(EXAMPLES, file))).hashes).toEqual(lines(hashes));
  });

  it.each(readdirSync(EXPECTED_EQUAL).filter((f) => f.endsWith('.xml')))('hashes all events of %s alike', (file) => {
    const { hashes } = xmlDocumentEventHashes(text(join(EXPECTED_EQUAL, file)));
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hashes).size).toBe(1);
  });
});

describe('CBV 2.0 hash vectors, JSON-LD, after normalisation', () => {
  it.each(vectors(/\.jsonld?$/))('normalised events of $file keep their expected ids', ({ file, hashes }) => {
    const content = readJsonDocument(text(join(EXAMPLES, file))).content!;
    const options = { ignoreFields: content.ignoreFields };
    expect(content.events.map((e) => eventHash(e, ORPAILLE_CONTEXT, 'sha-256', options))).toEqual(lines(hashes));
  });
});
