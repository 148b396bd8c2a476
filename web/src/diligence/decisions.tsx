import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useSubmit } from '../use-submit';
import { href } from '../router';
import { useMe } from '../session';
import { PartyName } from '../trace/events';
import { abilities, diligencePath, inForce, newestFirst, SUPPLIER_DECISIONS, type Plan, type SupplierDecision } from './model';
import { FormFooter, InputField, ListSection, RecordList, SelectField, TextField } from './ui';
import { useResource } from '../use-load';

/** POST /diligence/decisions answers the decision and the stock it flagged (lots held from a suspended supplier). */
interface DecisionRecorded {
  decision: SupplierDecision;
  flaggedStock: { lot: string }[];
}

/** Records a decision about a supplier (admins): continue, mitigate, suspend (new lots refused) or disengage. */
function NewDecision({ onRecorded }: { onRecorded(r: DecisionRecorded): void }) {
  const { t } = useI18n();
  const [supplier, setSupplier] = useState('');
  const [decision, setDecision] = useState<string>('continue');
  const [reason, setReason] = useState('');
  const [decidedAt, setDecidedAt] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [planId, setPlanId] = useState('');
  // The plans the decision may belong to (a decision taken under a risk management plan names it).
  const plans = useResource<{ plans: Plan[] }>('/diligence/plans');
  const form = useSubmit(
    () =>
      api.post<DecisionRecorded>('/diligence/decisions', {
        supplier: supplier.trim(),
        decision,
        reason: reason.trim(),
        // The input gives a local time without zone; the API wants an instant.
        ...(decidedAt ? { decidedAt: new Date(decidedAt).toISOString() } : {}),
        ...(decidedBy.trim() ? { decidedBy: decidedBy.trim() } : {}),
        ...(planId.trim() ? { planId: planId.trim() } : {}),
      }),
    (r) => {
      setSupplier('');
      setReason('');
      setDecidedAt('');
      setPlanId('');
      onRecorded(r);
    },
  );
  return (
    <details className="panel">
      <summary>{t('decisions.new.title')}</summary>
      <form onSubmit={form.submit} className="record-form" aria-label={t('decisions.new.title')}>
        <p className="hint">{t('decisions.new.intro')}</p>
        <InputField id="decision-supplier" label={t('form.supplier')} value={supplier} onChange={setSupplier} required hint={t('form.supplierHint')} />
        <SelectField id="decision-value" label={t('decisions.col.decision')} value={decision} onChange={setDecision} required options={SUPPLIER_DECISIONS.map((d) => ({ value: d, label: t(`decision.${d}`) }))} />
        <TextField id="decision-reason" label={t('decisions.col.reason')} value={reason} onChange={setReason} required />
        <InputField id="decision-at" type="datetime-local" label={t('decisions.new.at')} value={decidedAt} onChange={setDecidedAt} hint={t('decisions.new.atHint')} />
        <InputField id="decision-by" label={t('decisions.col.by')} value={decidedBy} onChange={setDecidedBy} hint={t('form.byHint')} />
        <SelectField id="decision-plan" label={t('decisions.new.plan')} value={planId} onChange={setPlanId} options={[{ value: '', label: t('decisions.new.noPlan') }, ...(plans.data?.plans ?? []).map((p) => ({ value: p.id, label: p.id }))]} />
        <FormFooter busy={form.busy} error={form.error} label={t('decisions.new.submit')} />
      </form>
    </details>
  );
}

/** The organisation's decisions about its suppliers, newest first, the one in force per supplier marked. */
export function DecisionList() {
  const { t, fmt } = useI18n();
  const me = useMe();
  const own = me.principal.org?.uri;
  const list = useResource<{ decisions: SupplierDecision[] }>('/diligence/decisions');
  const [recorded, setRecorded] = useState<DecisionRecorded>();
  const current = inForce(list.data?.decisions ?? []);
  return (
    <ListSection
      id="decisions-title"
      title={t('decisions.title')}
      intro={t('decisions.intro')}
      form={
        abilities(me.principal).decide && (
          <NewDecision
            onRecorded={(r) => {
              setRecorded(r);
              list.reload();
            }}
          />
        )
      }
      outcome={recorded && <p className="done">{t('decisions.recorded', { decision: t(`decision.${recorded.decision.decision}`), flagged: fmt.number(recorded.flaggedStock.length) })}</p>}
    >
      <RecordList
        resource={list}
        items={(d) => newestFirst(d.decisions)}
        none={t('decisions.none')}
        name="decisions"
        caption={t('decisions.title')}
        columns={[t('decisions.col.at'), t('decisions.col.supplier'), t('decisions.col.decision'), t('decisions.col.reason'), t('decisions.col.by')]}
        row={(d) => (
          <tr key={d.id} data-decision={d.id}>
            <td>{fmt.dateTime(d.decidedAt)}</td>
            <td>
              <PartyName uri={d.supplier} own={own} />
            </td>
            <td>
              <span className={`status decision-${d.decision}`}>{t(`decision.${d.decision}`)}</span>
              {current.get(d.supplier)?.id === d.id && <span className="tag">{t('decisions.inForce')}</span>}
            </td>
            <td>
              {d.reason}
              {d.planId && (
                <>
                  {' '}
                  (<a href={href(diligencePath('plans', d.planId))}>{t('decisions.planLink', { id: d.planId })}</a>)
                </>
              )}
            </td>
            <td>{d.automatic ? t('decisions.automatic') : d.decidedBy}</td>
          </tr>
        )}
      />
    </ListSection>
  );
}
