import { errorText } from '../errors';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { ACCEPTED_RETENTION_DAYS } from './housekeeping';
import type { QueuedCapture } from './store';

/**
 * The queue: each capture with its status; refused ones with the server's reason, translated. Accepted ones can be
 * cleared from the device (they are pruned by themselves after ACCEPTED_RETENTION_DAYS).
 */
export function QueueView({ queue, onRetry, onClear, busy }: { queue: readonly QueuedCapture[]; onRetry(): void; onClear(): void; busy: boolean }) {
  const i18n = useI18n();
  const { t, tOr, fmt } = i18n;
  const count = (s: QueuedCapture['status'] | 'done') => queue.filter((q) => (s === 'done' ? q.status === 'accepted' || q.status === 'duplicate' : q.status === s)).length;
  const refused = count('rejected');
  const accepted = count('done');
  return (
    <section className="capture-form" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('capture.queue.title')}</h2>
      <p data-testid="queue-counts">{t('capture.queue.counts', { pending: fmt.number(count('pending')), accepted: fmt.number(accepted), refused: fmt.number(refused) })}</p>
      {queue.length === 0 && <p className="hint">{t('capture.queue.empty')}</p>}
      <ol className="queue-list">
        {[...queue].reverse().map((q) => (
          <li key={q.id} className={`queue-item ${q.status}`} data-status={q.status} data-what={q.what}>
            <span className="queue-what">{tOr(`capture.what.${q.what}`, q.what)}</span> <span className="queue-label">{q.label}</span>{' '}
            <span className="queue-status">{tOr(`capture.status.${q.status}`, q.status)}</span>
            <span className="hint"> · {fmt.dateTime(q.createdAt)}</span>
            {q.error && (
              <p className="error" data-code={q.error.code}>
                {errorText(new ApiError(0, q.error.code, q.error.message), { t, tOr })}
              </p>
            )}
          </li>
        ))}
      </ol>
      {refused > 0 && (
        <button type="button" className="big secondary" onClick={onRetry} disabled={busy}>
          {t('capture.queue.retry')}
        </button>
      )}
      {accepted > 0 && (
        <button type="button" className="big secondary" onClick={onClear} disabled={busy}>
          {t('capture.queue.clear')}
        </button>
      )}
      <p className="hint">{t('capture.queue.retention', { days: fmt.number(ACCEPTED_RETENTION_DAYS) })}</p>
    </section>
  );
}
