import { useI18n } from '../i18n';
import { captureMiner, type CaptureContext } from './capture';
import { CaptureForm, Input, Select, useFormValues } from './fields';
import type { FieldKit, QueuedCapture } from './store';

const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;

/** Registers a miner: name (never in an event), gender, year of birth, site; the GSRN comes from the device's block. */
export function MinerForm({ ctx, onCaptured }: { ctx: CaptureContext; onCaptured(kit: FieldKit, item: QueuedCapture): void }) {
  const { t, tOr } = useI18n();
  const today = new Date().toISOString().slice(0, 10);
  // A miner is registered at one of the organisation's own sites (the server refuses a supplier's).
  const sites = ctx.kit.sites.filter((s) => s.own !== false);
  const blank = { displayName: '', gender: 'female', birthYear: '', site: sites[0]?.uri ?? '' };
  const [v, set, reset] = useFormValues(blank);
  return (
    <CaptureForm
      title="capture.miner.title"
      submit="capture.miner.submit"
      capture={async () => {
        const r = await captureMiner(ctx, { displayName: v.displayName.trim(), gender: v.gender, birthYear: Number(v.birthYear), registeredOn: today, ...(v.site ? { site: v.site } : {}) });
        onCaptured(r.kit, r.item);
        return r.item;
      }}
      onDone={() => reset()}
    >
      <p className="hint">{t('capture.miner.privacy')}</p>
      <Input label="capture.miner.name" value={v.displayName} onChange={set('displayName')} required maxLength={200} />
      <Select label="capture.miner.gender" value={v.gender} onChange={set('gender')} options={GENDERS.map((g) => ({ value: g, text: tOr(`capture.gender.${g}`, g) }))} />
      <Input label="capture.miner.birthYear" value={v.birthYear} onChange={set('birthYear')} required inputMode="numeric" pattern="(19|20)\d\d" maxLength={4} />
      <Select label="capture.site" value={v.site} onChange={set('site')} options={[...sites.map((s) => ({ value: s.uri, text: s.name })), ...(sites.length === 0 ? [{ value: '', text: t('capture.site.none') }] : [])]} />
    </CaptureForm>
  );
}
