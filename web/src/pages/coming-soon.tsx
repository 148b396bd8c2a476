import { useI18n } from '../i18n';
import { pageOf, type PageProps } from '.';

/** Placeholder of a section not built yet: its title and a note. */
export function ComingSoon({ location }: PageProps) {
  const { t } = useI18n();
  const nav = pageOf(location.path)?.nav;
  return (
    <>
      {nav && <h1>{t(nav)}</h1>}
      <p>{t('page.comingSoon')}</p>
    </>
  );
}
