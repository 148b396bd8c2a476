/**
 * The ratified GS1 EPCIS 2.0.1 JSON Schema, imported as data (a JSON module reaches dist/ with the
 * code, and importing it is not I/O). See ./schema/README.md for its source.
 */
import schemaJson from './schema/epcis-json-schema.json' with { type: 'json' };

/** A JSON Schema node, loosely typed: the schema is data, read by ajv and by the vocabulary lists. */
export type SchemaNode = { readonly [key: string]: unknown };

/** The EPCIS 2.0.1 JSON Schema document. */
export const EPCIS_JSON_SCHEMA: SchemaNode & { $id: string; definitions: Record<string, SchemaNode> } = schemaJson as never;

/** The `enum` of a schema definition that is `anyOf: [uri, {enum}]` (CBV code lists), or of the definition itself. */
export function definitionEnum(name: string): readonly string[] {
  const definition = EPCIS_JSON_SCHEMA.definitions[name];
  const candidates = [definition, ...((definition?.['anyOf'] as SchemaNode[] | undefined) ?? [])];
  for (const node of candidates) {
    const values = node?.['enum'];
    if (Array.isArray(values)) return values.filter((v): v is string => typeof v === 'string');
  }
  throw new Error(`the EPCIS JSON Schema has no code list "${name}"`);
}
