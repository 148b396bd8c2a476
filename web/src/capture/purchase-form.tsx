import { useI18n } from '../i18n';
import { capturePurchase, type CaptureContext } from './capture';
import { CaptureForm, Input, Select, useFormValues } from './fields';
import { PRICE_SCHEMES } from './kit';
import { PriceHint } from './price-hint';
import type { FieldKit, QueuedCapture } from './store';

const FORMS = ['dore', 'sponge', 'ore', 'concentrate', 'grain'] as const;
const PAYMENT_METHODS = ['cash', 'mobile_money', 'bank_transfer', 'cheque', 'credit'] as const;
const CURRENCIES = ['USD', 'PEN', 'COP', 'BOB', 'CDF', 'GHS', 'TZS', 'UGX', 'KES', 'XOF', 'EUR'] as const;

/** Records a purchase from a registered miner: site, lot (form, gross grams, fineness, scheme), price and payment. */
export function PurchaseForm({ ctx, online, onCaptured }: { ctx: CaptureContext; online: boolean; onCaptured(kit: FieldKit, item: QueuedCapture): void }) {
  const { t, tOr, fmt } = useI18n();
  const blank = { miner: '', site: ctx.kit.sites[0]?.uri ?? '', form: 'dore', grams: '', fineness: '', scheme: PRICE_SCHEMES[0] as string, price: '', currency: 'USD', paymentMethod: 'cash' };
  const [v, set, reset] = useFormValues(blank);
  const miners = [...ctx.kit.miners].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return (
    <CaptureForm
      title="capture.purchase.title"
      submit="capture.purchase.submit"
      capture={async () => {
        const r = await capturePurchase(ctx, {
          site: v.site,
          miner: v.miner,
          form: v.form,
          grossGrams: Number(v.grams),
          fineness: Number(v.fineness),
          ...(v.scheme ? { scheme: v.scheme } : {}),
          price: Number(v.price).toFixed(2),
          currency: v.currency,
          paymentMethod: v.paymentMethod,
        });
        onCaptured(r.kit, r.item);
        return r.item;
      }}
      onDone={() => reset({ site: v.site, scheme: v.scheme, currency: v.currency })}
    >
      <Select label="capture.purchase.miner" value={v.miner} onChange={set('miner')} required options={[{ value: '', text: t('capture.choose') }, ...miners.map((m) => ({ value: m.uri, text: m.local ? t('capture.miner.local', { name: m.displayName }) : m.displayName }))]} />
      <Select label="capture.site" value={v.site} onChange={set('site')} required options={ctx.kit.sites.map((s) => ({ value: s.uri, text: t(s.own === false ? 'capture.site.supplier' : 'capture.site.own', { name: s.name, country: fmt.country(s.country) }) }))} />
      <Select label="capture.purchase.form" value={v.form} onChange={set('form')} options={FORMS.map((f) => ({ value: f, text: tOr(`form.${f}`, f) }))} />
      <Input label="capture.purchase.grams" value={v.grams} onChange={set('grams')} required inputMode="decimal" pattern="\d+(\.\d{1,3})?" />
      <Input label="capture.purchase.fineness" value={v.fineness} onChange={set('fineness')} required inputMode="decimal" pattern="\d{1,3}(\.\d)?|1000" />
      <Select label="capture.purchase.scheme" value={v.scheme} onChange={set('scheme')} options={[...PRICE_SCHEMES.map((s) => ({ value: s as string, text: tOr(`scheme.${s}`, s) })), { value: '', text: t('capture.purchase.noScheme') }]} />
      <PriceHint scheme={v.scheme} grams={v.grams} fineness={v.fineness} price={v.price} currency={v.currency} online={online} {...(ctx.kit.bases[v.scheme] ? { basis: ctx.kit.bases[v.scheme] } : {})} />
      <Input label="capture.purchase.price" value={v.price} onChange={set('price')} required inputMode="decimal" pattern="\d+(\.\d{1,2})?" />
      <Select label="capture.purchase.currency" value={v.currency} onChange={set('currency')} options={CURRENCIES.map((c) => ({ value: c, text: c }))} />
      <Select label="capture.purchase.payment" value={v.paymentMethod} onChange={set('paymentMethod')} options={PAYMENT_METHODS.map((m) => ({ value: m, text: tOr(`capture.payment.${m}`, m) }))} />
    </CaptureForm>
  );
}
