import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { likelyClaim } from '../certificates/model';
import { claimHref } from '../certificates/parts';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { useMe } from '../session';
import { useLoad } from '../use-load';
import { EventList, PartyName } from '../trace/events';
import { GenealogyGraph, traceHref } from '../trace/graph';
import { IntegrityBadge } from '../trace/integrity';
import { layoutGraph, lotLabel, summariseEvent, type EpcisEvent, type EventSummary, type LotView, type Trace } from '../trace/model';
import type { PageProps } from '.';

/** What the page found for a search: one lot, several (a tag on more than one lot), or none. */
type Found = { lot: LotView; byTag?: string } | { choices: LotView[]; tag: string };

/**
 * A lot by URI or lot number (bars and products are found by theirs), else the lots carrying that tag or seal
 * serial (GET /lots?tag=). A term that matches nothing keeps the lot lookup's 404.
 */
async function findLot(term: string): Promise<Found> {
  try {
    return { lot: await api.get<LotView>(`/lots/${encodeURIComponent(term)}`) };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    const { lots } = await api.get<{ lots: LotView[] }>('/lots', { tag: term, limit: 20 });
    if (lots.length === 1) return { lot: lots[0]!, byTag: term };
    if (lots.length > 1) return { choices: lots, tag: term };
    throw err;
  }
}

/** What the page shows of a found lot: its traces both ways and its events. */
interface LotStory {
  back: Trace;
  fwd: Trace;
  events: EventSummary[];
}

/** A lot's backward and forward traces and its events, summarised (three requests at once). */
async function lotStory(lotId: string): Promise<LotStory> {
  const id = encodeURIComponent(lotId);
  const [back, fwd, doc] = await Promise.all([
    api.get<Trace>(`/lots/${id}/trace`, { direction: 'backward' }),
    api.get<Trace>(`/lots/${id}/trace`, { direction: 'forward' }),
    api.get<{ epcisBody: { eventList: EpcisEvent[] } }>(`/lots/${id}/events`),
  ]);
  return { back, fwd, events: doc.epcisBody.eventList.map(summariseEvent) };
}

/** The searched term: `#/trace/{term}` or `#/trace?lot={term}`. */
function termOf(location: PageProps['location']): string {
  const rest = location.path.startsWith('/trace/') ? location.path.slice('/trace/'.length) : '';
  try {
    return (rest ? decodeURIComponent(rest) : (location.params.get('lot') ?? '')).trim();
  } catch {
    return rest;
  }
}

/** The trace explorer: search a lot, see its facts, its genealogy graph, its events with evidence, and the ledger's integrity. */
export function TraceExplorer({ location }: PageProps) {
  const { t, tOr, fmt } = useI18n();
  const me = useMe();
  const term = termOf(location);
  const [query, setQuery] = useState(term);
  useEffect(() => setQuery(term), [term]);
  const found = useLoad(term, () => findLot(term));
  const lot = found.data && 'lot' in found.data ? found.data.lot : undefined;
  const loaded = useLoad(lot?.id ?? '', () => lotStory(lot!.id));
  const error = found.error ?? loaded.error;

  const search = (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (q) navigate(`/trace/${encodeURIComponent(q)}`);
  };

  const own = me?.principal.org?.uri;
  return (
    <>
      <h1>{t('trace.title')}</h1>
      <form className="search" role="search" onSubmit={search}>
        <label>
          <span>{t('trace.search.label')}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} required aria-describedby="trace-search-hint" />
        </label>
        <button type="submit">{t('trace.search.submit')}</button>
        <p id="trace-search-hint" className="hint">
          {t('trace.search.hint')}
        </p>
      </form>
      <IntegrityBadge />
      <ErrorMessage error={error} />
      {found.loading && <p aria-live="polite">{t('app.loading')}</p>}
      {found.data && 'choices' in found.data && (
        <section aria-labelledby="choices-title">
          <h2 id="choices-title">{t('trace.choices', { tag: found.data.tag })}</h2>
          <ul>
            {found.data.choices.map((l) => (
              <li key={l.id}>
                <a href={traceHref(l.id)}>{l.lotNumber}</a> — {tOr(`form.${l.form}`, l.form)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {lot && (
        <>
          <section aria-labelledby="lot-title" className="lot-facts">
            <h2 id="lot-title">{t('trace.lot.title', { lot: lot.lotNumber })}</h2>
            {found.data && 'byTag' in found.data && found.data.byTag && <p className="hint">{t('trace.foundByTag', { tag: found.data.byTag })}</p>}
            <dl className="facts">
              <dt>{t('trace.lot.form')}</dt>
              <dd data-fact="form">{tOr(`form.${lot.form}`, lot.form)}</dd>
              <dt>{t('trace.lot.fineGold')}</dt>
              <dd data-fact="fineGold">{fmt.mass(lot.fineGoldGrams)}</dd>
              <dt>{t('trace.lot.gross')}</dt>
              <dd data-fact="gross">{fmt.mass(lot.grossGrams)}</dd>
              <dt>{t('trace.lot.held')}</dt>
              <dd data-fact="held">{fmt.mass(lot.heldGrams)}</dd>
              <dt>{t('trace.lot.fineness')}</dt>
              <dd data-fact="fineness">{t('trace.fineness', { value: fmt.number(Number(lot.fineness), { max: 1 }) })}</dd>
              <dt>{t('trace.lot.status')}</dt>
              <dd data-fact="status">{tOr(`status.${lot.status}`, lot.status)}</dd>
              <dt>{t('trace.lot.custodian')}</dt>
              <dd>
                <PartyName uri={lot.custodian} own={own} />
              </dd>
              <dt>{t('trace.lot.owner')}</dt>
              <dd>
                <PartyName uri={lot.owner} own={own} />
              </dd>
              <dt>{t('trace.lot.cocModel')}</dt>
              <dd>{tOr(`coc.${lot.cocModel}`, lot.cocModel)}</dd>
              {lot.scheme && (
                <>
                  <dt>{t('trace.lot.scheme')}</dt>
                  <dd data-fact="scheme">{tOr(`scheme.${lot.scheme}`, lot.scheme)}</dd>
                </>
              )}
              {lot.assay && (
                <>
                  <dt>{t('trace.event.assay')}</dt>
                  <dd>{[tOr(`assay.${lot.assay.method}`, lot.assay.method), lot.assay.lab, fmt.date(lot.assay.date)].filter(Boolean).join(' · ')}</dd>
                </>
              )}
              {(lot.tag || lot.seal) && (
                <>
                  <dt>{t('trace.lot.tag')}</dt>
                  <dd>{[lot.tag, lot.seal].filter(Boolean).join(' · ')}</dd>
                </>
              )}
              <dt>{t('trace.lot.created')}</dt>
              <dd>{fmt.dateTime(lot.createdAt)}</dd>
            </dl>
            <p>
              <a href={claimHref(lot.id, likelyClaim(lot))}>{t('trace.checkClaim')}</a>
            </p>
          </section>
          {loaded.loading && <p aria-live="polite">{t('app.loading')}</p>}
          {loaded.data && (
            <>
              <section aria-labelledby="genealogy-title">
                <h2 id="genealogy-title">{t('trace.genealogy.title')}</h2>
                <p className="hint">{t('trace.genealogy.hint')}</p>
                <GenealogyGraph graph={layoutGraph(lot, loaded.data.back, loaded.data.fwd)} title={t('trace.genealogy.graph', { lot: lot.lotNumber })} />
                <Origins back={loaded.data.back} />
              </section>
              <section aria-labelledby="events-title">
                <h2 id="events-title">{t('trace.events.title', { count: fmt.number(loaded.data.events.length) })}</h2>
                <EventList events={loaded.data.events} lot={lot.id} own={own} />
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}

/** The mine sites the lot's fine gold came from, with their shares (the graph's first column, as a table). */
function Origins({ back }: { back: Trace }) {
  const { t, fmt, lang } = useI18n();
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const origins = back.origins ?? [];
  if (origins.length === 0) return <p>{t('trace.origins.none')}</p>;
  return (
    <table className="origins">
      <caption>{t('trace.origins.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('trace.origins.site')}</th>
          <th scope="col">{t('trace.origins.country')}</th>
          <th scope="col">{t('trace.origins.share')}</th>
          <th scope="col">{t('trace.origins.fineGold')}</th>
          <th scope="col">{t('trace.origins.lots')}</th>
        </tr>
      </thead>
      <tbody>
        {origins.map((o) => (
          <tr key={o.site} data-site={o.site}>
            <th scope="row">{o.siteName ?? lotLabel(o.site)}</th>
            <td>{o.country ? (regions.of(o.country) ?? o.country) : ''}</td>
            <td>{fmt.percent(o.sharePercent)}</td>
            <td>{fmt.mass(o.fineGoldGrams)}</td>
            <td>{fmt.number(o.productionLots)}</td>
          </tr>
        ))}
        {back.unknownSharePercent ? (
          <tr>
            <th scope="row">{t('trace.origins.unknown')}</th>
            <td />
            <td>{fmt.percent(back.unknownSharePercent)}</td>
            <td />
            <td />
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
