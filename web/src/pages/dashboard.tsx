import { useState, type FormEvent, type ReactNode } from 'react';
import { FlowSankey } from '../dashboard/flow-sankey';
import { lastTwelveMonths, type Flows, type IncidentList, type SitesAnswer } from '../dashboard/model';
import { OpenIncidents } from '../dashboard/open-incidents';
import { ProgrammeFiguresView, type ProgrammeFigures } from '../dashboard/programme';
import { SiteMap } from '../dashboard/site-map';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { Loaded, useResource, type Resource } from '../use-load';
import type { PageProps } from '.';

export type { ProgrammeFigures } from '../dashboard/programme';

/** How many open incidents the dashboard lists (the due diligence workspace lists them all). */
const INCIDENTS_SHOWN = 10;

/** A titled section of the dashboard that shows its answer, its error or that it is loading. */
function Panel<T>({ id, title, answer, children }: { id: string; title: MessageKey; answer: Resource<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-title`} className={`panel panel-${id}`}>
      <h2 id={`${id}-title`}>{t(title)}</h2>
      <Loaded resource={answer}>{children}</Loaded>
    </section>
  );
}

/**
 * The dashboard: for one period (default the last twelve months), the programme figures of the caller's
 * organisation (all organisations for the platform administrator), the map of the mine sites it may see, the
 * fine gold that flowed between sites and organisations, and its open incidents.
 */
export function Dashboard({ location }: PageProps) {
  const { t } = useI18n();
  const defaults = lastTwelveMonths(new Date());
  const period = { from: location.params.get('from') || defaults.from, to: location.params.get('to') || defaults.to };
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const figures = useResource<ProgrammeFigures>('/reports/programme', { ...period, format: 'json' });
  const sites = useResource<SitesAnswer>('/dashboard/sites');
  const flows = useResource<Flows>('/dashboard/flows', period);
  const incidents = useResource<IncidentList>('/incidents', { status: 'open', limit: INCIDENTS_SHOWN });

  const show = (e: FormEvent) => {
    e.preventDefault();
    navigate('/', { from, to });
  };

  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <form className="period" onSubmit={show} aria-label={t('dashboard.period')}>
        <label>
          <span>{t('dashboard.from')}</span>
          <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          <span>{t('dashboard.to')}</span>
          <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit">{t('dashboard.show')}</button>
      </form>
      <Panel id="programme" title="dashboard.programme" answer={figures}>
        {(f) => <ProgrammeFiguresView figures={f} />}
      </Panel>
      <Panel id="map" title="dashboard.map.title" answer={sites}>
        {(s) => <SiteMap sites={s.sites} />}
      </Panel>
      <Panel id="flows" title="dashboard.flows.title" answer={flows}>
        {(f) => <FlowSankey flows={f} />}
      </Panel>
      <Panel id="incidents" title="dashboard.incidentsList.title" answer={incidents}>
        {(list) => <OpenIncidents list={list} sites={sites.data?.sites ?? []} />}
      </Panel>
    </>
  );
}
