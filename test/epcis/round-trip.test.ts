import { describe, expect, it } from 'vitest';
import { writeEpcisDocument, type EpcisFormat } from '../../src/epcis/index.js';
import { readJsonDocument } from '../../src/epcis/json-read.js';
import { readXmlDocument } from '../../src/epcis/xml-read.js';
import { names, openepcis } from './fixtures.js';

const read = (text: string, format: EpcisFormat) => (format === 'json' ? readJsonDocument(text) : readXmlDocument(text));

const documents = (['json', 'xml'] as const).flatMap((format) =>
  ['Capture/Documents', 'Query'].flatMap((folder) =>
    names(`${format.toUpperCase()}/${folder}`, format).map((name) => ({ format, folder, name, label: `${format.toUpperCase()}/${folder}/${name}` })),
  ),
);

describe('writing normalised events and reading them back', () => {
  describe.each(['json', 'xml'] as const)('as %s', (out) => {
    it.each(documents)('gives the same events for $label', ({ format, folder, name }) => {
      const first = read(openepcis(`${format.toUpperCase()}/${folder}`, name, format), format);
      const events = first.content!.events;
      const written = writeEpcisDocument(events, {
        format: out,
        creationDate: '2026-06-01T10:00:00.000Z',
        documentType: first.content!.documentType,
      });
      const second = read(written, out);
      expect(second.content!.events).toEqual(events);
      // Writing adds no problem: what was valid stays valid.
      const before = new Set(first.problems.map((p) => p.path));
      expect(second.problems.filter((p) => !before.has(p.path)).map((p) => p.message)).toEqual([]);
    });
  });
});
