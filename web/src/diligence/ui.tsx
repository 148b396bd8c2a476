import type { ReactNode } from 'react';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { Loaded, type Resource } from '../use-load';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  hint?: string;
  /** The id of text elsewhere that describes the field (a CRAFT criterion's wording). */
  describedBy?: string;
}

/** The ids describing a field: its hint, then the text given. */
function describedBy(p: FieldProps): string | undefined {
  return [p.hint ? `${p.id}-hint` : undefined, p.describedBy].filter(Boolean).join(' ') || undefined;
}

/** A label with the required marker (the `required` attribute tells assistive technology; the star is for the eye). */
function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <label htmlFor={id}>
      {label}
      {required && (
        <span className="required" title={t('form.required')} aria-hidden="true">
          {' *'}
        </span>
      )}
    </label>
  );
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <span className="hint" id={`${id}-hint`}>
      {hint}
    </span>
  ) : null;
}

/** A labelled text, date or number input. */
export function InputField({ type = 'text', ...p }: FieldProps & { type?: 'text' | 'date' | 'datetime-local' | 'number' }) {
  return (
    <div className="field">
      <Label {...p} />
      <input
        id={p.id}
        type={type}
        value={p.value}
        required={p.required}
        aria-describedby={describedBy(p)}
        autoComplete="off"
        {...(type === 'number' ? { step: 'any' } : {})}
        onChange={(e) => p.onChange(e.target.value)}
      />
      <Hint {...p} />
    </div>
  );
}

/** A labelled multi-line input. */
export function TextField(p: FieldProps) {
  return (
    <div className="field field-wide">
      <Label {...p} />
      <textarea id={p.id} value={p.value} required={p.required} rows={3} aria-describedby={describedBy(p)} onChange={(e) => p.onChange(e.target.value)} />
      <Hint {...p} />
    </div>
  );
}

/** A labelled select; `options` are value and visible label. */
export function SelectField(p: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <Label {...p} />
      <select id={p.id} value={p.value} required={p.required} aria-describedby={describedBy(p)} onChange={(e) => p.onChange(e.target.value)}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint {...p} />
    </div>
  );
}

/** The submit button and the refusal of a form. */
export function FormFooter({ busy, error, label }: { busy: boolean; error: unknown; label: string }) {
  const { t } = useI18n();
  return (
    <>
      <p className="hint">{t('form.requiredNote')}</p>
      <button type="submit" disabled={busy}>
        {busy ? t('form.busy') : label}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}

/** A term and its value in a facts list. */
export function Fact({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-fact={name}>{children}</dd>
    </>
  );
}

/** A tab's list: its heading and introduction, the form (for those allowed), the outcome of the last write, then the rows. */
export function ListSection({ id, title, intro, form, outcome, children }: { id: string; title: string; intro: string; form?: ReactNode; outcome?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="hint">{intro}</p>
      {form}
      <div aria-live="polite">{outcome}</div>
      {children}
    </section>
  );
}

interface TableProps {
  /** Class of the table, also what tests and styles find it by (`table.plans`). */
  name: string;
  caption: string;
  /** Show the caption (else it is for assistive technology only: the section heading already says it). */
  captionShown?: boolean;
  columns: string[];
}

/** A table of records with its header row; scrolls sideways on a narrow screen. */
export function RecordTable({ name, caption, captionShown, columns, children }: TableProps & { children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={`records ${name}`}>
        <caption className={captionShown ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The records a GET answered as a table, a row each, or `none` when there is none. */
export function RecordList<T, R>({ resource, items, none, row, ...table }: TableProps & { resource: Resource<T>; items(data: T): R[]; none: string; row(record: R): ReactNode }) {
  return (
    <Loaded resource={resource}>
      {(data) => {
        const records = items(data);
        return records.length === 0 ? <p>{none}</p> : <RecordTable {...table}>{records.map(row)}</RecordTable>;
      }}
    </Loaded>
  );
}
