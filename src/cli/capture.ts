import { readFileSync } from 'node:fs';
import { captureEvents, captureLimits, codecProblem, type CaptureProblem } from '../capture/index.js';
import { detectEpcisFormat, readEpcisDocument } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { requireOrg } from './commands.js';

export interface CaptureFileOutcome {
  file: string;
  recorder: string;
  captureErrorBehaviour: 'rollback' | 'proceed';
  committed: boolean;
  eventCount: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rolledBack: number;
  problems: CaptureProblem[];
}

/** The capture limits given to `orpaille serve` (unset ones keep their defaults). */
export function captureLimitOptions(o: { captureLimit?: string; captureFileSizeLimit?: string }) {
  return captureLimits({
    ...(o.captureLimit === undefined ? {} : { eventLimit: Number(o.captureLimit) }),
    ...(o.captureFileSizeLimit === undefined ? {} : { fileSizeLimit: Number(o.captureFileSizeLimit) }),
  });
}

/** The recording organisation: `--org`, or the only organisation of the registry. */
async function recorderOf(orp: Orpaille, org: string | undefined) {
  if (org) return requireOrg(orp, org);
  const orgs = await orp.registry.organisations();
  if (orgs.length === 1) return orgs[0]!;
  throw new OrpailleError('ORP_BAD_INPUT', `say which organisation records the events with --org (one of: ${orgs.map((o) => o.id).join(', ')})`, {});
}

/**
 * Captures an EPCIS 2.0 document (JSON-LD or XML) from a file as `orpaille epcis capture` does: the same
 * codec and ledger path as POST /capture, synchronously and without a job. An invalid document throws
 * ORP_EPCIS_INVALID with the codec's problems; rejected events are reported, not thrown.
 */
export async function captureFile(
  orp: Orpaille,
  file: string,
  opts: { proceed: boolean; org?: string; onProgress?: (done: number, total: number) => void },
): Promise<CaptureFileOutcome> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new OrpailleError('ORP_BAD_INPUT', `cannot read ${file}`, { file });
  }
  const recorder = await recorderOf(orp, opts.org);
  const read = readEpcisDocument(text, detectEpcisFormat(/\.xml$/i.test(file) ? 'application/xml' : undefined, text));
  if (!read.ok) {
    const problems = read.problems.map(codecProblem);
    throw new OrpailleError('ORP_EPCIS_INVALID', `${file} is not a valid EPCIS 2.0 document:\n${problems.map((p) => `  ${p.detail}`).join('\n')}`, { problems });
  }
  const behaviour = opts.proceed ? 'proceed' : 'rollback';
  const o = await captureEvents(orp.append, read.document.events, recorder.uri, behaviour, opts.onProgress);
  const { results: _, ...summary } = o;
  return { file, recorder: recorder.uri, captureErrorBehaviour: behaviour, ...summary };
}
