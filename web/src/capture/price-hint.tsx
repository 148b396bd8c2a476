import { useEffect, useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { belowMinimum, estimate, type PriceBasis, type Quote } from './pricing';

/** What the hint shows: the server's quote, or the estimate from the kept basis. */
type Shown = { minimumPrice: string; premium: string; fineGrams: string; source: 'server' } | { minimumPrice: string; premium: string; fineGrams: string; source: 'basis'; basis: PriceBasis };

const DEBOUNCE_MS = 400;

/**
 * The minimum price and premium of a certified purchase while the agent types: online the server's quote (asked
 * once typing pauses), offline or when the server cannot be reached the estimate from the price basis kept when
 * last online, saying of which date. Warns when the price typed is below the minimum.
 */
export function PriceHint({ scheme, grams, fineness, price, currency, online, basis }: { scheme: string; grams: string; fineness: string; price: string; currency: string; online: boolean; basis?: PriceBasis }) {
  const { t, fmt } = useI18n();
  const [shown, setShown] = useState<Shown>();
  const valid = scheme !== '' && Number(grams) > 0 && Number(fineness) > 0 && Number(fineness) <= 1000;

  useEffect(() => {
    if (!valid) return setShown(undefined);
    const offline = () => {
      if (!basis) return setShown(undefined);
      const e = estimate(basis, Number(grams), Number(fineness));
      setShown({ ...e, fineGrams: String(e.fineGrams), source: 'basis', basis });
    };
    if (!online) return offline();
    let live = true;
    const timer = setTimeout(() => {
      api.post<Quote>('/prices/quote', { scheme, grams, fineness }).then(
        (q) => live && setShown({ minimumPrice: q.minimumPrice, premium: q.premium, fineGrams: q.fineGrams, source: 'server' }),
        () => live && offline(),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [valid, scheme, grams, fineness, online, basis]);

  if (scheme === '') return null;
  if (!shown) return <p className="price-hint hint">{valid ? t('capture.price.none') : t('capture.price.typeMass')}</p>;
  const below = price !== '' && belowMinimum(price, currency, shown.minimumPrice);
  return (
    <div className="price-hint" aria-live="polite" data-testid="price-hint">
      <p>
        {t('capture.price.minimum')} <strong data-testid="minimum-price">{fmt.money(shown.minimumPrice, 'USD')}</strong> · {t('capture.price.premium')}{' '}
        <strong data-testid="premium">{fmt.money(shown.premium, 'USD')}</strong> · {t('capture.price.fine', { grams: fmt.mass(shown.fineGrams) })}
      </p>
      <p className="hint">{shown.source === 'server' ? t('capture.price.quoted') : t('capture.price.basis', { date: fmt.date(shown.basis.date) })}</p>
      {below && <p className="warning">{t('capture.price.below')}</p>}
    </div>
  );
}
