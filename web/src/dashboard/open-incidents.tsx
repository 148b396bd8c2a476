import { useI18n } from '../i18n';
import { href } from '../router';
import { partyCode, partyKind } from '../trace/model';
import type { DashboardSite, IncidentList } from './model';

/** What an incident is about: a site by its name when the caller sees it, a party by its GS1 key, else as recorded (a lot, purchase or tag number). */
function useSubject(sites: readonly DashboardSite[]) {
  const { t } = useI18n();
  const byUri = new Map(sites.map((s) => [s.uri, s.name]));
  return (subject: string) => {
    const site = byUri.get(subject);
    if (site) return site;
    const kind = partyKind(subject);
    return kind === 'other' ? subject : t(`trace.party.${kind}`, { code: partyCode(subject) });
  };
}

/**
 * The caller's open incidents (GET /incidents?status=open: newest event first), each linked to its page in the
 * due diligence workspace (`#/diligence/incidents/{id}`).
 */
export function OpenIncidents({ list, sites }: { list: IncidentList; sites: readonly DashboardSite[] }) {
  const { t, tOr, fmt } = useI18n();
  const subject = useSubject(sites);
  if (list.total === 0) return <p className="hint">{t('dashboard.incidentsList.none')}</p>;
  return (
    <>
      <p>
        {t('dashboard.incidentsList.count', { count: fmt.number(list.total) })}{' '}
        <a href={href('/diligence/incidents', { status: 'open' })}>{t('dashboard.incidentsList.all')}</a>
      </p>
      <table className="incidents-table">
        <caption className="visually-hidden">{t('dashboard.incidentsList.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.incidentsList.rule')}</th>
            <th scope="col">{t('dashboard.incidentsList.subject')}</th>
            <th scope="col">{t('dashboard.incidentsList.eventDate')}</th>
            <th scope="col">{t('dashboard.incidentsList.raised')}</th>
            <th scope="col">{t('dashboard.incidentsList.owner')}</th>
          </tr>
        </thead>
        <tbody>
          {list.incidents.map((i) => (
            <tr key={i.id} data-incident={i.id}>
              <td>
                <a href={href(`/diligence/incidents/${encodeURIComponent(i.id)}`)}>{tOr(`rule.${i.rule}`, i.rule)}</a>
              </td>
              <td title={i.subject}>{subject(i.subject)}</td>
              <td>{fmt.date(i.evidence.eventTime)}</td>
              <td>{fmt.date(i.raisedAt)}</td>
              <td>{i.owner ?? t('dashboard.incidentsList.noOwner')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
