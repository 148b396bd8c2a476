import { api, ApiError } from '../api';
import { errorText } from '../errors';
import { useI18n } from '../i18n';
import { useLoad } from '../use-load';

/** GET /verify (src/http/ledger.ts): every hash, link and signature of the ledger recomputed. */
export interface Verification {
  ok: boolean;
  records: number;
  head: string;
  failure?: { seq: number; eventId: string; problem: string };
}

/** How long one verification answers for the page (it reads the whole ledger: seconds on the demo). */
const FRESH_MS = 5 * 60_000;
let last: { at: number; result: Promise<Verification> } | undefined;

function verification(): Promise<Verification> {
  if (!last || Date.now() - last.at > FRESH_MS) {
    const result = api.get<Verification>('/verify');
    last = { at: Date.now(), result };
    // A failed request is not remembered: the next page asks again.
    result.catch(() => (last = undefined));
  }
  return last.result;
}

/**
 * The integrity badge: "verified" when the ledger that holds this lot's events recomputes (hashes, chain links,
 * signatures), "not verified" with the first failing record otherwise. Verification is for administrators and
 * auditors: for other roles the badge says it was not checked.
 */
export function IntegrityBadge() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const state = useLoad('verify', verification);
  if (state.loading) {
    return (
      <p className="badge badge-checking" role="status" data-integrity="checking">
        {t('trace.integrity.checking')}
      </p>
    );
  }
  if (state.data === undefined) {
    const forbidden = state.error instanceof ApiError && state.error.status === 403;
    return (
      <p className="badge badge-unknown" role="status" data-integrity="unchecked">
        {forbidden ? t('trace.integrity.forbidden') : t('trace.integrity.failedToCheck', { message: errorText(state.error, i18n) })}
      </p>
    );
  }
  const v = state.data;
  return (
    <p className={`badge ${v.ok ? 'badge-ok' : 'badge-bad'}`} role="status" data-integrity={v.ok ? 'verified' : 'not-verified'}>
      <strong>{v.ok ? t('trace.integrity.verified') : t('trace.integrity.notVerified')}</strong>{' '}
      {v.ok
        ? t('trace.integrity.verifiedDetail', { records: fmt.number(v.records), head: v.head.slice(0, 12) })
        : t('trace.integrity.failure', { seq: fmt.number(v.failure?.seq ?? 0), problem: v.failure?.problem ?? '' })}
    </p>
  );
}
