import { localDate, type GoldEvent } from '../custody/index.js';
import type { TagUse } from './types.js';

const DAY_MS = 86_400_000;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
const offsets = new Map<string, number>();
const days = new Map<number, string>();

/** The local date of an event whose instant is already parsed: a scan reads it for every tagged event. */
function dayAt(atMs: number, offset: string): string {
  let off = offsets.get(offset);
  if (off === undefined) {
    const m = OFFSET.exec(offset);
    off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
    offsets.set(offset, off);
  }
  const n = Math.floor((atMs + off) / DAY_MS);
  let day = days.get(n);
  if (day === undefined) {
    day = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (days.size < 100_000) days.set(n, day);
  }
  return day;
}

/**
 * The tags an event puts on lots: a production's lot tag, a pack's bag tag (on every lot packed),
 * each tagged output of a transformation. Other events use no tag. `atMs` is the event's instant when
 * the caller has parsed it already.
 */
export function tagUsesOf(seq: number, g: GoldEvent, atMs?: number): TagUse[] {
  if (g.type !== 'production' && g.type !== 'pack' && g.type !== 'transform') return [];
  if (g.type === 'production' && g.lot.tag === undefined) return [];
  const day = atMs === undefined ? localDate(g) : dayAt(atMs, g.eventTimeZoneOffset);
  // Object literals, not spreads: a scan builds one per tagged event.
  const recorder = g.recorder;
  switch (g.type) {
    case 'production':
      return [{ serial: g.lot.tag!, seq, type: 'production', day, recorder, users: g.producer === recorder ? [recorder] : [recorder, g.producer], lots: [g.lot.lot] }];
    case 'pack':
      return [{ serial: g.tag, seq, type: 'pack', day, recorder, users: [recorder], lots: g.lots }];
    default: {
      // One tag on two outputs of one event is still one physical tag used twice: kept as two uses.
      const out: TagUse[] = [];
      for (const o of g.outputs) if (o.tag !== undefined) out.push({ serial: o.tag, seq, type: 'transform', day, recorder, users: [recorder], lots: [o.lot] });
      return out;
    }
  }
}
