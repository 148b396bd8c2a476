import { useState } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { href } from '../router';
import { CredentialActions } from './credential';
import { StatusChangeForm } from './status-change';
import { useLoad } from '../use-load';
import { ICGLR_STATUSES, type Certificate, type SiteStatus } from './model';
import { Fact, Joined, Party, ScopeSummary, SiteName, ValidityBadge } from './parts';

/** A mine site of the certificate's scope: its ICGLR status today and its inspections (GET /sites/{id}/inspections). */
function SiteInspections({ site }: { site: string }) {
  const { t, tOr, fmt } = useI18n();
  const status = useLoad(site, () => api.get<SiteStatus>(`/sites/${encodeURIComponent(site)}/inspections`));
  const s = status.data?.status;
  return (
    <li className="site" data-site={site}>
      <h3>
        <SiteName uri={site} />
      </h3>
      <ErrorMessage error={status.error} />
      {status.loading && <p aria-live="polite">{t('app.loading')}</p>}
      {s && (
        <p data-icglr={s.status}>
          {t('cert.site.status', { status: tOr(`icglr.${s.status}`, s.status) })}
          {s.since && ` ${t('cert.site.since', { date: fmt.date(s.since) })}`}
          {s.until && ` ${t('cert.site.until', { date: fmt.date(s.until) })}`}
          {' — '}
          {s.exportAllowed ? t('cert.site.export') : t('cert.site.noExport')}
        </p>
      )}
      {status.data && status.data.inspections.length === 0 && <p>{t('cert.site.noInspection')}</p>}
      {status.data && status.data.inspections.length > 0 && (
        <table className="inspections">
          <caption>{t('cert.inspections.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cert.inspections.date')}</th>
              <th scope="col">{t('cert.inspections.result')}</th>
              <th scope="col">{t('cert.inspections.inspector')}</th>
              <th scope="col">{t('cert.inspections.purpose')}</th>
              <th scope="col">{t('cert.inspections.report')}</th>
            </tr>
          </thead>
          <tbody>
            {status.data.inspections.map((i) => (
              <tr key={i.id} data-inspection={i.id}>
                <th scope="row">{fmt.date(i.date)}</th>
                <td>{tOr(`icglr.${ICGLR_STATUSES[i.status] ?? ''}`, String(i.status))}</td>
                <td>
                  {i.inspector} ({i.agency})
                </td>
                <td>{i.purpose ?? ''}</td>
                <td>{i.report ?? i.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

/** One certificate: its facts, its status history, the inspections of its sites, and its verifiable credential. */
export function CertificateDetail({ id }: { id: string }) {
  const { t, tOr, fmt } = useI18n();
  const found = useLoad(id, () => api.get<Certificate>(`/certificates/${encodeURIComponent(id)}`));
  // The answer of a status change replaces the loaded certificate (for this id only: the reader may move on).
  const [changed, setChanged] = useState<Certificate>();
  const c = changed?.id === id ? changed : found.data;
  return (
    <>
      <p>
        <a href={href('/certificates')}>{t('cert.back')}</a>
      </p>
      <h1>{t('cert.detail.title', { id })}</h1>
      <ErrorMessage error={found.error} />
      {found.loading && <p aria-live="polite">{t('app.loading')}</p>}
      {c && (
        <>
          <dl className="facts">
            <Fact label={t('cert.col.status')}>
              <ValidityBadge certificate={c} />
            </Fact>
            <Fact label={t('cert.detail.kind')} name="kind">
              {tOr(`cert.kind.${c.kind}`, c.kind)}
            </Fact>
            <Fact label={t('cert.filter.scheme')} name="scheme">
              {tOr(`scheme.${c.scheme}`, c.scheme)}
            </Fact>
            <Fact label={t('cert.col.holder')} name="holder">
              <Party uri={c.holder} />
            </Fact>
            <Fact label={t('cert.detail.issuer')} name="issuer">
              <Party uri={c.issuer} />
            </Fact>
            <Fact label={t('cert.detail.issuedOn')} name="issuedOn">
              {fmt.date(c.issuedOn)}
            </Fact>
            <Fact label={t('cert.detail.validUntil')} name="validUntil">
              {fmt.date(c.validUntil)}
            </Fact>
            {c.nextAssessmentDue && <Fact label={t('cert.detail.nextAssessment')}>{fmt.date(c.nextAssessmentDue)}</Fact>}
            <Fact label={t('cert.col.scope')} name="scope">
              <ScopeSummary scope={c.scope} />
            </Fact>
            {c.scope.suppliers && c.scope.suppliers.length > 0 && (
              <Fact label={t('cert.detail.suppliers')}>
                <Joined items={c.scope.suppliers} render={(s) => <Party uri={s} />} />
              </Fact>
            )}
          </dl>
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('cert.history.title')}</h2>
            {c.statusChanges.length === 0 ? (
              <p>{t('cert.history.none', { date: fmt.date(c.issuedOn) })}</p>
            ) : (
              <ul>
                {c.statusChanges.map((s, i) => (
                  <li key={i}>{t('cert.history.change', { status: tOr(`cert.status.${s.status}`, s.status), date: fmt.date(s.from) })}{s.reason && ` — ${s.reason}`}</li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="sites-title">
            <h2 id="sites-title">{t('cert.sites.title')}</h2>
            {c.scope.sites && c.scope.sites.length > 0 ? (
              <ul className="sites">
                {c.scope.sites.map((s) => (
                  <SiteInspections key={s} site={s} />
                ))}
              </ul>
            ) : (
              <p>{t('cert.sites.none')}</p>
            )}
          </section>
          <StatusChangeForm key={c.statusChanges.length} certificate={c} onChanged={setChanged} />
          <CredentialActions certificate={c} />
        </>
      )}
    </>
  );
}
