import { useId, useState, type ReactNode } from 'react';
import { ErrorMessage } from '../errors';
import { useI18n, type MessageKey } from '../i18n';
import { useSubmit } from '../use-submit';
import type { QueuedCapture } from './store';

/**
 * A labelled input with big touch targets; `hint` is read with it (aria-describedby). `choices` are offered as a
 * datalist (picked on a phone instead of typed), typing anything else stays possible.
 */
export function Input({ label, hint, choices, ...props }: { label: MessageKey; hint?: ReactNode; choices?: readonly string[] } & React.InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <input id={id} autoComplete="off" {...props} {...(hint ? { 'aria-describedby': `${id}-hint` } : {})} {...(choices?.length ? { list: `${id}-choices` } : {})} />
      {choices?.length ? (
        <datalist id={`${id}-choices`}>
          {choices.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      ) : null}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** A labelled select of `options` (value, text). */
export function Select({ label, options, ...props }: { label: MessageKey; options: readonly { value: string; text: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <select id={id} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes, one per option, under a legend. */
export function Checkboxes({ legend, options, chosen, onChange }: { legend: MessageKey; options: readonly { value: string; text: string }[]; chosen: readonly string[]; onChange(v: string[]): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="checks">
      <legend>{t(legend)}</legend>
      {options.length === 0 && <p className="hint">{t('capture.noLots')}</p>}
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))} />
          <span>{o.text}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A capture form: its fields, one big submit button, then "queued" (announced) or the failure. `capture` returns
 * the queued capture; the form is reset after it.
 */
export function CaptureForm({ title, submit, capture, children, onDone }: { title: MessageKey; submit: MessageKey; capture(): Promise<QueuedCapture>; children: ReactNode; onDone?(): void }) {
  const { t } = useI18n();
  const [done, setDone] = useState<QueuedCapture>();
  const titleId = useId();
  const { busy, error, submit: onSubmit } = useSubmit(
    async () => {
      setDone(undefined);
      return capture();
    },
    (item) => {
      setDone(item);
      onDone?.();
    },
  );
  return (
    <section className="capture-form" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(title)}</h2>
      <form onSubmit={onSubmit}>
        {children}
        <button type="submit" className="big" disabled={busy}>
          {t(submit)}
        </button>
      </form>
      <p role="status" className="queued">
        {done ? t('capture.queued', { what: done.label }) : ''}
      </p>
      <ErrorMessage error={error} />
    </section>
  );
}

/** The values of a form's text inputs and selects: the values, a change handler per field, and a reset. */
export function useFormValues<T extends Record<string, string>>(blank: T): [T, (k: keyof T) => (e: { target: { value: string } }) => void, (to?: Partial<T>) => void] {
  const [v, setV] = useState(blank);
  const set = (k: keyof T) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }));
  return [v, set, (to = {}) => setV({ ...blank, ...to })];
}
