import { useState } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { href } from '../router';
import { useLoad } from '../use-load';
import { filterCertificates, SCHEMES, STANDINGS, type Certificate, type CertificateFilter } from './model';
import { certificateHref, Party, ScopeSummary, SelectField, ValidityBadge } from './parts';

/** The filter inputs: scheme, standing (or expiring soon), and holder or number text. */
function Filters({ filter, onChange }: { filter: CertificateFilter; onChange(f: CertificateFilter): void }) {
  const { t } = useI18n();
  return (
    <form className="search" role="search" aria-label={t('cert.filter.label')} onSubmit={(e) => e.preventDefault()}>
      <SelectField
        id="cert-scheme"
        label={t('cert.filter.scheme')}
        value={filter.scheme ?? ''}
        options={[['', t('cert.filter.any')], ...SCHEMES.map((s) => [s, t(`scheme.${s}`)] as const)]}
        onChange={(v) => onChange({ ...filter, scheme: v || undefined })}
      />
      <SelectField
        id="cert-status"
        label={t('cert.filter.status')}
        value={filter.status ?? ''}
        options={[['', t('cert.filter.any')], ['expiring', t('cert.status.expiring')], ...STANDINGS.map((s) => [s, t(`cert.status.${s}`)] as const)]}
        onChange={(v) => onChange({ ...filter, status: (v || undefined) as CertificateFilter['status'] })}
      />
      <label>
        <span>{t('cert.filter.text')}</span>
        <input type="search" value={filter.text ?? ''} onChange={(e) => onChange({ ...filter, text: e.target.value })} />
      </label>
    </form>
  );
}

/** The registry browser: every certificate, permit, licence and listing the caller may read, filtered in the page. */
export function CertificateRegistry() {
  const { t, tOr, fmt } = useI18n();
  const [filter, setFilter] = useState<CertificateFilter>({});
  const list = useLoad('all', () => api.get<{ certificates: Certificate[] }>('/certificates'));
  const shown = list.data ? filterCertificates(list.data.certificates, filter) : [];
  return (
    <>
      <h1>{t('cert.title')}</h1>
      <p>
        {t('cert.intro')} <a href={href('/certificates/claim')}>{t('cert.claim.link')}</a>
      </p>
      <Filters filter={filter} onChange={setFilter} />
      <ErrorMessage error={list.error} />
      {list.loading && <p aria-live="polite">{t('app.loading')}</p>}
      {list.data && (
        <table className="registry" data-testid="certificates">
          <caption>{t('cert.count', { shown: fmt.number(shown.length), total: fmt.number(list.data.certificates.length) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cert.col.number')}</th>
              <th scope="col">{t('cert.col.kind')}</th>
              <th scope="col">{t('cert.col.holder')}</th>
              <th scope="col">{t('cert.col.scope')}</th>
              <th scope="col">{t('cert.col.validity')}</th>
              <th scope="col">{t('cert.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id} data-certificate={c.id}>
                <th scope="row">
                  <a href={certificateHref(c.id)}>{c.id}</a>
                </th>
                <td>
                  {tOr(`scheme.${c.scheme}`, c.scheme)} · {tOr(`cert.kind.${c.kind}`, c.kind)}
                </td>
                <td>
                  <Party uri={c.holder} />
                </td>
                <td>
                  <ScopeSummary scope={c.scope} />
                </td>
                <td>{t('cert.validity', { from: fmt.date(c.issuedOn), to: fmt.date(c.validUntil) })}</td>
                <td>
                  <ValidityBadge certificate={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && shown.length === 0 && <p>{t('cert.none')}</p>}
    </>
  );
}
