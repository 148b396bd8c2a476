import { captureEvents, codecProblem, type AppendEntries } from '../capture/index.js';
import { readEpcisDocument } from '../epcis/index.js';
import { OrpailleError } from '../kernel/index.js';
import { errorOf, type ItemResult } from '../ledger/index.js';
import type { Miner, Organisation } from '../parties/index.js';
import { inBlock } from './blocks.js';
import { bodySha256, verifyDeviceSignature } from './keys.js';
import { checkMinerInput, minerRecord, readMinerCapture, sameMiner } from './miners.js';
import type { Device, DeviceCapture, FieldItem, FieldItemResult } from './types.js';

/** At most this many events in one signed capture (a purchase is two: the miner's production and the sale). */
export const MAX_EVENTS_PER_CAPTURE = 20;

/** What a sync needs of the rest of Orpaille. */
export interface FieldSyncDeps {
  append: AppendEntries;
  /** The organisation's registered miners, and registering new ones (red flags included). */
  miners(org: string): Promise<Miner[]>;
  addMiners(miners: Miner[]): Promise<void>;
  recordCaptures(captures: DeviceCapture[]): Promise<void>;
  now(): number;
}

/** Who syncs: the device (checked to be the organisation's and not revoked) and its organisation's mine sites. */
export interface FieldSyncContext {
  device: Device;
  org: Organisation;
  siteUris: ReadonlySet<string>;
}

/** The latest calendar date anywhere on Earth now (UTC+14): a device's "today" is never after it. */
function latestToday(now: number): string {
  return new Date(now + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Processes a device's signed captures in order, one result per item and never a throw halfway: a miner
 * registered by an earlier item is known to a purchase in a later one. An item whose signature does not verify
 * with the device's key is refused (ORP_DEVICE_SIGNATURE_INVALID) and writes nothing. Events go through the
 * ledger like POST /events, all the events of one item in one transaction (a purchase is its production and its
 * sale: both or neither); a capture sent again is a duplicate, not a second record.
 */
export async function syncFieldItems(deps: FieldSyncDeps, ctx: FieldSyncContext, items: readonly FieldItem[]): Promise<FieldItemResult[]> {
  const results: FieldItemResult[] = [];
  let miners: Map<string, Miner> | undefined;
  for (const item of items) {
    try {
      if (!verifyDeviceSignature(ctx.device.publicKey, item.body, item.signature)) {
        throw new OrpailleError('ORP_DEVICE_SIGNATURE_INVALID', `the signature of ${item.localId} does not verify with the key of device ${ctx.device.id}: the body was changed or signed by another key`, { device: ctx.device.id });
      }
      const kept = { device: ctx.device.id, bodySha256: bodySha256(item.body), signature: item.signature, receivedAt: deps.now() };
      if (item.kind === 'miner') {
        miners ??= new Map((await deps.miners(ctx.org.id)).map((m) => [m.uri, m]));
        results.push(await syncMiner(deps, ctx, item, miners, kept));
      } else {
        results.push(await syncEvents(deps, ctx, item, kept));
      }
    } catch (err) {
      const e = errorOf(err);
      results.push({ localId: item.localId, status: 'rejected', error: e.code === 'ORP_INTERNAL' ? { code: e.code, message: 'the server failed on this capture' } : e });
    }
  }
  return results;
}

type Kept = Omit<DeviceCapture, 'kind' | 'ref'>;

async function syncMiner(deps: FieldSyncDeps, ctx: FieldSyncContext, item: FieldItem, known: Map<string, Miner>, kept: Kept): Promise<FieldItemResult> {
  const capture = readMinerCapture(item.body);
  if (!inBlock(ctx.device.block, capture.serial)) {
    throw new OrpailleError('ORP_BAD_INPUT', `serial ${capture.serial} is outside the block of device ${ctx.device.id} (${ctx.device.block.from} to ${ctx.device.block.from + ctx.device.block.size - 1})`, { serial: capture.serial });
  }
  const { serial, ...input } = capture;
  const miner = minerRecord(ctx.org, serial, checkMinerInput(input, ctx.siteUris, latestToday(deps.now())));
  const prior = known.get(miner.uri);
  if (prior) {
    if (!sameMiner(prior, miner)) throw new OrpailleError('ORP_RECORD_EXISTS', `miner ${prior.id} is already registered with other details`, { miner: prior.id });
    // A resend after an interrupted sync (miner written, its signature not yet kept) completes the record.
    await deps.recordCaptures([{ ...kept, kind: 'miner', ref: prior.id }]);
    return { localId: item.localId, status: 'duplicate', miner: { id: prior.id, uri: prior.uri } };
  }
  await deps.addMiners([miner]);
  known.set(miner.uri, miner);
  await deps.recordCaptures([{ ...kept, kind: 'miner', ref: miner.id }]);
  return { localId: item.localId, status: 'accepted', miner: { id: miner.id, uri: miner.uri } };
}

async function syncEvents(deps: FieldSyncDeps, ctx: FieldSyncContext, item: FieldItem, kept: Kept): Promise<FieldItemResult> {
  const read = readEpcisDocument(item.body, 'json');
  if (!read.ok) {
    const problems = read.problems.map(codecProblem);
    throw new OrpailleError('ORP_EPCIS_INVALID', `invalid EPCIS document: ${problems.map((p) => p.detail).join('; ')}`, { problems });
  }
  const events = read.document.events;
  if (events.length === 0 || events.length > MAX_EVENTS_PER_CAPTURE) {
    throw new OrpailleError('ORP_BAD_INPUT', `a capture holds 1 to ${MAX_EVENTS_PER_CAPTURE} events, this one ${events.length}`, { events: events.length });
  }
  const outcome = await captureEvents(deps.append, events, ctx.org.uri, 'rollback');
  const refused = outcome.results.find((r: ItemResult) => r.status === 'rejected');
  if (refused) return { localId: item.localId, status: 'rejected', error: refused.error! };
  const eventIds = outcome.results.map((r) => r.eventId!);
  // Duplicates too: a resend after an interrupted sync (events written, signatures not yet kept) completes the
  // record; what is already kept stays as it was.
  await deps.recordCaptures(eventIds.map((ref) => ({ ...kept, kind: 'event' as const, ref })));
  const accepted = outcome.results.some((r) => r.status === 'accepted');
  return { localId: item.localId, status: accepted ? 'accepted' : 'duplicate', eventIds };
}
