import { CraftDetail, CraftList } from '../diligence/craft';
import { DecisionList } from '../diligence/decisions';
import '../diligence/diligence.css';
import { IncidentDetail, IncidentList } from '../diligence/incidents';
import { diligencePath, diligenceRoute, TABS, type Tab } from '../diligence/model';
import { PlanDetail, PlanList } from '../diligence/plans';
import { RiskList } from '../diligence/risks';
import { useI18n } from '../i18n';
import { href } from '../router';
import type { PageProps } from '.';

/** The workspace's sub-navigation: plain links (Tab and Enter work, the URL says where one is), the current one marked. */
function Tabs({ current }: { current: Tab }) {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t('diligence.sections')}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab}>
            <a href={href(diligencePath(tab))} aria-current={tab === current ? 'page' : undefined} data-tab={tab}>
              {t(`diligence.tab.${tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The due diligence workspace (`/#/diligence/...`): incidents raised by the red-flag engine, risk management plans
 * with their deadlines, CRAFT assessments, supplier decisions and the risk register of the caller's organisation.
 */
export function Diligence({ location }: PageProps) {
  const { t } = useI18n();
  const route = diligenceRoute(location.path);
  const { tab, id } = route;
  return (
    <>
      <h1>{t('diligence.title')}</h1>
      <Tabs current={tab} />
      {tab === 'incidents' && (id ? <IncidentDetail key={id} id={id} /> : <IncidentList location={location} />)}
      {tab === 'plans' && (id ? <PlanDetail key={id} id={id} /> : <PlanList />)}
      {tab === 'craft' && (id ? <CraftDetail key={id} id={id} /> : <CraftList />)}
      {tab === 'decisions' && <DecisionList />}
      {tab === 'risks' && <RiskList />}
    </>
  );
}
