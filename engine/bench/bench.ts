/**
 * `npm run bench`: the training speed of the engine on the benchmark workloads of
 * docs/benchmarks (shared/reference/benchmarks.md), measured the way the peers were:
 * one epoch of plain SGD over the 60,000 MNIST training images already in memory, the
 * clock around the epoch loop only, then accuracy on the 10,000 test images.
 *
 *   npm run bench                                   all workloads, a table
 *   npm run bench -- --workload mlp --json          one JSON line per workload
 *   npm run bench -- --workload cnn --limit 6400    quick look, extrapolated to 60,000
 *
 * Every workload runs in a child process of its own (this script, forked with --child):
 * peak RSS is then the workload's own, and one workload's garbage or JIT state cannot
 * slow the next.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Rng } from '../core/rng';
import { sliceImageSet } from '../data/imageSet';
import { lossByName } from '../losses';
import { Network } from '../model/network';
import { WORKLOADS, type WorkloadName } from '../model/presets';
import { loadMnist } from '../node/datasets';
import { evaluate } from '../train/evaluate';
import { train } from '../train/trainer';
import { formatFlagHelp, parseArgs, UsageError, type FlagDefs } from '../cli/args';
import { group, percent, round } from '../cli/format';

const NAMES = Object.keys(WORKLOADS) as WorkloadName[];
/** The epoch every figure refers to: all of MNIST's training images. */
const EPOCH_SAMPLES = 60_000;

const FLAGS = {
  workload: { type: 'string', repeatable: true, choices: NAMES, value: 'NAME', help: `${NAMES.join(', ')}; repeatable or a comma list (default: all)` },
  json: { type: 'boolean', help: 'one JSON object per workload and line on stdout' },
  limit: { type: 'int', min: 1, value: 'N', help: 'train on the first N images only; epoch seconds are then extrapolated to 60,000' },
  seed: { type: 'int', min: 0, max: 4294967295, value: 'S', help: 'seed for the initial weights and the shuffling (default 1)' },
  help: { type: 'boolean', help: 'show this help' },
  // Internal: run one workload and report it to the parent over IPC.
  child: { type: 'string', choices: NAMES, hidden: true, help: '' },
} as const satisfies FlagDefs;

export interface BenchResult {
  workload: WorkloadName;
  /** Seconds for one epoch of 60,000 images (extrapolated when fewer were trained). */
  epochSeconds: number;
  samplesPerSecond: number;
  testAccuracy: number;
  peakRssMiB: number;
  gflops: number;
  extrapolated?: true;
}

/** One workload, in this (child) process. Data is loaded before the clock starts. */
async function measure(name: WorkloadName, limit: number | undefined, seed: number): Promise<BenchResult> {
  const w = WORKLOADS[name];
  const data = await loadMnist();
  const count = Math.min(limit ?? data.train.count, data.train.count);
  const rng = new Rng(seed);
  const network = Network.fromSpec(w.spec, rng);
  const result = await train(network, { train: sliceImageSet(data.train, 0, count) }, {
    epochs: 1, batchSize: w.batchSize, learningRate: w.learningRate, optimizer: { type: 'sgd' }, validationSize: 0,
  }, rng);
  if (result.status !== 'completed') throw new Error(result.message ?? `training ended: ${result.status}`);
  // The trainer's epoch time: the epoch loop only (no validation, since validationSize is 0).
  const seconds = result.history[0]!.seconds;
  const test = evaluate(network, data.test, lossByName('categorical_crossentropy'));
  const samplesPerSecond = count / seconds;
  const extrapolated = count < EPOCH_SAMPLES;
  return {
    workload: name,
    epochSeconds: round(extrapolated ? seconds * (EPOCH_SAMPLES / count) : seconds, 3),
    samplesPerSecond: round(samplesPerSecond, 1),
    testAccuracy: test.accuracy,
    // maxRSS is in KiB on Linux and macOS.
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    gflops: round((w.flopsPerSample * samplesPerSecond) / 1e9, 3),
    ...(extrapolated ? { extrapolated: true as const } : {}),
  };
}

/** Forks this script for one workload and waits for its result. */
function runInChild(name: WorkloadName, limit: number | undefined, seed: number): Promise<BenchResult> {
  const args = ['--child', name, '--seed', String(seed), ...(limit === undefined ? [] : ['--limit', String(limit)])];
  // fork reuses this process's execArgv, so the child runs under the same TypeScript loader (tsx).
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let result: BenchResult | null = null;
    child.on('message', (m) => (result = m as BenchResult));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`the ${name} workload failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}

const COLUMNS = [
  ['workload', 10], ['s/epoch', 9], ['samples/s', 11], ['GFLOP/s', 9], ['test acc', 10], ['peak RSS', 10],
] as const;

function tableRow(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1]))).join('');
}

function formatResult(r: BenchResult): string {
  const mark = r.extrapolated ? '*' : '';
  return tableRow([
    r.workload, `${r.epochSeconds.toFixed(2)}${mark}`, group(r.samplesPerSecond), r.gflops.toFixed(2),
    percent(r.testAccuracy), `${group(r.peakRssMiB)} MiB`,
  ]);
}

function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} · ${cpus.length} cores · Node ${process.version} · `
    + `${process.platform}-${process.arch} · ${new Date().toISOString().slice(0, 10)}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, FLAGS);
  const seed = flags.seed ?? 1;
  if (flags.child) {
    const result = await measure(flags.child, flags.limit, seed);
    process.send!(result);
    process.disconnect();
    return 0;
  }
  if (flags.help) {
    process.stdout.write(`Usage: npm run bench -- [options]\n\nOptions:\n${formatFlagHelp(FLAGS)}\n`);
    return 0;
  }
  const names = flags.workload ? [...new Set(flags.workload)] : NAMES;
  const limited = flags.limit !== undefined && flags.limit < EPOCH_SAMPLES;
  const human = !flags.json;
  if (human) {
    console.log(`One epoch of SGD on ${limited ? `the first ${group(flags.limit!)} of ` : ''}the 60,000 MNIST training images; `
      + 'accuracy on the 10,000 test images.');
    if (limited) console.log('* extrapolated to 60,000 images from the shorter run (JIT warm-up included: a pessimistic estimate).');
    console.log('');
    console.log(tableRow(COLUMNS.map(([title]) => title)));
  }
  for (const name of names) {
    if (human && process.stderr.isTTY) process.stderr.write(`${name}: training…`);
    const result = await runInChild(name, flags.limit, seed);
    if (human && process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    console.log(human ? formatResult(result) : JSON.stringify(result));
  }
  if (human) console.log(`\n${machineLine()}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    const hint = err instanceof UsageError ? ' (see "npm run bench -- --help")' : '';
    process.stderr.write(`bench: ${message}${hint}\n`);
    if (process.env.LAYERWISE_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
