import { deviceKeyPair, sha256Hex, signText } from './device';
import { assayEvent, captureTime, epcisDocumentText, movementEvent, packEvent, purchaseEvents, type EpcisEvent } from './events';
import { nextBag, nextLot, nextMiner, NO_COUNTERS } from './ids';
import { allocate, enqueue, saveKit, type CaptureKind, type FieldKit, type LotSummary, type QueuedCapture } from './store';

/*
 * Each capture: allocate identifiers from the device's block, build the exact JSON text (a miner registration or
 * an EPCIS document), sign it with the device key, queue it under the SHA-256 of the text, and update the kit so
 * the next form already knows the new miner or lot. Nothing here needs the network.
 */

export interface CaptureContext {
  org: string;
  kit: FieldKit;
}

async function queue(ctx: CaptureContext, kind: 'miner' | 'epcis', what: CaptureKind, label: string, body: string): Promise<QueuedCapture> {
  const pair = await deviceKeyPair(ctx.org);
  return enqueue({
    id: await sha256Hex(body),
    org: ctx.org,
    device: ctx.kit.device.id,
    kind,
    what,
    label,
    body,
    signature: await signText(pair, body),
    createdAt: new Date().toISOString(),
    status: 'pending',
  });
}

async function queueEvents(ctx: CaptureContext, what: CaptureKind, label: string, events: EpcisEvent[], now: Date): Promise<QueuedCapture> {
  return queue(ctx, 'epcis', what, label, epcisDocumentText(events, now.toISOString()));
}

export interface MinerForm {
  displayName: string;
  gender: string;
  birthYear: number;
  registeredOn: string;
  site?: string;
}

/** Registers a miner under the next serial of the device's block. */
export async function captureMiner(ctx: CaptureContext, form: MinerForm): Promise<{ kit: FieldKit; item: QueuedCapture }> {
  const d = ctx.kit.device;
  const m = await allocate(d.id, (c) => nextMiner(d, c), NO_COUNTERS);
  const body = JSON.stringify({ serial: m.serial, displayName: form.displayName, gender: form.gender, birthYear: form.birthYear, registeredOn: form.registeredOn, ...(form.site ? { site: form.site } : {}) });
  const item = await queue(ctx, 'miner', 'miner', form.displayName, body);
  const kit = { ...ctx.kit, miners: [...ctx.kit.miners, { id: `${ctx.org}-m${m.serial}`, uri: m.uri, displayName: form.displayName, local: true }] };
  await saveKit(ctx.org, kit);
  return { kit, item };
}

export interface PurchaseForm {
  site: string;
  miner: string;
  form: string;
  grossGrams: number;
  fineness: number;
  scheme?: string;
  price: string;
  currency: string;
  paymentMethod: string;
}

/** Records a purchase from a miner: a new lot (the miner's production) and its sale, in one capture. */
export async function capturePurchase(ctx: CaptureContext, p: PurchaseForm, now = new Date()): Promise<{ kit: FieldKit; item: QueuedCapture; lotNumber: string }> {
  const d = ctx.kit.device;
  const lot = await allocate(d.id, (c) => nextLot(d, c, p.form), NO_COUNTERS);
  const org = d.identifiers.organisation;
  // The producer is the site's organisation: a trading house buying at a supplier's site records the supplier's production.
  const producer = ctx.kit.sites.find((s) => s.uri === p.site)?.owner ?? org;
  const events = purchaseEvents({ ...p, time: captureTime(now), recorder: org, producer, lot: lot.uri, purchaseNumber: lot.purchaseNumber });
  const item = await queueEvents(ctx, 'purchase', lot.number, events, now);
  const held: LotSummary = { id: lot.uri, lotNumber: lot.number, form: p.form, grossGrams: String(p.grossGrams), custodian: org, status: 'active' };
  const kit = { ...ctx.kit, lots: [...ctx.kit.lots, held] };
  await saveKit(ctx.org, kit);
  return { kit, item, lotNumber: lot.number };
}

/** Updates the kit's lots after a custody capture (so the next form offers the right ones). */
async function withLots(ctx: CaptureContext, lots: readonly string[], change: Partial<LotSummary>): Promise<FieldKit> {
  const wanted = new Set(lots);
  const kit = { ...ctx.kit, lots: ctx.kit.lots.map((l) => (wanted.has(l.id) ? { ...l, ...change } : l)) };
  await saveKit(ctx.org, kit);
  return kit;
}

/** Packs lots into a new bag (SSCC of the device's block) under a tag and a seal serial. */
export async function capturePack(ctx: CaptureContext, p: { lots: string[]; tag: string; seal: string }, now = new Date()): Promise<{ kit: FieldKit; item: QueuedCapture }> {
  const d = ctx.kit.device;
  const bag = await allocate(d.id, (c) => nextBag(d, c), NO_COUNTERS);
  const item = await queueEvents(ctx, 'pack', p.seal, [packEvent({ time: captureTime(now), recorder: d.identifiers.organisation, bag: bag.uri, ...p })], now);
  // The tag and seal are used now: the next pack form no longer offers them.
  const tags = ctx.kit.tags?.filter((s) => s !== p.tag && s !== p.seal);
  return { kit: await withLots({ ...ctx, kit: { ...ctx.kit, ...(tags ? { tags } : {}) } }, p.lots, { bag: bag.uri }), item };
}

/** Ships lots (with their bag when they share one) to another party, or receives lots shipped to the organisation. */
export async function captureMovement(
  ctx: CaptureContext,
  p: { step: 'shipping' | 'receiving'; lots: string[]; bag?: string; counterpart: string },
  now = new Date(),
): Promise<{ kit: FieldKit; item: QueuedCapture }> {
  const org = ctx.kit.device.identifiers.organisation;
  const [from, to] = p.step === 'shipping' ? [org, p.counterpart] : [p.counterpart, org];
  const event = movementEvent({ step: p.step, time: captureTime(now), recorder: org, lots: p.lots, from, to, ...(p.bag ? { bag: p.bag } : {}) });
  const label = ctx.kit.lots.filter((l) => p.lots.includes(l.id)).map((l) => l.lotNumber).join(', ');
  const item = await queueEvents(ctx, p.step === 'shipping' ? 'ship' : 'receive', label, [event], now);
  const change: Partial<LotSummary> = p.step === 'shipping' ? { status: 'in_transit', inTransitTo: to } : { status: 'active', custodian: org };
  return { kit: await withLots(ctx, p.lots, change), item };
}

/** Records an assay of a lot. */
export async function captureAssay(ctx: CaptureContext, p: { lot: string; fineness: number; method: string; lab?: string; sampleId?: string }, now = new Date()): Promise<{ kit: FieldKit; item: QueuedCapture }> {
  const org = ctx.kit.device.identifiers.organisation;
  const label = ctx.kit.lots.find((l) => l.id === p.lot)?.lotNumber ?? p.lot;
  const item = await queueEvents(ctx, 'assay', label, [assayEvent({ time: captureTime(now), recorder: org, ...p })], now);
  return { kit: ctx.kit, item };
}
