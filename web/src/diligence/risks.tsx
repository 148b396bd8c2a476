import { useI18n } from '../i18n';
import { useMe } from '../session';
import { PartyName } from '../trace/events';
import { ListSection, RecordList } from './ui';
import { useResource } from '../use-load';

/** GET /diligence/risks: an entry of the risk register. */
interface RiskEntry {
  id: string;
  subject: { kind: 'supplier' | 'site'; uri: string };
  risk: string;
  observedOn: string;
  source: string;
  status: string;
  recordedBy: string;
  definition: { title: string; response: string };
}

/** The risk register of the organisation (and its grantors'): what was found at which supplier or site, and where it stands. */
export function RiskList() {
  const { t, tOr, fmt } = useI18n();
  const me = useMe();
  const list = useResource<{ risks: RiskEntry[] }>('/diligence/risks');
  return (
    <ListSection id="risks-title" title={t('risks.title')} intro={t('risks.intro')}>
      <RecordList
        resource={list}
        items={(d) => d.risks}
        none={t('risks.none')}
        name="risks"
        caption={t('risks.title')}
        columns={[t('risks.col.id'), t('risks.col.subject'), t('risks.col.risk'), t('risks.col.observed'), t('risks.col.source'), t('risks.col.status')]}
        row={(r) => (
          <tr key={r.id} data-risk={r.id}>
            <th scope="row">{r.id}</th>
            <td>
              <PartyName uri={r.subject.uri} own={me.principal.org?.uri} />
            </td>
            <td>
              {tOr(`craft.topic.${r.risk}`, r.definition.title)}
              <br />
              <span className="hint">{t('risks.response', { response: tOr(`craft.response.${r.definition.response}`, r.definition.response) })}</span>
            </td>
            <td>{fmt.date(r.observedOn)}</td>
            <td>{r.source}</td>
            <td>
              <span className={`status risk-${r.status}`}>{tOr(`risk.status.${r.status}`, r.status)}</span>
            </td>
          </tr>
        )}
      />
    </ListSection>
  );
}
