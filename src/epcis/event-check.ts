/**
 * The step both syntaxes share: normalise an event (JSON-LD shape) and validate the result against
 * the EPCIS JSON Schema.
 */
import { schemaProblemsOfEvent } from './json-schema.js';
import { normaliseEvent, type NormaliseOptions, type NormalisedEvent } from './normalise.js';
import type { EpcisProblem } from './problems.js';

/**
 * Normalises and validates one event. Problems are appended to `problems`, which may already hold
 * the reader's own; a schema problem on a path already named is left out, so each field is
 * reported once, in the reader's or normaliser's words when they have some.
 */
export function checkEvent(raw: Record<string, unknown>, options: NormaliseOptions, problems: EpcisProblem[]): NormalisedEvent {
  const { event, problems: found } = normaliseEvent(raw, options);
  problems.push(...found);
  const typeOk = found.every((p) => p.path !== `${options.path}.type`);
  if (typeOk) {
    const named = new Set(problems.map((p) => p.path));
    for (const p of schemaProblemsOfEvent(event, options.path, options.index)) if (!named.has(p.path)) problems.push(p);
  }
  return event;
}
