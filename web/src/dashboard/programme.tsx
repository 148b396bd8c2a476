import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

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

function Figure({ id, label, value, children }: { id: string; label: string; value: ReactNode; children?: ReactNode }) {
  return (
    <div className="figure" data-figure={id}>
      <h3>{label}</h3>
      <p className="value">{value}</p>
      {children}
    </div>
  );
}

/** The programme figures of GET /reports/programme (src/reports/programme), one card each. */
export function ProgrammeFiguresView({ figures: f }: { figures: ProgrammeFigures }) {
  const { t, tOr, fmt } = useI18n();
  const fine = Number(f.gold.fineBoughtGrams);
  return (
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
  );
}
