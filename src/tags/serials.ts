import { badInput } from '../kernel/index.js';

/*
 * Tag serials as printed: a prefix and a zero-padded number (ITR-000100). A range names the first and
 * the last serial of a book of tags; both ends share the prefix and width.
 */

/** A guard on one range, not a policy number: a book of tags is hundreds, not millions. */
export const MAX_TAGS_PER_RANGE = 100_000;

const SERIAL = /^(.*?)(\d+)$/;
const TEXT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** Checks one serial's spelling (letters, digits, `.`, `_`, `/`, `-`; at most 64). */
export function checkSerial(serial: string): string {
  if (!TEXT.test(serial)) throw badInput(`tag serial ${JSON.stringify(serial)} must be 1-64 letters, digits, '.', '_', '/' or '-'`, { serial });
  return serial;
}

/**
 * The serials from `from` to `to` inclusive (ITR-000100 .. ITR-000199). ORP_BAD_INPUT when the ends
 * do not end in a number, differ in prefix or width, run backwards or span more than MAX_TAGS_PER_RANGE.
 */
export function serialRange(from: string, to: string): string[] {
  const a = SERIAL.exec(checkSerial(from));
  const b = SERIAL.exec(checkSerial(to));
  if (!a || !b) throw badInput(`a tag range needs serials ending in a number (${from}..${to})`, { from, to });
  if (a[1] !== b[1] || a[2]!.length !== b[2]!.length) throw badInput(`the ends of a tag range must share prefix and width (${from}..${to})`, { from, to });
  const first = Number(a[2]);
  const last = Number(b[2]);
  if (last < first) throw badInput(`tag range ${from}..${to} runs backwards`, { from, to });
  if (last - first + 1 > MAX_TAGS_PER_RANGE) throw badInput(`tag range ${from}..${to} holds more than ${MAX_TAGS_PER_RANGE} tags`, { from, to });
  const width = a[2]!.length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(`${a[1]}${String(n).padStart(width, '0')}`);
  return out;
}

/** Parses `FROM..TO` or a single serial. */
export function parseSerials(text: string): string[] {
  const [from, to, more] = text.split('..');
  if (more !== undefined) throw badInput(`tag range ${JSON.stringify(text)} must be FROM..TO`, { range: text });
  return to === undefined ? [checkSerial(from!.trim())] : serialRange(from!.trim(), to.trim());
}
