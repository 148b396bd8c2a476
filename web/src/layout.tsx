import type { ReactNode } from 'react';
import { LANGS, useI18n, type Lang } from './i18n';
import { PAGES } from './pages';
import { href } from './router';
import { useSession } from './session';

/** The language switcher: a labelled select, the choice remembered by the i18n module. */
export function LanguageSwitcher() {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="lang">
      {/* Labelled by id, not by wrapping: a wrapping label would add the chosen option to the select's name. */}
      <label htmlFor="lang-switcher">{t('lang.label')}</label>
      <select id="lang-switcher" value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="lang">
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function UserMenu() {
  const { t } = useI18n();
  const session = useSession();
  if (session.state.status !== 'signedIn') return null;
  const { me } = session.state;
  const p = me.principal;
  return (
    <details className="user-menu">
      <summary>{t('user.menu')}</summary>
      <div className="user-menu-body">
        {me.email && <p>{t('user.signedInAs', { email: me.email })}</p>}
        <p>{p.org ? t('user.organisation', { org: p.org.id }) : t('user.platform')}</p>
        <p>{t('user.role', { role: t(`role.${p.role}`) })}</p>
        <button type="button" onClick={() => void session.logout()}>
          {t('user.logout')}
        </button>
      </div>
    </details>
  );
}

/** The page frame: skip link, header (name, navigation, language, account) and the main landmark. */
export function Layout({ path, children, signedIn }: { path: string; children: ReactNode; signedIn: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href={href('/')}>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </a>
        {signedIn && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {PAGES.filter((p) => p.nav).map((p) => (
                <li key={p.path}>
                  <a href={href(p.path)} aria-current={p.path === path ? 'page' : undefined}>
                    {t(p.nav!)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="tools">
          <LanguageSwitcher />
          <UserMenu />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
