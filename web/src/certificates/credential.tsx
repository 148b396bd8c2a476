import { useState, type ChangeEvent } from 'react';
import { api, fetchFile, saveFile } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import type { Certificate, CredentialVerdict } from './model';

/** What the reader last did with the credential: saved it, verified one, or failed. */
type Outcome = { kind: 'saved'; file: string } | { kind: 'verdict'; verdict: CredentialVerdict; what: 'issued' | 'file' } | { kind: 'error'; error: unknown };

/** A credential verdict in words: valid with its issuer and period, or every problem found. */
function Verdict({ verdict, what }: { verdict: CredentialVerdict; what: 'issued' | 'file' }) {
  const { t, fmt } = useI18n();
  return (
    <div className={`verdict ${verdict.valid ? 'verdict-ok' : 'verdict-bad'}`} role="status" data-valid={verdict.valid}>
      <p>
        <strong>{verdict.valid ? t('cert.vc.valid') : t('cert.vc.invalid')}</strong> {t(what === 'issued' ? 'cert.vc.ofIssued' : 'cert.vc.ofFile')}
      </p>
      {verdict.validFrom && verdict.validUntil && <p>{t('cert.vc.period', { from: fmt.dateTime(verdict.validFrom), to: fmt.dateTime(verdict.validUntil) })}</p>}
      {verdict.issuer && (
        <p>
          {t('cert.vc.issuer')} <code className="hash">{verdict.issuer}</code>
        </p>
      )}
      {verdict.problems.length > 0 && (
        <ul>
          {verdict.problems.map((p, i) => (
            <li key={i} data-problem={p.code}>
              <code>{p.code}</code>: <span lang="en">{p.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The certificate as a W3C Verifiable Credential signed now by its issuer (GET /certificates/{id}/vc): download
 * it, verify it (POST /vc/verify), or verify a credential file the reader holds. Only a certificate valid today is
 * issued as a credential; the server's refusal is shown as any error.
 */
export function CredentialActions({ certificate }: { certificate: Certificate }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const path = `/certificates/${encodeURIComponent(certificate.id)}/vc`;

  const run = async (action: () => Promise<Outcome>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await action());
    } catch (error) {
      setOutcome({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };
  const download = () =>
    run(async () => {
      const file = await fetchFile('GET', path, { fallbackName: `${certificate.id}.vc.json` });
      saveFile(file);
      return { kind: 'saved', file: file.filename };
    });
  const verifyIssued = () =>
    run(async () => ({ kind: 'verdict', what: 'issued', verdict: await api.post<CredentialVerdict>('/vc/verify', await api.get<unknown>(path)) }));
  const verifyFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    void run(async () => {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch {
        throw new Error(t('cert.vc.notJson', { file: file.name }));
      }
      return { kind: 'verdict', what: 'file', verdict: await api.post<CredentialVerdict>('/vc/verify', doc) };
    });
  };

  return (
    <section aria-labelledby="vc-title" className="credential">
      <h2 id="vc-title">{t('cert.vc.title')}</h2>
      <p className="hint">{certificate.standing.valid ? t('cert.vc.about') : t('cert.vc.onlyValid')}</p>
      <div className="actions">
        <button type="button" onClick={() => void download()} disabled={busy || !certificate.standing.valid}>
          {t('cert.vc.download')}
        </button>
        <button type="button" onClick={() => void verifyIssued()} disabled={busy || !certificate.standing.valid}>
          {t('cert.vc.verify')}
        </button>
        <label className="file">
          <span>{t('cert.vc.verifyFile')}</span>
          <input type="file" accept=".json,.jsonld,application/json,application/ld+json" onChange={verifyFile} disabled={busy} />
        </label>
      </div>
      {busy && <p aria-live="polite">{t('app.loading')}</p>}
      {outcome?.kind === 'saved' && <p role="status">{t('reports.saved', { file: outcome.file })}</p>}
      {outcome?.kind === 'verdict' && <Verdict verdict={outcome.verdict} what={outcome.what} />}
      {outcome?.kind === 'error' && <ErrorMessage error={outcome.error} />}
    </section>
  );
}
