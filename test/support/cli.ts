import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';
import { fixedClock } from '../../src/kernel/index.js';
import { NOW, type World } from './world.js';

/** Runs `orpaille ARGS` against a world's database at the fixed test time; returns exit code and output. */
export async function run(w: World, ...args: string[]) {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t.endsWith('\n') ? t : t + '\n'), err: (t) => (err += t.endsWith('\n') ? t : t + '\n'), interactive: false };
  const code = await main(['node', 'orpaille', ...args], io, { ...w.config, clock: fixedClock(NOW) });
  return { code, out, err };
}
