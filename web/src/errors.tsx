import { ApiError } from './api';
import { useI18n, type I18n } from './i18n';

/**
 * The text shown for an error: the translated message of its code when the catalogs know the code
 * (`error.<code>`), else the server's own message.
 */
export function errorText(err: unknown, i18n: Pick<I18n, 't' | 'tOr'>): string {
  if (err instanceof ApiError) {
    if (err.code === 'ORP_NETWORK') return i18n.t('error.network');
    return i18n.tOr(`error.${err.code}`, err.message, { message: err.message });
  }
  return err instanceof Error ? err.message : String(err);
}

/** An error message block, announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  const i18n = useI18n();
  if (error === undefined || error === null) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="error" role="alert" data-code={code}>
      {errorText(error, i18n)}
    </div>
  );
}
