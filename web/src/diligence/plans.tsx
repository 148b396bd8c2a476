import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useSubmit } from '../use-submit';
import { href } from '../router';
import { useMe } from '../session';
import { PartyName } from '../trace/events';
import { abilities, diligencePath, emptyMeasure, isOverdue, planBody, sortPlans, TARGET_DIRECTIONS, type MeasureDraft, type Plan } from './model';
import { Fact, FormFooter, InputField, ListSection, RecordList, RecordTable, SelectField } from './ui';
import { Loaded, useResource } from '../use-load';

/** A plan's review status in words; an overdue plan says so in text and with a mark, not by colour alone. */
function PlanStatus({ plan }: { plan: Plan }) {
  const { t, fmt } = useI18n();
  const r = plan.review;
  return (
    <span className={`status plan-${r.status}`} data-status={r.status}>
      {isOverdue(plan) && <span aria-hidden="true">⚠ </span>}
      {t(`plan.status.${r.status}`)}
      {r.status === 'in_progress' && ` — ${t('plan.daysLeft', { days: fmt.number(r.daysLeft) })}`}
    </span>
  );
}

/** The form adopting a plan for a supplier: measures with baseline, target and direction; the server sets the deadline. */
function NewPlan({ onAdopted }: { onAdopted(p: Plan): void }) {
  const { t } = useI18n();
  const [supplier, setSupplier] = useState('');
  const [adoptedOn, setAdoptedOn] = useState('');
  const [createdBy, setCreatedBy] = useState('');
  const [measures, setMeasures] = useState<MeasureDraft[]>([emptyMeasure()]);
  const edit = (n: number, change: Partial<MeasureDraft>) => setMeasures((old) => old.map((m, i) => (i === n ? { ...m, ...change } : m)));
  const form = useSubmit(
    () => api.post<Plan>('/diligence/plans', planBody({ supplier, adoptedOn, createdBy, measures })),
    (p) => {
      setSupplier('');
      setMeasures([emptyMeasure()]);
      onAdopted(p);
    },
  );
  return (
    <details className="panel">
      <summary>{t('plans.new.title')}</summary>
      <form onSubmit={form.submit} className="record-form" aria-label={t('plans.new.title')}>
        <p className="hint">{t('plans.new.intro')}</p>
        <InputField id="plan-supplier" label={t('form.supplier')} value={supplier} onChange={setSupplier} required hint={t('form.supplierHint')} />
        <InputField id="plan-adopted" type="date" label={t('plans.new.adoptedOn')} value={adoptedOn} onChange={setAdoptedOn} hint={t('form.todayHint')} />
        <InputField id="plan-by" label={t('plans.new.createdBy')} value={createdBy} onChange={setCreatedBy} hint={t('form.byHint')} />
        {measures.map((m, n) => (
          <fieldset key={n} className="measure">
            <legend>{t('plans.new.measure', { n: n + 1 })}</legend>
            <InputField id={`measure-${n}-description`} label={t('plan.measure.description')} value={m.description} onChange={(v) => edit(n, { description: v })} required />
            <InputField id={`measure-${n}-indicator`} label={t('plan.measure.indicator')} value={m.indicator} onChange={(v) => edit(n, { indicator: v })} required />
            <InputField id={`measure-${n}-baseline`} type="number" label={t('plan.measure.baseline')} value={m.baseline} onChange={(v) => edit(n, { baseline: v })} required />
            <InputField id={`measure-${n}-target`} type="number" label={t('plan.measure.target')} value={m.target} onChange={(v) => edit(n, { target: v })} required />
            <SelectField id={`measure-${n}-direction`} label={t('plan.measure.direction')} value={m.direction} onChange={(v) => edit(n, { direction: v as MeasureDraft['direction'] })} options={TARGET_DIRECTIONS.map((d) => ({ value: d, label: t(`plan.direction.${d}`) }))} />
            {measures.length > 1 && (
              <button type="button" className="secondary" onClick={() => setMeasures((old) => old.filter((_, i) => i !== n))}>
                {t('plans.new.removeMeasure', { n: n + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <button type="button" className="secondary" onClick={() => setMeasures((old) => [...old, emptyMeasure()])}>
          {t('plans.new.addMeasure')}
        </button>
        <FormFooter busy={form.busy} error={form.error} label={t('plans.new.submit')} />
      </form>
    </details>
  );
}

/** The organisation's risk management plans, overdue first then by deadline; admins adopt new ones here. */
export function PlanList() {
  const { t, fmt } = useI18n();
  const me = useMe();
  const list = useResource<{ plans: Plan[] }>('/diligence/plans');
  const [adopted, setAdopted] = useState<Plan>();
  return (
    <ListSection
      id="plans-title"
      title={t('plans.title')}
      intro={t('plans.intro')}
      form={
        abilities(me.principal).decide && (
          <NewPlan
            onAdopted={(p) => {
              setAdopted(p);
              list.reload();
            }}
          />
        )
      }
      outcome={adopted && <p className="done">{t('plans.adopted', { id: adopted.id, deadline: fmt.date(adopted.deadline) })}</p>}
    >
      <RecordList
        resource={list}
        items={(d) => sortPlans(d.plans)}
        none={t('plans.none')}
        name="plans"
        caption={t('plans.title')}
        columns={[t('plans.col.plan'), t('plans.col.supplier'), t('plans.col.adopted'), t('plans.col.deadline'), t('plans.col.status')]}
        row={(p) => (
          <tr key={p.id} data-plan={p.id} className={isOverdue(p) ? 'overdue' : undefined}>
            <td>
              <a href={href(diligencePath('plans', p.id))}>{p.id}</a>
            </td>
            <td>
              <PartyName uri={p.supplier} own={me.principal.org?.uri} />
            </td>
            <td>{fmt.date(p.adoptedOn)}</td>
            <td>{fmt.date(p.deadline)}</td>
            <td>
              <PlanStatus plan={p} />
            </td>
          </tr>
        )}
      />
    </ListSection>
  );
}

/** Records a measure's indicator value on a day; the answer is the plan reviewed again. */
function ProgressForm({ plan, onReported }: { plan: Plan; onReported(p: Plan): void }) {
  const { t } = useI18n();
  const [measure, setMeasure] = useState(plan.measures[0]?.id ?? '');
  const [value, setValue] = useState('');
  const [reportedOn, setReportedOn] = useState('');
  const [note, setNote] = useState('');
  const form = useSubmit(
    () => {
      const n = Number(value.trim().replace(',', '.'));
      return api.post<Plan>(`/diligence/plans/${encodeURIComponent(plan.id)}/progress`, { measure, value: value.trim() !== '' && Number.isFinite(n) ? n : value, ...(reportedOn ? { reportedOn } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    },
    (p) => {
      setValue('');
      setNote('');
      onReported(p);
    },
  );
  return (
    <section className="panel" aria-labelledby="progress-form-title">
      <h3 id="progress-form-title">{t('plan.report.title')}</h3>
      <form onSubmit={form.submit} className="record-form">
        <SelectField id="progress-measure" label={t('plan.report.measure')} value={measure} onChange={setMeasure} required options={plan.measures.map((m) => ({ value: m.id, label: `${m.id} — ${m.indicator}` }))} />
        <InputField id="progress-value" type="number" label={t('plan.report.value')} value={value} onChange={setValue} required />
        <InputField id="progress-on" type="date" label={t('plan.report.on')} value={reportedOn} onChange={setReportedOn} hint={t('form.todayHint')} />
        <InputField id="progress-note" label={t('plan.report.note')} value={note} onChange={setNote} />
        <FormFooter busy={form.busy} error={form.error} label={t('plan.report.submit')} />
      </form>
    </section>
  );
}

/** One plan: supplier, adoption, deadline and the rule that set it, the review, each measure with its latest value, the progress reports. */
export function PlanDetail({ id }: { id: string }) {
  const { t, fmt } = useI18n();
  const me = useMe();
  const plan = useResource<Plan>(`/diligence/plans/${encodeURIComponent(id)}`);
  const yesNo = (b: boolean) => (b ? t('form.yes') : t('form.no'));
  return (
    <section aria-labelledby="plan-title">
      <p>
        <a href={href(diligencePath('plans'))}>{t('plans.back')}</a>
      </p>
      <Loaded resource={plan}>
        {(p) => (
          <>
            <h2 id="plan-title">{t('plan.title', { id: p.id })}</h2>
            <dl className="facts">
              <Fact name="supplier" label={t('plans.col.supplier')}>
                <PartyName uri={p.supplier} own={me.principal.org?.uri} />
              </Fact>
              <Fact name="adoptedOn" label={t('plans.col.adopted')}>{fmt.date(p.adoptedOn)}</Fact>
              <Fact name="deadline" label={t('plans.col.deadline')}>
                {fmt.date(p.deadline)}
                <br />
                <span className="hint">{t('plan.deadlineRule', { months: fmt.number(p.deadlineRule.months), source: p.deadlineRule.source })}</span>
              </Fact>
              <Fact name="status" label={t('plans.col.status')}>
                <PlanStatus plan={p} />
              </Fact>
              <Fact name="createdBy" label={t('plan.createdBy')}>{p.createdBy}</Fact>
            </dl>
            <p className="hint">{p.review.explanation}</p>
            <RecordTable
              name="measures"
              caption={t('plan.measures', { date: fmt.date(p.review.on) })}
              captionShown
              columns={[t('plan.measure.id'), t('plan.measure.description'), t('plan.measure.indicator'), t('plan.measure.baseline'), t('plan.measure.target'), t('plan.measure.latest'), t('plan.measure.improved'), t('plan.measure.met')]}
            >
              {p.measures.map((m) => {
                const r = p.review.measures.find((x) => x.id === m.id);
                return (
                  <tr key={m.id} data-measure={m.id}>
                    <th scope="row">{m.id}</th>
                    <td>{m.description}</td>
                    <td>{m.indicator}</td>
                    <td>{fmt.number(m.baseline)}</td>
                    <td>{t(`plan.target.${m.direction}`, { target: fmt.number(m.target) })}</td>
                    <td>{r?.latest ? t('plan.latest', { value: fmt.number(r.latest.value), date: fmt.date(r.latest.reportedOn) }) : '—'}</td>
                    <td>{r ? yesNo(r.improved) : '—'}</td>
                    <td data-met={r?.met}>{r ? yesNo(r.met) : '—'}</td>
                  </tr>
                );
              })}
            </RecordTable>
            {abilities(me.principal).work && <ProgressForm plan={p} onReported={plan.set} />}
            <h3>{t('plan.progress')}</h3>
            {p.progress.length === 0 ? (
              <p>{t('plan.noProgress')}</p>
            ) : (
              <ol className="history">
                {[...p.progress].reverse().map((r, n) => (
                  <li key={n}>
                    <strong>{fmt.date(r.reportedOn)}</strong> — {t('plan.progressLine', { measure: r.measure, value: fmt.number(r.value), by: r.reportedBy })}
                    {r.note && <span> ({r.note})</span>}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
