import { useState } from 'react';
import { useI18n } from '../i18n';
import { captureAssay, captureMovement, capturePack, type CaptureContext } from './capture';
import { CaptureForm, Checkboxes, Input, Select, useFormValues } from './fields';
import { isGln } from './serials';
import type { FieldKit, LotSummary, QueuedCapture } from './store';

type Props = { ctx: CaptureContext; onCaptured(kit: FieldKit, item: QueuedCapture): void };

function useLotText() {
  const { fmt } = useI18n();
  return (l: LotSummary) => `${l.lotNumber} · ${fmt.mass(l.grossGrams)}`;
}

/** Lots the organisation holds here and now: in its custody and not on their way anywhere. */
function heldLots(kit: FieldKit): LotSummary[] {
  const org = kit.device.identifiers.organisation;
  return kit.lots.filter((l) => l.status === 'active' && l.custodian === org);
}

/** Packs lots not yet bagged into a new bag under a tag and a seal serial. */
export function PackForm({ ctx, onCaptured }: Props) {
  const { t } = useI18n();
  const lotText = useLotText();
  // The serials the organisation holds unused (the kit drops those used by captures on this device).
  const serials = ctx.kit.tags ?? [];
  const [lots, setLots] = useState<string[]>([]);
  const [tag, setTag] = useState('');
  const [seal, setSeal] = useState('');
  return (
    <CaptureForm
      title="capture.pack.title"
      submit="capture.pack.submit"
      capture={async () => {
        const r = await capturePack(ctx, { lots, tag: tag.trim(), seal: seal.trim() });
        onCaptured(r.kit, r.item);
        return r.item;
      }}
      onDone={() => [setLots([]), setTag(''), setSeal('')]}
    >
      <Checkboxes legend="capture.lots" options={heldLots(ctx.kit).filter((l) => !l.bag).map((l) => ({ value: l.id, text: lotText(l) }))} chosen={lots} onChange={setLots} />
      <Input label="capture.pack.tag" value={tag} onChange={(e) => setTag(e.target.value)} required maxLength={64} choices={serials.filter((s) => s !== seal.trim())} hint={serials.length ? t('capture.pack.offered', { count: serials.length }) : undefined} />
      <Input label="capture.pack.seal" value={seal} onChange={(e) => setSeal(e.target.value)} required maxLength={64} choices={serials.filter((s) => s !== tag.trim())} />
    </CaptureForm>
  );
}

/** A GLN (13 digits) as a party URI; a URI is kept as given. Undefined: digits that are not a GLN. */
function partyUri(v: string): string | undefined {
  const s = v.trim();
  if (/^\d+$/.test(s)) return isGln(s) ? `https://id.gs1.org/417/${s}` : undefined;
  return s;
}

/** Ships held lots (a bag's lots go together) to another party, or receives lots on their way to the organisation. */
export function MoveForm({ ctx, onCaptured }: Props) {
  const { t } = useI18n();
  const lotText = useLotText();
  const org = ctx.kit.device.identifiers.organisation;
  const [step, setStep] = useState<'shipping' | 'receiving'>('shipping');
  const [lots, setLots] = useState<string[]>([]);
  const [party, setParty] = useState('');
  const choices = step === 'shipping' ? heldLots(ctx.kit) : ctx.kit.lots.filter((l) => l.status === 'in_transit' && l.inTransitTo === org);
  const chosen = ctx.kit.lots.filter((l) => lots.includes(l.id));
  const bags = [...new Set(chosen.map((l) => l.bag))];
  const bag = bags.length === 1 ? bags[0] : undefined;
  // Receiving: the sender is the lots' custodian while they travel.
  const sender = [...new Set(chosen.map((l) => l.custodian))];
  return (
    <CaptureForm
      title="capture.move.title"
      submit={step === 'shipping' ? 'capture.move.ship' : 'capture.move.receive'}
      capture={async () => {
        const counterpart = step === 'shipping' ? partyUri(party) : sender[0] ?? '';
        // A mistyped GLN is caught here, before anything is queued and signed.
        if (counterpart === undefined) throw new Error(t('capture.move.badGln'));
        const r = await captureMovement(ctx, { step, lots, counterpart, ...(bag ? { bag } : {}) });
        onCaptured(r.kit, r.item);
        return r.item;
      }}
      onDone={() => [setLots([]), setParty('')]}
    >
      <Select label="capture.move.step" value={step} onChange={(e) => [setStep(e.target.value as 'shipping'), setLots([])]} options={[{ value: 'shipping', text: t('capture.move.shipping') }, { value: 'receiving', text: t('capture.move.receiving') }]} />
      <Checkboxes legend="capture.lots" options={choices.map((l) => ({ value: l.id, text: lotText(l) }))} chosen={lots} onChange={setLots} />
      {step === 'shipping' ? (
        <Input label="capture.move.to" value={party} onChange={(e) => setParty(e.target.value)} required hint={t('capture.move.toHint')} />
      ) : (
        sender.length > 1 && <p className="warning">{t('capture.move.oneSender')}</p>
      )}
    </CaptureForm>
  );
}

const METHODS = ['xrf', 'fire_assay', 'estimate', 'other'] as const;

/** Records an assay of a held lot: method, laboratory, fineness, sample. */
export function AssayForm({ ctx, onCaptured }: Props) {
  const { t, tOr } = useI18n();
  const lotText = useLotText();
  const blank = { lot: '', method: 'xrf', lab: '', fineness: '', sampleId: '' };
  const [v, set, reset] = useFormValues(blank);
  return (
    <CaptureForm
      title="capture.assay.title"
      submit="capture.assay.submit"
      capture={async () => {
        const r = await captureAssay(ctx, { lot: v.lot, method: v.method, fineness: Number(v.fineness), ...(v.lab.trim() ? { lab: v.lab.trim() } : {}), ...(v.sampleId.trim() ? { sampleId: v.sampleId.trim() } : {}) });
        onCaptured(r.kit, r.item);
        return r.item;
      }}
      onDone={() => reset()}
    >
      <Select label="capture.assay.lot" value={v.lot} onChange={set('lot')} required options={[{ value: '', text: t('capture.choose') }, ...heldLots(ctx.kit).map((l) => ({ value: l.id, text: lotText(l) }))]} />
      <Select label="capture.assay.method" value={v.method} onChange={set('method')} options={METHODS.map((m) => ({ value: m, text: tOr(`capture.method.${m}`, m) }))} />
      <Input label="capture.assay.lab" value={v.lab} onChange={set('lab')} maxLength={200} />
      <Input label="capture.assay.fineness" value={v.fineness} onChange={set('fineness')} required inputMode="decimal" pattern="\d{1,3}(\.\d)?|1000" />
      <Input label="capture.assay.sample" value={v.sampleId} onChange={set('sampleId')} maxLength={100} />
    </CaptureForm>
  );
}
