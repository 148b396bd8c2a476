import { localDate, type GoldEvent } from '../custody/index.js';
import type { TagUse } from './types.js';

/**
 * The tags an event puts on lots: a production's lot tag, a pack's bag tag (on every lot packed),
 * each tagged output of a transformation. Other events use no tag.
 */
export function tagUsesOf(seq: number, g: GoldEvent): TagUse[] {
  const base = { seq, day: localDate(g), recorder: g.recorder };
  switch (g.type) {
    case 'production':
      if (g.lot.tag === undefined) return [];
      return [{ ...base, serial: g.lot.tag, type: 'production', users: g.producer === g.recorder ? [g.recorder] : [g.recorder, g.producer], lots: [g.lot.lot] }];
    case 'pack':
      return [{ ...base, serial: g.tag, type: 'pack', users: [g.recorder], lots: [...g.lots] }];
    case 'transform': {
      // One tag on two outputs of one event is still one physical tag used twice: kept as two uses.
      const out: TagUse[] = [];
      for (const o of g.outputs) if (o.tag !== undefined) out.push({ ...base, serial: o.tag, type: 'transform', users: [g.recorder], lots: [o.lot] });
      return out;
    }
    default:
      return [];
  }
}
