import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { PageProps } from '.';

/** GET /reports/programme?format=json (src/reports/programme: `programmeJson`). */
export interface ProgrammeFigures {
  organisation?: { id: string; name: string; uri: string };
  period: { from: string; to: string };
  ledger: { seq: number; head: string };
  generatedAt: string;
  miners: { registered: number; newInPeriod: number; byGender: Record<string, number> };
  gold: { purchases: number; fineBoughtGrams: string; fineBoughtLegallyGrams: string; certifiedPurchases: number; fineBoughtCertifiedGrams: string };
  averagePricePercentOfLbma: string | null;
  premiumsPaidUsd: string;
  mercuryFreeSharePercent: string | null;
  sitesByIcglrStatus: Record<string, number>;
  incidents: { opened: number; closed: number };
}

const ICGLR_ORDER = ['green', 'yellow', 'red', 'blue'];

/** The calendar year of today, as a period [1 January, next 1 January). */
function thisYear(): { from: string; to: string } {
  const y = new Date().getUTCFullYear();
  return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
}

function Figure({ id, label, value, children }: { id: string; label: string; value: ReactNode; children?: ReactNode }) {
  return (
    <div className="figure" data-figure={id}>
      <h3>{label}</h3>
      <p className="value">{value}</p>
      {children}
    </div>
  );
}

/** The dashboard: the programme figures of the caller's organisation (all organisations for the platform administrator). */
export function Dashboard({ location }: PageProps) {
  const { t, tOr, fmt } = useI18n();
  const period = { ...thisYear(), ...Object.fromEntries(['from', 'to'].flatMap((k) => (location.params.get(k) ? [[k, location.params.get(k)!]] : []))) };
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [figures, setFigures] = useState<ProgrammeFigures>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    setError(undefined);
    api.get<ProgrammeFigures>('/reports/programme', { from: period.from, to: period.to, format: 'json' }).then(
      (f) => live && setFigures(f),
      (err: unknown) => live && (setError(err), setFigures(undefined)),
    );
    return () => {
      live = false;
    };
  }, [period.from, period.to]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    navigate('/', { from, to });
  };

  const f = figures;
  const fine = f ? Number(f.gold.fineBoughtGrams) : 0;
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <section aria-labelledby="programme-title" className="programme">
        <h2 id="programme-title">{t('dashboard.programme')}</h2>
        <form className="period" onSubmit={show} aria-label={t('dashboard.period')}>
          <label>
            <span>{t('dashboard.from')}</span>
            <input type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            <span>{t('dashboard.to')}</span>
            <input type="date" value={to} required onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit">{t('dashboard.show')}</button>
        </form>
        <ErrorMessage error={error} />
        {!f && !error && <p aria-live="polite">{t('app.loading')}</p>}
        {f && (
          <>
            <p className="scope">
              <strong>{f.organisation?.name ?? t('dashboard.allOrganisations')}</strong>
              {' — '}
              {t('dashboard.periodLine', { from: fmt.date(f.period.from), to: fmt.date(f.period.to) })}
            </p>
            <div className="figures">
              <Figure id="miners" label={t('dashboard.miners')} value={fmt.number(f.miners.registered)}>
                <p>{t('dashboard.minersNew', { count: fmt.number(f.miners.newInPeriod) })}</p>
                <ul aria-label={t('dashboard.byGender')}>
                  {Object.entries(f.miners.byGender).sort().map(([g, n]) => (
                    <li key={g}>
                      {t('dashboard.countOf', { label: tOr(`gender.${g}`, g), count: fmt.number(n) })}
                    </li>
                  ))}
                </ul>
              </Figure>
              <Figure id="purchases" label={t('dashboard.purchases')} value={fmt.number(f.gold.purchases)}>
                <p>{t('dashboard.certifiedCount', { count: fmt.number(f.gold.certifiedPurchases) })}</p>
              </Figure>
              <Figure id="fineBought" label={t('dashboard.fineBought')} value={fmt.mass(f.gold.fineBoughtGrams)}>
                <p>{t('dashboard.certifiedMass', { mass: fmt.mass(f.gold.fineBoughtCertifiedGrams) })}</p>
              </Figure>
              <Figure id="fineLegal" label={t('dashboard.fineLegal')} value={fmt.mass(f.gold.fineBoughtLegallyGrams)}>
                {fine > 0 && <p>{t('dashboard.legalShare', { share: fmt.percent((Number(f.gold.fineBoughtLegallyGrams) / fine) * 100) })}</p>}
              </Figure>
              <Figure id="priceLbma" label={t('dashboard.pricePercentLbma')} value={f.averagePricePercentOfLbma === null ? t('dashboard.notRecorded') : fmt.percent(f.averagePricePercentOfLbma)} />
              <Figure id="premiums" label={t('dashboard.premiumsPaid')} value={fmt.money(f.premiumsPaidUsd, 'USD')} />
              <Figure id="mercuryFree" label={t('dashboard.mercuryFree')} value={f.mercuryFreeSharePercent === null ? t('dashboard.notRecorded') : fmt.percent(f.mercuryFreeSharePercent)} />
              <Figure id="sites" label={t('dashboard.sitesByStatus')} value={fmt.number(Object.values(f.sitesByIcglrStatus).reduce((a, n) => a + n, 0))}>
                <ul>
                  {Object.entries(f.sitesByIcglrStatus)
                    .sort(([a], [b]) => ICGLR_ORDER.indexOf(a) - ICGLR_ORDER.indexOf(b))
                    .map(([s, n]) => (
                      <li key={s} className={`icglr icglr-${s}`}>
                        {t('dashboard.countOf', { label: tOr(`icglr.${s}`, s), count: fmt.number(n) })}
                      </li>
                    ))}
                  {Object.keys(f.sitesByIcglrStatus).length === 0 && <li>{t('dashboard.none')}</li>}
                </ul>
              </Figure>
              <Figure id="incidents" label={t('dashboard.incidents')} value={fmt.number(f.incidents.opened)}>
                <p>{t('dashboard.incidentsOpened', { count: fmt.number(f.incidents.opened) })}</p>
                <p>{t('dashboard.incidentsClosed', { count: fmt.number(f.incidents.closed) })}</p>
              </Figure>
            </div>
            <p className="stamp">{t('dashboard.stamp', { seq: fmt.number(f.ledger.seq), date: fmt.dateTime(f.generatedAt) })}</p>
          </>
        )}
      </section>
    </>
  );
}
