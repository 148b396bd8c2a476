import { Component, Suspense, type ReactNode } from 'react';
import { useI18n } from './i18n';

/** Shown while a page's code arrives (pages are loaded on first visit: web/src/pages/index.ts). */
function PageLoading() {
  const { t } = useI18n();
  return (
    <p role="status" className="page-loading" data-testid="page-loading">
      {t('app.loadingPage')}
    </p>
  );
}

/** Shown when a page's code could not be loaded (offline before the service worker had kept it, or a new build). */
function PageFailed() {
  const { t } = useI18n();
  return (
    <div className="error" role="alert">
      <p>{t('app.pageFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  );
}

/** Catches a failed page load so the header and navigation stay usable (remounted for each page by its key). */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}

/**
 * The frame of a lazily loaded page: a translated, announced loading line while its chunk arrives, and a
 * message with a reload button if the chunk cannot be fetched (or the page fails to render). `page` is the
 * page's path: moving to another page starts afresh.
 */
export function PageBoundary({ page, children }: { page: string; children: ReactNode }) {
  return (
    <LoadFailure key={page}>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </LoadFailure>
  );
}
