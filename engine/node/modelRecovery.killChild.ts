/**
 * Test helper run as its own process (modelRecovery.test.ts): overwrites the model in
 * argv[2] with a network of seed argv[4], and at step argv[3] says so on stdout and
 * waits there, for the test to kill it with SIGKILL — a real crash at a known point.
 */
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import { saveModel } from './modelFiles';

const [dir, stopAt, seed] = process.argv.slice(2);
const network = Network.fromSpec(PRESETS.mlp, new Rng(Number(seed)));
await saveModel(dir!, network, { appVersion: 'test', createdAt: '2025-01-01T00:00:00.000Z', name: 'killed' }, {
  step: (step) => {
    if (step !== stopAt) return;
    process.stdout.write(`at ${step}\n`);
    return new Promise<void>(() => setInterval(() => {}, 1000));
  },
});
process.stdout.write('finished\n');
