// Appends the events in a JSON file as one batch, printing each progress step; the parent kills it mid-write.
import { readFileSync } from 'node:fs';
import { openOrpaille } from '../../dist/src/orpaille.js';

const [config, file] = process.argv.slice(2);
const orp = await openOrpaille(JSON.parse(config));
const events = JSON.parse(readFileSync(file, 'utf8'));
process.stdout.write('start\n');
await orp.append(events, {
  onProgress: (done, total) => {
    process.stdout.write(`progress ${done}/${total}\n`);
    // Give the parent time to kill us while the transaction is open.
    const until = Date.now() + 2000;
    while (Date.now() < until);
  },
});
process.stdout.write('committed\n');
await orp.close();
