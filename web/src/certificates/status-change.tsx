import { useState } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { useMe } from '../session';
import { useSubmit } from '../use-submit';
import { AUTHORISATION_STATUSES, type Certificate } from './model';
import { SelectField } from './parts';

/** Today as the browser sees it (YYYY-MM-DD, UTC like the server's clock): the earliest day a change may take. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Suspend, reinstate or withdraw a certificate from a day (POST /certificates/{id}/status), for the issuer's admins
 * and the platform administrator only (others see nothing: the server would answer 403). A change takes effect from
 * today or later, never retroactively; a withdrawal is final. The server's refusal is shown as it says it.
 */
export function StatusChangeForm({ certificate, onChanged }: { certificate: Certificate; onChanged(c: Certificate): void }) {
  const { t } = useI18n();
  const me = useMe();
  const current = certificate.statusChanges.at(-1)?.status ?? 'active';
  const choices = AUTHORISATION_STATUSES.filter((s) => s !== current);
  const [status, setStatus] = useState<string>(choices[0]!);
  const [from, setFrom] = useState(today);
  const [reason, setReason] = useState('');
  // After a change the choices move on (a suspended certificate offers reinstate and withdraw).
  const chosen = (choices as readonly string[]).includes(status) ? status : choices[0]!;
  const form = useSubmit(
    () => api.post<Certificate>(`/certificates/${encodeURIComponent(certificate.id)}/status`, { status: chosen, from, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    (changed) => {
      setReason('');
      onChanged(changed);
    },
  );
  const p = me.principal;
  if (p.role !== 'admin' || !(p.platformAdmin || p.org?.uri === certificate.issuer)) return null;
  return (
    <section aria-labelledby="status-change-title" className="status-change">
      <h2 id="status-change-title">{t('cert.change.title')}</h2>
      {current === 'withdrawn' ? (
        <p>{t('cert.change.final')}</p>
      ) : (
        <form className="search" onSubmit={form.submit}>
          <SelectField id="status-change-status" label={t('cert.change.status')} value={chosen} options={choices.map((c) => [c, t(`cert.change.${c}`)] as const)} onChange={setStatus} />
          <div className="field">
            <label htmlFor="status-change-from">{t('cert.change.from')}</label>
            <input id="status-change-from" type="date" required min={today()} value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="status-change-reason">{t('cert.change.reason')}</label>
            <input id="status-change-reason" type="text" maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" disabled={form.busy}>
            {t('cert.change.submit')}
          </button>
          <p className="hint">{t('cert.change.about')}</p>
        </form>
      )}
      <ErrorMessage error={form.error} />
    </section>
  );
}
