import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useSubmit } from '../use-submit';
import { href } from '../router';
import { useMe } from '../session';
import { PartyName } from '../trace/events';
import { abilities, craftAnswers, craftModules, CRAFT_ANSWERS, diligencePath, type AnswerDraft, type CraftQuestionnaire, type CraftView } from './model';
import { Fact, FormFooter, InputField, ListSection, RecordList, RecordTable, SelectField } from './ui';
import { Loaded, useResource } from '../use-load';

const blank: AnswerDraft = { answer: '', evidence: '', comment: '' };

/** A CRAFT criterion's text in the reader's language (the server's English wording when the catalog has none). */
function useCriterionText() {
  const { tOr } = useI18n();
  return (c: { id: string; text: string }) => tOr(`craft.criterion.${c.id}`, c.text);
}

/** The questionnaire's criteria, a fieldset per module: an answer for each, and (for a self-assessment) its evidence. */
function AnswerFields({ questionnaire, drafts, onChange, prefix, evidence }: { questionnaire: CraftQuestionnaire; drafts: Record<string, AnswerDraft>; onChange(id: string, d: AnswerDraft): void; prefix: string; evidence: boolean }) {
  const { t } = useI18n();
  const text = useCriterionText();
  const options = [{ value: '', label: t('craft.answer.none') }, ...CRAFT_ANSWERS.map((a) => ({ value: a, label: t(`craft.answer.${a}`) }))];
  return (
    <>
      {craftModules(questionnaire).map((m) => (
        <fieldset key={m.module} className="craft-module">
          <legend>{t(`craft.module.${m.module}` as 'craft.module.1')}</legend>
          {m.criteria.map((c) => {
            const d = drafts[c.id] ?? blank;
            return (
              <div key={c.id} className="criterion" data-criterion={c.id}>
                <p id={`${prefix}-${c.id}-text`} className="criterion-text">
                  <strong>{c.id}</strong> {text(c)}
                </p>
                <SelectField id={`${prefix}-${c.id}-answer`} label={t('craft.answer.label', { id: c.id })} describedBy={`${prefix}-${c.id}-text`} value={d.answer} onChange={(v) => onChange(c.id, { ...d, answer: v as AnswerDraft['answer'] })} options={options} />
                {evidence && <InputField id={`${prefix}-${c.id}-evidence`} label={t('craft.evidence.label', { id: c.id })} value={d.evidence} onChange={(v) => onChange(c.id, { ...d, evidence: v })} />}
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}

/** The producer's self-assessment form (the caller's organisation is the producer): buyer, date, person, the answers. */
function NewCraft({ onSubmitted }: { onSubmitted(a: CraftView): void }) {
  const { t } = useI18n();
  const [buyer, setBuyer] = useState('');
  const [assessedOn, setAssessedOn] = useState('');
  const [submittedBy, setSubmittedBy] = useState('');
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>({});
  const questionnaire = useResource<CraftQuestionnaire>('/diligence/craft-questionnaire', assessedOn ? { date: assessedOn } : undefined);
  const form = useSubmit(
    () => api.post<CraftView>('/diligence/craft', { buyer: buyer.trim(), submittedBy: submittedBy.trim(), ...(assessedOn ? { assessedOn } : {}), answers: craftAnswers(drafts) }),
    (a) => {
      setDrafts({});
      onSubmitted(a);
    },
  );
  return (
    <details className="panel">
      <summary>{t('craft.new.title')}</summary>
      <form onSubmit={form.submit} className="record-form craft-form" aria-label={t('craft.new.title')}>
        <p className="hint">{t('craft.new.intro')}</p>
        <InputField id="craft-buyer" label={t('craft.buyer')} value={buyer} onChange={setBuyer} required hint={t('craft.buyerHint')} />
        <InputField id="craft-on" type="date" label={t('craft.assessedOn')} value={assessedOn} onChange={setAssessedOn} hint={t('form.todayHint')} />
        <InputField id="craft-by" label={t('craft.submittedBy')} value={submittedBy} onChange={setSubmittedBy} required />
        <Loaded resource={questionnaire}>
          {(q) => (
            <>
              <p className="hint">{t('craft.questionnaire', { version: q.version })}</p>
              <AnswerFields questionnaire={q} drafts={drafts} prefix="craft" evidence onChange={(id, d) => setDrafts((old) => ({ ...old, [id]: d }))} />
            </>
          )}
        </Loaded>
        <FormFooter busy={form.busy} error={form.error} label={t('craft.new.submit')} />
      </form>
    </details>
  );
}

/** Topics met out of all, as the list shows them. */
function metCount(a: CraftView): { met: number; all: number } {
  return { met: a.results.filter((r) => r.result === 'met').length, all: a.results.length };
}

/** CRAFT assessments the organisation is producer or buyer of; producers submit a self-assessment here. */
export function CraftList() {
  const { t, fmt } = useI18n();
  const me = useMe();
  const own = me.principal.org?.uri;
  const list = useResource<{ assessments: CraftView[] }>('/diligence/craft');
  const [submitted, setSubmitted] = useState<CraftView>();
  return (
    <ListSection
      id="craft-title"
      title={t('craft.title')}
      intro={t('craft.intro')}
      form={
        abilities(me.principal).work && (
          <NewCraft
            onSubmitted={(a) => {
              setSubmitted(a);
              list.reload();
            }}
          />
        )
      }
      outcome={
        submitted && (
          <p className="done">
            {t('craft.submitted')} <a href={href(diligencePath('craft', submitted.id))}>{submitted.id}</a>
          </p>
        )
      }
    >
      <RecordList
        resource={list}
        items={(d) => [...d.assessments].sort((a, b) => b.assessedOn.localeCompare(a.assessedOn) || a.id.localeCompare(b.id))}
        none={t('craft.none')}
        name="crafts"
        caption={t('craft.title')}
        columns={[t('craft.col.id'), t('craft.producer'), t('craft.buyer'), t('craft.assessedOn'), t('craft.stage'), t('craft.col.met')]}
        row={(a) => (
          <tr key={a.id} data-craft={a.id}>
            <td>
              <a href={href(diligencePath('craft', a.id))}>{a.id}</a>
            </td>
            <td>
              <PartyName uri={a.producer} own={own} />
            </td>
            <td>
              <PartyName uri={a.buyer} own={own} />
            </td>
            <td>{fmt.date(a.assessedOn)}</td>
            <td>{t(`craft.stage.${a.stage}`)}</td>
            <td>{t('craft.metCount', { met: fmt.number(metCount(a).met), all: fmt.number(metCount(a).all) })}</td>
          </tr>
        )}
      />
    </ListSection>
  );
}

/** The buyer's review, once: its own answers to the criteria it verified prevail over the producer's. */
function ReviewForm({ assessment, onReviewed }: { assessment: CraftView; onReviewed(a: CraftView): void }) {
  const { t } = useI18n();
  const [reviewedBy, setReviewedBy] = useState('');
  const [reviewedOn, setReviewedOn] = useState('');
  const [drafts, setDrafts] = useState<Record<string, AnswerDraft>>({});
  const questionnaire = useResource<CraftQuestionnaire>('/diligence/craft-questionnaire', { date: assessment.assessedOn });
  const form = useSubmit(
    () => api.post<CraftView>(`/diligence/craft/${encodeURIComponent(assessment.id)}/review`, { reviewedBy: reviewedBy.trim(), ...(reviewedOn ? { reviewedOn } : {}), answers: craftAnswers(drafts) }),
    onReviewed,
  );
  return (
    <details className="panel">
      <summary>{t('craft.review.title')}</summary>
      <form onSubmit={form.submit} className="record-form craft-form" aria-label={t('craft.review.title')}>
        <p className="hint">{t('craft.review.intro')}</p>
        <InputField id="review-by" label={t('craft.reviewedBy')} value={reviewedBy} onChange={setReviewedBy} required />
        <InputField id="review-on" type="date" label={t('craft.reviewedOn')} value={reviewedOn} onChange={setReviewedOn} hint={t('form.todayHint')} />
        <Loaded resource={questionnaire}>{(q) => <AnswerFields questionnaire={q} drafts={drafts} prefix="review" evidence={false} onChange={(id, d) => setDrafts((old) => ({ ...old, [id]: d }))} />}</Loaded>
        <FormFooter busy={form.busy} error={form.error} label={t('craft.review.submit')} />
      </form>
    </details>
  );
}

/** One assessment: who, when, its stage, the result per topic and every answer (the reviewer's marked). */
export function CraftDetail({ id }: { id: string }) {
  const { t, tOr, fmt } = useI18n();
  const me = useMe();
  const own = me.principal.org?.uri;
  const assessment = useResource<CraftView>(`/diligence/craft/${encodeURIComponent(id)}`);
  const answerText = (a: string | undefined) => (a ? tOr(`craft.answer.${a}`, a) : t('craft.answer.none'));
  return (
    <section aria-labelledby="craft-detail-title">
      <p>
        <a href={href(diligencePath('craft'))}>{t('craft.back')}</a>
      </p>
      <Loaded resource={assessment}>
        {(a) => {
          const own_ = new Map(a.answers.map((x) => [x.criterion, x]));
          const reviewed = new Map((a.review?.answers ?? []).map((x) => [x.criterion, x]));
          return (
            <>
              <h2 id="craft-detail-title">{t('craft.detail.title', { id: a.id })}</h2>
              <dl className="facts">
                <Fact name="producer" label={t('craft.producer')}>
                  <PartyName uri={a.producer} own={own} />
                </Fact>
                <Fact name="buyer" label={t('craft.buyer')}>
                  <PartyName uri={a.buyer} own={own} />
                </Fact>
                <Fact name="assessedOn" label={t('craft.assessedOn')}>{fmt.date(a.assessedOn)}</Fact>
                <Fact name="version" label={t('craft.version')}>{a.questionnaireVersion}</Fact>
                <Fact name="submittedBy" label={t('craft.submittedBy')}>{a.submittedBy}</Fact>
                <Fact name="stage" label={t('craft.stage')}>{t(`craft.stage.${a.stage}`)}</Fact>
                {a.review && (
                  <Fact name="review" label={t('craft.reviewedBy')}>
                    {t('craft.reviewLine', { by: a.review.reviewedBy, date: fmt.date(a.review.reviewedOn) })}
                  </Fact>
                )}
              </dl>
              <RecordTable name="craft-results" caption={t('craft.results')} captionShown columns={[t('craft.col.module'), t('craft.col.topic'), t('craft.col.result'), t('craft.col.response'), t('craft.col.criteria')]}>
                {a.results.map((r) => (
                  <tr key={r.topic} data-topic={r.topic}>
                    <td>{fmt.number(r.module)}</td>
                    <th scope="row">{tOr(`craft.topic.${r.topic}`, r.topic)}</th>
                    <td>
                      <span className={`status craft-${r.result}`}>{t(`craft.result.${r.result}`)}</span>
                    </td>
                    <td>{r.response ? tOr(`craft.response.${r.response}`, r.response) : '—'}</td>
                    <td>{r.criteria.map((c) => `${c.id}: ${answerText(c.answer)}${c.reviewed ? ` (${t('craft.byBuyer')})` : ''}`).join('; ')}</td>
                  </tr>
                ))}
              </RecordTable>
              <RecordTable name="craft-answers" caption={t('craft.answers')} captionShown columns={[t('craft.col.criterion'), t('craft.col.producerAnswer'), t('craft.col.buyerAnswer'), t('craft.col.evidence')]}>
                {[...new Set([...own_.keys(), ...reviewed.keys()])].map((c) => (
                  <tr key={c}>
                    <th scope="row">{c}</th>
                    <td>{answerText(own_.get(c)?.answer)}</td>
                    <td>{reviewed.has(c) ? answerText(reviewed.get(c)?.answer) : '—'}</td>
                    <td>{[...(own_.get(c)?.evidence ?? []), ...(reviewed.get(c)?.evidence ?? [])].map((e) => e.reference).join(', ') || '—'}</td>
                  </tr>
                ))}
              </RecordTable>
              {abilities(me.principal).work && a.stage === 'self' && a.buyer === own && <ReviewForm assessment={a} onReviewed={assessment.set} />}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
