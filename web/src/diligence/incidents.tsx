import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useSubmit } from '../use-submit';
import { href, navigate, type Location } from '../router';
import { useMe } from '../session';
import { PartyName } from '../trace/events';
import { traceHref } from '../trace/graph';
import { lotLabel, partyKind } from '../trace/model';
import { IncidentRecords } from './records';
import { fieldLabelKey, fieldValue, type ValueWords } from './fields';
import { abilities, diligencePath, incidentLots, INCIDENT_ORDERS, INCIDENT_STATUSES, isLotUri, movesFrom, RED_FLAG_RULES, type Incident, type IncidentOrder, type IncidentStatus } from './model';
import { Fact, FormFooter, InputField, ListSection, RecordTable, SelectField, TextField } from './ui';
import { Loaded, useResource } from '../use-load';

/** Incidents shown per page (the demo trading house has about a hundred; a busy organisation thousands). */
export const PAGE_SIZE = 25;

/** An incident's status as a labelled badge (its text, not only its colour, says the status). */
export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useI18n();
  return <span className={`status status-${status}`}>{t(`incident.status.${status}`)}</span>;
}

/** What an incident is about: a party by kind and key, a lot linked to its trace, else the serial or number itself. */
function Subject({ subject, own }: { subject: string; own: string | undefined }) {
  if (isLotUri(subject)) return <a href={traceHref(subject)}>{lotLabel(subject)}</a>;
  if (partyKind(subject) !== 'other') return <PartyName uri={subject} own={own} />;
  return <span>{subject}</span>;
}

/** What the list shows, as its URL says (`?status=&rule=&order=&page=`). */
interface ListQuery {
  status: string;
  rule: string;
  order: IncidentOrder;
}

/** The URL parameters of a list query; the defaults are left out. */
function listParams(q: ListQuery, page?: number): Record<string, string> {
  return { ...(q.status ? { status: q.status } : {}), ...(q.rule ? { rule: q.rule } : {}), ...(q.order !== 'newest' ? { order: q.order } : {}), ...(page ? { page: String(page) } : {}) };
}

/** The filter form of the list; the filters live in the URL so that a filtered list can be linked and reloaded. */
function Filters({ status, rule, order }: ListQuery) {
  const { t, tOr } = useI18n();
  const [s, setS] = useState(status);
  const [r, setR] = useState(rule);
  const [o, setO] = useState(order);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(diligencePath('incidents'), listParams({ status: s, rule: r, order: o }));
  };
  return (
    <form className="filters" onSubmit={apply} aria-label={t('incidents.filters')}>
      <SelectField id="incident-status" label={t('incidents.filter.status')} value={s} onChange={setS} options={[{ value: '', label: t('incidents.filter.any') }, ...INCIDENT_STATUSES.map((x) => ({ value: x, label: t(`incident.status.${x}`) }))]} />
      <SelectField id="incident-rule" label={t('incidents.filter.rule')} value={r} onChange={setR} options={[{ value: '', label: t('incidents.filter.any') }, ...RED_FLAG_RULES.map((x) => ({ value: x, label: tOr(`rule.${x}`, x) }))]} />
      <SelectField id="incident-order" label={t('incidents.filter.order')} value={o} onChange={(v) => setO(v as IncidentOrder)} options={INCIDENT_ORDERS.map((x) => ({ value: x, label: t(`incidents.order.${x}`) }))} />
      <button type="submit">{t('incidents.filter.apply')}</button>
    </form>
  );
}

/** The organisation's incidents, newest event first, filtered by status and rule, a page at a time. */
export function IncidentList({ location }: { location: Location }) {
  const { t, tOr, fmt } = useI18n();
  const query: ListQuery = {
    status: location.params.get('status') ?? '',
    rule: location.params.get('rule') ?? '',
    order: (INCIDENT_ORDERS as readonly string[]).includes(location.params.get('order') ?? '') ? (location.params.get('order') as IncidentOrder) : 'newest',
  };
  const page = Math.max(1, Number(location.params.get('page')) || 1);
  const list = useResource<{ total: number; incidents: Incident[] }>('/incidents', { status: query.status || undefined, rule: query.rule || undefined, order: query.order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pageHref = (n: number) => href(diligencePath('incidents'), listParams(query, n));
  return (
    <ListSection id="incidents-title" title={t('incidents.title')} intro={t('incidents.intro')} form={<Filters key={JSON.stringify(query)} {...query} />}>
      <Loaded resource={list}>
        {({ total, incidents }) => (
          <>
            <p aria-live="polite" data-total={total}>
              {total === 0 ? t('incidents.none') : t('incidents.count', { from: fmt.number((page - 1) * PAGE_SIZE + 1), to: fmt.number((page - 1) * PAGE_SIZE + incidents.length), total: fmt.number(total) })}
            </p>
            {incidents.length > 0 && (
              <RecordTable name="incidents" caption={t('incidents.title')} columns={[t('incidents.col.event'), t('incidents.col.rule'), t('incidents.col.summary'), t('incidents.col.status'), t('incidents.col.owner')]}>
                {incidents.map((i) => (
                  <tr key={i.id} data-incident={i.id}>
                    <td>{fmt.dateTime(i.evidence.eventTime)}</td>
                    <td>{tOr(`rule.${i.rule}`, i.rule)}</td>
                    <td>
                      <a href={href(diligencePath('incidents', i.id))}>{i.summary}</a>
                    </td>
                    <td>
                      <IncidentStatusBadge status={i.status} />
                    </td>
                    <td>{i.owner ?? '—'}</td>
                  </tr>
                ))}
              </RecordTable>
            )}
            {total > PAGE_SIZE && (
              <nav className="pager" aria-label={t('incidents.pages')}>
                {page > 1 && <a href={pageHref(page - 1)}>{t('incidents.previous')}</a>}
                <span>{t('incidents.page', { page: fmt.number(page), pages: fmt.number(Math.ceil(total / PAGE_SIZE)) })}</span>
                {page * PAGE_SIZE < total && <a href={pageHref(page + 1)}>{t('incidents.next')}</a>}
              </nav>
            )}
          </>
        )}
      </Loaded>
    </ListSection>
  );
}

/** The figures or threshold of an incident's evidence as a two-column table: each field labelled, its value in words. */
function Figures({ title, values }: { title: string; values: Incident['evidence']['threshold'] }) {
  const { t, tOr, fmt } = useI18n();
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  const words: ValueWords = {
    fmt,
    yes: t('form.yes'),
    no: t('form.no'),
    permille: (value) => t('incident.value.permille', { value }),
    perMonth: (value) => t('incident.value.perMonth', { value }),
    days: (count) => t('incident.value.days', { count }),
    years: (count) => t('incident.value.years', { count }),
  };
  return (
    <table className="records figures-table">
      <caption>{title}</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} data-field={k}>
            {/* A field of a rule newer than this app keeps the rule's own name. */}
            <th scope="row">{tOr(fieldLabelKey(k), k)}</th>
            <td>{fieldValue(k, v, values, words)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Moves an incident (and/or gives it an owner) with the note saying why; the answer is the incident as it now is. */
function StatusChange({ incident, onChanged }: { incident: Incident; onChanged(i: Incident): void }) {
  const { t } = useI18n();
  const moves = movesFrom(incident.status);
  const [status, setStatus] = useState<string>(moves[0] ?? '');
  const [owner, setOwner] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(
    () => api.post<Incident>(`/incidents/${encodeURIComponent(incident.id)}/status`, { note, ...(status ? { status } : {}), ...(owner.trim() ? { owner: owner.trim() } : {}) }),
    (i) => {
      setNote('');
      setOwner('');
      setStatus(movesFrom(i.status)[0] ?? '');
      onChanged(i);
    },
  );
  return (
    <section aria-labelledby="change-title" className="panel">
      <h3 id="change-title">{t('incident.change.title')}</h3>
      <form onSubmit={form.submit} className="record-form">
        <SelectField id="change-status" label={t('incident.change.status')} value={status} onChange={setStatus} options={[...moves.map((m) => ({ value: m, label: t(`incident.move.${m}`) })), { value: '', label: t('incident.change.keep') }]} />
        <InputField id="change-owner" label={t('incident.change.owner')} value={owner} onChange={setOwner} hint={t('incident.change.ownerHint')} />
        <TextField id="change-note" label={t('incident.change.note')} value={note} onChange={setNote} required hint={t('incident.change.noteHint')} />
        <FormFooter busy={form.busy} error={form.error} label={t('incident.change.submit')} />
      </form>
    </section>
  );
}

/** One incident: its facts, the ledger records and lots it concerns, its evidence, history and (for those allowed) a status change. */
export function IncidentDetail({ id }: { id: string }) {
  const { t, tOr, fmt } = useI18n();
  const me = useMe();
  const own = me.principal.org?.uri;
  const incident = useResource<Incident>(`/incidents/${encodeURIComponent(id)}`);
  return (
    <section aria-labelledby="incident-title">
      <p>
        <a href={href(diligencePath('incidents'))}>{t('incidents.back')}</a>
      </p>
      <Loaded resource={incident}>
        {(i) => {
          const lots = incidentLots(i);
          const v = i.evidence.ruleVersion;
          return (
            <>
              <h2 id="incident-title">{t('incident.title', { rule: tOr(`rule.${i.rule}`, i.rule) })}</h2>
              <p className="summary">{i.summary}</p>
              <dl className="facts">
                <Fact name="status" label={t('incident.status')}>
                  <IncidentStatusBadge status={i.status} />
                </Fact>
                <Fact name="owner" label={t('incident.owner')}>{i.owner ?? t('incident.noOwner')}</Fact>
                <Fact name="subject" label={t('incident.subject')}>
                  <Subject subject={i.subject} own={own} />
                </Fact>
                <Fact name="eventTime" label={t('incident.eventTime')}>{fmt.dateTime(i.evidence.eventTime)}</Fact>
                <Fact name="raisedAt" label={t('incident.raisedAt')}>{fmt.dateTime(i.raisedAt)}</Fact>
                <Fact name="seqs" label={t('incident.records')}>{i.evidence.seqs.map((s) => fmt.number(s)).join(', ')}</Fact>
                <Fact name="lots" label={t('incident.lots')}>
                  {lots.length === 0 ? (
                    t('incident.noLots')
                  ) : (
                    <ul className="inline-list">
                      {lots.map((l) => (
                        <li key={l}>
                          <a href={traceHref(l)}>{lotLabel(l)}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </Fact>
                <Fact name="ruleVersion" label={t('incident.ruleVersion')}>
                  {t('incident.ruleVersionText', { rule: v.rule, key: v.key, from: fmt.date(v.effectiveFrom), confidence: tOr(`confidence.${v.confidence}`, v.confidence) })}
                  <br />
                  <span className="hint">{v.source}</span>
                </Fact>
              </dl>
              <div className="evidence">
                <Figures title={t('incident.figures')} values={i.evidence.numbers} />
                <Figures title={t('incident.threshold')} values={i.evidence.threshold} />
              </div>
              <IncidentRecords seqs={i.evidence.seqs} own={own} />
              <h3>{t('incident.history')}</h3>
              <ol className="history">
                {i.history.map((h, n) => (
                  <li key={n}>
                    <strong>{fmt.dateTime(h.at)}</strong> — {t('incident.historyLine', { by: h.by, status: t(`incident.status.${h.status}`) })}
                    {h.owner && ` ${t('incident.historyOwner', { owner: h.owner })}`}
                    <br />
                    <span>{h.note}</span>
                  </li>
                ))}
              </ol>
              {abilities(me.principal).work && <StatusChange incident={i} onChanged={incident.set} />}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
