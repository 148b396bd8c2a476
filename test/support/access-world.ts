import type { TestStore } from './stores.js';
import { appendOk, makeWorld, type World } from './world.js';

/**
 * The world of the access tests: the house buys lots A (site 1) and B (site 2) and ships A to the
 * exporter, so the exporter is a party to one event of A and to nothing of B.
 */
export async function makeAccessWorld(store: TestStore): Promise<World> {
  const w = await makeWorld(store);
  const A = w.lot(w.house, 'dore', 'A');
  await appendOk(w, [
    ...w.buy('A', { grams: 10, fineness: 800 }),
    ...w.buy('B', { grams: 30, fineness: 800, site: 1 }),
    { type: 'ship', eventTime: w.at(5), eventTimeZoneOffset: '+02:00', recorder: w.house.uri, lots: [A], from: w.house.uri, to: w.exporter.uri },
  ]);
  return w;
}
