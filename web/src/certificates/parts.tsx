import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { PartyName } from '../trace/events';
import { useMe } from '../session';
import { href } from '../router';
import { validityFlag, type Certificate, type ClaimName } from './model';

/** A party of the registry by its kind and GS1 key ("your organisation" for the caller's own). */
export function Party({ uri }: { uri: string }) {
  const me = useMe();
  return <PartyName uri={uri} own={me.principal.org?.uri} />;
}

/** A mine site by its GS1 location key (the registry answers URIs; the site's name is its holder's to show). */
export function SiteName({ uri }: { uri: string }) {
  return <PartyName uri={uri} own={undefined} />;
}

/**
 * A certificate's validity in words (colour only repeats them): valid, expiring soon with the days left,
 * expired, suspended, withdrawn or not yet valid, each with the day it took effect.
 */
export function ValidityBadge({ certificate }: { certificate: Pick<Certificate, 'validUntil' | 'standing'> }) {
  const { t, fmt } = useI18n();
  const flag = validityFlag(certificate);
  const text =
    flag.kind === 'expiring'
      ? t('cert.flag.expiring', { days: fmt.number(flag.days) })
      : t(`cert.flag.${flag.kind}`, { date: fmt.date(flag.since) });
  const tone = flag.kind === 'active' ? 'ok' : flag.kind === 'expiring' ? 'warn' : 'bad';
  return (
    <span className={`flag flag-${tone}`} data-flag={flag.kind}>
      {text}
    </span>
  );
}

/** The scope of a certificate in a few words: sites, products, activities, ecological, First Authorized Buyer. */
export function ScopeSummary({ scope }: { scope: Certificate['scope'] }) {
  const { t, fmt } = useI18n();
  const parts = [
    scope.sites?.length ? t('cert.scope.sites', { count: fmt.number(scope.sites.length) }) : '',
    scope.products?.length ? t('cert.scope.products', { list: scope.products.join(', ') }) : '',
    scope.activities?.length ? t('cert.scope.activities', { list: scope.activities.join(', ') }) : '',
    scope.ecological ? t('cert.scope.ecological') : '',
    scope.firstAuthorisedBuyer ? t('cert.scope.firstAuthorisedBuyer') : '',
    scope.suppliers?.length ? t('cert.scope.suppliers', { count: fmt.number(scope.suppliers.length) }) : '',
    scope.rmapStatus ? t('cert.scope.rmap', { status: scope.rmapStatus }) : '',
  ].filter(Boolean);
  return <>{parts.length ? parts.join(' · ') : t('cert.scope.unrestricted')}</>;
}

/** The client route of a certificate's page. */
export function certificateHref(id: string): string {
  return href(`/certificates/${encodeURIComponent(id)}`);
}

/** The client route of the claim check with the lot (and the claim) filled in. */
export function claimHref(lot: string, claim?: ClaimName): string {
  return href('/certificates/claim', { lot, ...(claim ? { claim } : {}) });
}

/** One fact of a `<dl className="facts">`: its term and its value (`name` marks the value for tests and styles). */
export function Fact({ label, name, children }: { label: string; name?: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-fact={name}>{children}</dd>
    </>
  );
}

/** Items rendered one after the other, separated by commas. */
export function Joined<T extends string>({ items, render }: { items: readonly T[]; render(item: T): ReactNode }) {
  return (
    <>
      {items.map((item, i) => (
        <span key={item}>
          {i > 0 && ', '}
          {render(item)}
        </span>
      ))}
    </>
  );
}

/**
 * A labelled select (labelled by id, not by wrapping, so its accessible name is the label alone) offering `options`
 * as [value, text] pairs.
 */
export function SelectField({ id, label, value, options, onChange, describedBy }: { id: string; label: string; value: string; options: readonly (readonly [string, string])[]; onChange(value: string): void; describedBy?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
