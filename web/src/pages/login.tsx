import { useState } from 'react';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useSubmit } from '../use-submit';

/** Log in with e-mail and password (POST /auth/login); the server sets the HttpOnly session cookie. */
export function Login() {
  const { t } = useI18n();
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // On success the session changes and this form is replaced by the page asked for.
  const { busy, error, submit } = useSubmit(() => login(email, password));

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <form onSubmit={submit}>
        <label>
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          <span>{t('login.password')}</span>
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <p className="hint">{t('login.demoHint')}</p>
    </section>
  );
}
