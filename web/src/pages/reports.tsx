import { useState, type FormEvent } from 'react';
import { fetchFile, saveFile, type Download } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { initialValues, reportRequest, REPORTS, type FieldDef, type ReportDef } from '../reports/catalog';
import { useMe } from '../session';
import type { PageProps } from '.';

/** One labelled input of a report form. */
function Field({ report, field, value, onChange }: { report: ReportDef; field: FieldDef; value: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const id = `report-${report.id}-${field.name.replace('.', '-')}`;
  const common = { id, name: field.name, value, required: field.required, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <div className="field">
      <label htmlFor={id}>{t(field.label)}</label>
      {field.kind === 'select' ? (
        <select {...common}>
          {field.options!.map((o) => (
            <option key={o.value} value={o.value}>
              {t(o.label)}
            </option>
          ))}
        </select>
      ) : field.kind === 'year' ? (
        <input {...common} type="text" inputMode="numeric" pattern="\d{4}" maxLength={4} autoComplete="off" />
      ) : (
        <input {...common} type={field.kind} autoComplete="off" />
      )}
    </div>
  );
}

/** What the last download gave: the file saved and the ledger head it was computed from. */
function Saved({ download }: { download: Download }) {
  const { t, fmt } = useI18n();
  return (
    <div className="saved">
      <p>{t('reports.saved', { file: download.filename })}</p>
      {download.ledger && (
        <p className="ledger-head">
          {t('reports.ledger', { seq: fmt.number(download.ledger.seq) })} <code>{download.ledger.head}</code>
        </p>
      )}
    </div>
  );
}

/** The form of one report: its inputs, a Download button, then the file saved or the API's refusal. */
function ReportForm({ report }: { report: ReportDef }) {
  const { t } = useI18n();
  const me = useMe();
  const [values, setValues] = useState(() => initialValues(report, { today: new Date(), principal: me.principal }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [download, setDownload] = useState<Download>();
  const titleId = `report-${report.id}-title`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setDownload(undefined);
    try {
      const file = await fetchFile(report.method, report.path, { ...reportRequest(report, values), fallbackName: report.fallbackName });
      saveFile(file);
      setDownload(file);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="report" aria-labelledby={titleId} data-report={report.id}>
      <h2 id={titleId}>{t(report.title)}</h2>
      <p>{t(report.about)}</p>
      <form onSubmit={submit}>
        <div className="fields">
          {report.fields.map((f) => (
            <Field key={f.name} report={report} field={f} value={values[f.name] ?? ''} onChange={(v) => setValues((old) => ({ ...old, [f.name]: v }))} />
          ))}
        </div>
        {report.note && <p className="hint">{t(report.note)}</p>}
        <button type="submit" disabled={busy}>
          {busy ? t('reports.busy') : t('reports.download')}
        </button>
      </form>
      <div aria-live="polite">{download && <Saved download={download} />}</div>
      <ErrorMessage error={error} />
    </section>
  );
}

/** The reports page: one form per report the caller's organisation and role can get. */
export function Reports(_: PageProps) {
  const { t } = useI18n();
  const me = useMe();
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <div className="reports">
        {REPORTS.filter((r) => r.available(me.principal)).map((r) => (
          <ReportForm key={r.id} report={r} />
        ))}
      </div>
    </>
  );
}
