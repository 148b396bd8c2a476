import { useEffect } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n';
import { Layout } from './layout';
import { PageBoundary } from './page-boundary';
import { pageOf } from './pages';
import { Login } from './pages/login';
import { useLocation } from './router';
import { useSession } from './session';

/** Routes the location to its page; private pages show the login form until the session is known. */
export function App() {
  const { t } = useI18n();
  const session = useSession();
  const location = useLocation();
  const page = pageOf(location.path);
  const signedIn = session.state.status === 'signedIn';

  // A page whose call answered 401 (session expired elsewhere) sends the reader back to the login form.
  useEffect(() => {
    const on = (e: PromiseRejectionEvent) => {
      if (e.reason instanceof ApiError && e.reason.status === 401) session.expired();
    };
    window.addEventListener('unhandledrejection', on);
    return () => window.removeEventListener('unhandledrejection', on);
  }, [session]);

  let body;
  if (!page) body = <p>{t('page.notFound')}</p>;
  else if (page.public || signedIn) {
    body = (
      <PageBoundary page={page.path}>
        <page.component location={location} />
      </PageBoundary>
    );
  }
  else if (session.state.status === 'loading') body = <p aria-live="polite">{t('app.loading')}</p>;
  else body = <Login />;
  return (
    <Layout path={page?.path ?? location.path} signedIn={signedIn}>
      {body}
    </Layout>
  );
}
