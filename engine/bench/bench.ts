/**
 * `npm run bench`: the training speed of the engine on the benchmark workloads of
 * docs/benchmarks (shared/reference/benchmarks.md), measured the way the peers were:
 * one epoch of plain SGD over the 60,000 MNIST training images already in memory, the
 * clock around the epoch loop only, then accuracy on the 10,000 test images.
 *
 *   npm run bench                                   all workloads, a table
 *   npm run bench -- --workload mlp --json          one JSON line per workload
 *   npm run bench -- --workload cnn --limit 6400    quick look, extrapolated to 60,000
 *   npm run bench -- --threads 1                    one thread (default: every core)
 *   npm run bench -- --peers                        also TF.js cpu and wasm, with ratios
 *   npm run bench -- --workload mlp --inside        with the inside-the-network statistics on (their cost)
 *
 * Every workload runs in a child process of its own (this script, forked with --child):
 * peak RSS is then the workload's own, and one workload's garbage or JIT state cannot
 * slow the next.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nowMs } from '../core/clock';
import { Rng } from '../core/rng';
import { sizeOfShape, sliceSamples } from '../data/dataset';
import { headFor } from '../train/taskHead';
import { lossByName } from '../losses';
import { Network } from '../model/network';
import { WORKLOADS, type Workload, type WorkloadName } from '../model/presets';
import { codeLabels, codeLayerIndex, computeCodes } from '../codes/codes';
import { runEmbedding } from '../codes/embedding';
import { kmeansClusters } from '../codes/kmeans';
import { pcaProjection } from '../codes/pca';
import { clusterLabelTable, purity } from '../codes/purity';
import { tsneEmbedding } from '../codes/tsne';
import { reconstructionOf } from '../data/reconstruction';
import type { SampleSet } from '../data/dataset';
import { analyzeOptionsFor } from '../train/taskHead';
import { loadMnist } from '../node/datasets';
import { defaultThreadCount, nodeKernelThreads } from '../node/threads';
import { isPeerWorkload, measurePeer, peerLimit, PEERS, type PeerName, type PeerResult } from './peers';
import { measurePlayground, measurePlaygroundPeer, type PlaygroundResult } from './playgroundBench';
import { evaluate } from '../train/evaluate';
import { createKernels } from '../core/backend';
import { passProfiler } from './passProfile';
import {
  COLUMNS, EPOCH_SAMPLES, formatCodeSpace, formatPeer, formatProfile, formatResult, machineLine, PEER_COLUMNS, peerRow, tableRow,
  type BenchResult, type CodeSpaceTimings,
} from './benchReport';
import { pytorchHarness, runPytorchRound, type PytorchResult } from './pytorchPeer';
import { formatSideBySide } from './sideBySide';
import { train } from '../train/trainer';
import { DEFAULT_INSIDE_EVERY_MS } from '../train/insideStats';
import { formatFlagHelp, parseArgs, UsageError, type FlagDefs } from '../cli/args';
import { group, percent, round } from '../cli/format';

const NAMES = Object.keys(WORKLOADS) as WorkloadName[];
/** The MNIST workloads, then the 2-D playground's (engine/bench/playgroundBench.ts). */
const ALL = [...NAMES, 'playground'] as const;
type BenchName = (typeof ALL)[number];

const FLAGS = {
  workload: { type: 'string', repeatable: true, choices: ALL, value: 'NAME', help: `${ALL.join(', ')}; repeatable or a comma list (default: all)` },
  json: { type: 'boolean', help: 'one JSON object per workload and line on stdout' },
  limit: { type: 'int', min: 1, value: 'N', help: 'train on the first N images only; epoch seconds are then extrapolated to 60,000' },
  seed: { type: 'int', min: 0, max: 4294967295, value: 'S', help: 'seed for the initial weights and the shuffling (default 1)' },
  threads: { type: 'int', min: 1, max: 256, value: 'N', help: 'threads to train on (default: every core, os.availableParallelism())' },
  kernels: { type: 'string', choices: ['auto', 'js', 'wasm'], value: 'K', help: 'kernels: auto (default: WebAssembly SIMD where supported), js or wasm' },
  peers: {
    type: 'boolean',
    help: 'also train TensorFlow.js cpu and wasm on the same workloads, and PyTorch + OpenBLAS side by side (as --pytorch), and print the ratios',
  },
  pytorch: {
    type: 'boolean',
    help: 'alternate rounds of PyTorch + OpenBLAS (../shared/peers/run.sh, or LAYERWISE_PEERS_DIR) and ours on the MNIST workloads; every ratio from one round',
  },
  rounds: { type: 'int', min: 1, max: 20, value: 'N', help: 'rounds of PyTorch then Layerwise with --pytorch or --peers (default 3)' },
  'relaxed-simd': {
    type: 'boolean',
    help: 'enable WebAssembly relaxed SIMD (fused multiply-add), as Electron does by default; Node 20 needs a V8 flag for it',
  },
  inside: {
    type: 'boolean',
    help: 'measure the inside-the-network statistics while training, as the open view does (four times a second): compare with a run without',
  },
  profile: {
    type: 'boolean',
    help: 'also time every layer\'s forward and backward pass and every kernel call (per shape), and print where the epoch went',
  },
  help: { type: 'boolean', help: 'show this help' },
  // Internal: run one workload and report it to the parent over IPC.
  child: { type: 'string', choices: ALL, hidden: true, help: '' },
  peer: { type: 'string', choices: PEERS, hidden: true, help: '' },
} as const satisfies FlagDefs;

interface RunOptions {
  limit: number | undefined;
  seed: number;
  threads: number;
  kernels: 'auto' | 'js' | 'wasm';
  relaxedSimd: boolean;
  inside: boolean;
  profile: boolean;
}

/** One workload, in this (child) process. Data is loaded before the clock starts. */
async function measure(name: WorkloadName, { limit, seed, threads, kernels, inside, profile }: RunOptions): Promise<BenchResult> {
  const w: Workload = WORKLOADS[name];
  const mnist = await loadMnist();
  const data = w.task === 'reconstruction' ? reconstructionOf(mnist) : mnist;
  const count = Math.min(limit ?? data.train.count, data.train.count);
  const rng = new Rng(seed);
  const profiler = profile ? passProfiler(createKernels(kernels)) : null;
  const network = Network.fromSpec(w.spec, rng, { kernels: profiler?.kernels ?? kernels, ...analyzeOptionsFor(data.task) });
  profiler?.attach(network);
  const pool = threads > 1 && network.kernels.name !== 'js' ? nodeKernelThreads(threads) : undefined;
  let loopStart = 0, loopEnd = 0, insideMeasurements = 0, insideMs = 0;
  const loss = w.loss ?? 'categorical_crossentropy';
  const result = await train(network, { ...data, train: sliceSamples(data.train, sizeOfShape(data.inputShape), 0, count), test: null }, {
    epochs: 1, batchSize: w.batchSize, learningRate: w.learningRate, optimizer: w.optimizer ?? { type: 'sgd' }, loss, validationSize: 0,
  }, rng, { threads: pool, inside: inside ? () => ({ everyMs: DEFAULT_INSIDE_EVERY_MS }) : undefined, onEvent: (e) => {
    if (e.type === 'start') {
      profiler?.start();
      loopStart = nowMs();
    }
    else if (e.type === 'batch') {
      loopEnd = nowMs();
      if (e.samplesDone === e.samplesTotal) profiler?.stop();
    }
    else if (e.type === 'inside') {
      insideMeasurements++;
      insideMs += e.costMs;
    }
  } });
  if (result.status !== 'completed') throw new Error(result.message ?? `training ended: ${result.status}`);
  // The batch loop only: not the after-epoch measurement of the training images (peers have none).
  const seconds = (loopEnd - loopStart) / 1000;
  const passes = profiler?.result(loopEnd - loopStart);
  const head = headFor(data.task, data.inputShape, network.outputSize);
  const test = evaluate(network, data.test, head, lossByName(loss));
  const samplesPerSecond = count / seconds;
  const extrapolated = count < EPOCH_SAMPLES;
  const reconstructs = w.task === 'reconstruction';
  // The training's own peak, read before the code space (t-SNE holds n² pairs) adds its memory.
  const trainingRssMiB = round(process.resourceUsage().maxRSS / 1024, 1);
  return {
    workload: name,
    epochSeconds: round(extrapolated ? seconds * (EPOCH_SAMPLES / count) : seconds, 3),
    samplesPerSecond: round(samplesPerSecond, 1),
    ...(reconstructs ? { testMse: round(test.measures.mse ?? NaN, 5), codes: timeCodeSpace(network, data.test, count, seed) } : { testAccuracy: test.measures.accuracy ?? NaN }),
    // maxRSS is in KiB on Linux and macOS.
    peakRssMiB: trainingRssMiB,
    gflops: round((w.flopsPerSample * samplesPerSecond) / 1e9, 3),
    kernels: network.kernels.name + ((network.kernels as { fma?: boolean }).fma ? '+fma' : ''),
    threads: pool ? pool.count : 1,
    ...(extrapolated ? { extrapolated: true as const } : {}),
    ...(inside ? { insideMeasurements, insideSeconds: round(insideMs / 1000, 4) } : {}),
    ...(passes ? { profile: passes } : {}),
  };
}

/**
 * The code-space figures of the issue: PCA of 10,000 codes, t-SNE of 2,000 (1,000
 * iterations), k-means (k = 10, 10 restarts) with its purity, on the test set's codes.
 * A quick run (--limit N) takes at most N codes for each.
 */
function timeCodeSpace(network: Network, test: SampleSet, limit: number, seed: number): CodeSpaceTimings {
  const codes = computeCodes(network, test, codeLayerIndex(network.layers), { indices: Int32Array.from({ length: Math.min(10_000, limit, test.count) }, (_, i) => i) });
  let t = nowMs();
  pcaProjection(codes.values, codes.count, codes.dim);
  const pcaSeconds = (nowMs() - t) / 1000;
  const tsneCount = Math.min(2000, codes.count), tsneIterations = 1000;
  t = nowMs();
  runEmbedding(tsneEmbedding(codes.values.subarray(0, tsneCount * codes.dim), tsneCount, codes.dim, { rng: new Rng(seed), iterations: tsneIterations }), 100);
  const tsneSeconds = (nowMs() - t) / 1000;
  t = nowMs();
  const clustering = kmeansClusters(codes.values, codes.count, codes.dim, { k: 10, restarts: 10, rng: new Rng(seed) });
  const kmeansSeconds = (nowMs() - t) / 1000;
  const labels = codeLabels(test, Int32Array.from({ length: codes.count }, (_, i) => i))!;
  return {
    pcaCount: codes.count, pcaSeconds: round(pcaSeconds, 3), tsneCount, tsneIterations, tsneSeconds: round(tsneSeconds, 3),
    kmeansCount: codes.count, kmeansRestarts: 10, kmeansSeconds: round(kmeansSeconds, 3),
    purity: round(purity(clusterLabelTable(clustering.clusters, labels, 10, 10)), 4),
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

function measurePeerChild(peer: PeerName, name: WorkloadName, opts: RunOptions): Promise<PeerResult> {
  if (!isPeerWorkload(name)) throw new Error(`the peers do not run the ${name} workload`);
  return measurePeer(peer, name, Math.min(opts.limit ?? EPOCH_SAMPLES, peerLimit(peer, name)), opts.seed);
}

/** Forks this script for one workload (ours, or a peer's) and waits for its result. */
function runInChild<R>(name: BenchName, opts: RunOptions, peer?: PeerName): Promise<R> {
  const args = [
    '--child', name, '--seed', String(opts.seed), '--threads', String(opts.threads), '--kernels', opts.kernels,
    ...(opts.limit === undefined ? [] : ['--limit', String(opts.limit)]), ...(peer ? ['--peer', peer] : []), ...(opts.inside ? ['--inside'] : []),
    ...(opts.profile ? ['--profile'] : []),
  ];
  // fork reuses this process's execArgv, so the child runs under the same TypeScript loader (tsx).
  const execArgv = [...process.execArgv, ...(opts.relaxedSimd && !peer ? ['--experimental-wasm-relaxed-simd'] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let result: R | null = null;
    child.on('message', (m) => (result = m as R));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`the ${name} workload failed (${signal ? `signal ${signal}` : `exit code ${code}`})`));
    });
  });
}

const round2 = (v: number) => Math.round(v * 100) / 100;

async function main(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, FLAGS);
  const opts: RunOptions = {
    limit: flags.limit, seed: flags.seed ?? 1, threads: flags.threads ?? defaultThreadCount(), kernels: flags.kernels ?? 'auto',
    relaxedSimd: flags['relaxed-simd'] ?? false, inside: flags.inside ?? false, profile: flags.profile ?? false,
  };
  if (flags.child === 'playground') {
    process.send!(flags.peer ? await measurePlaygroundPeer(flags.peer, opts.seed) : await measurePlayground(opts.seed, opts.kernels));
    process.disconnect();
    setTimeout(() => process.exit(0), 50).unref();
    return 0;
  }
  if (flags.child) {
    const result = flags.peer
      ? await measurePeerChild(flags.peer, flags.child, opts)
      : await measure(flags.child, opts);
    process.send!(result);
    process.disconnect();
    // Helper threads and TF.js keep nothing that needs a clean shutdown.
    setTimeout(() => process.exit(0), 50).unref();
    return 0;
  }
  if (flags.help) {
    process.stdout.write(`Usage: npm run bench -- [options]\n\nOptions:\n${formatFlagHelp(FLAGS)}\n`);
    return 0;
  }
  const chosen: readonly BenchName[] = flags.workload ? [...new Set(flags.workload)] : ALL;
  const names = chosen.filter((n): n is WorkloadName => n !== 'playground');
  const playground = chosen.includes('playground');
  const limited = flags.limit !== undefined && flags.limit < EPOCH_SAMPLES;
  const human = !flags.json;
  if (human) {
    console.log(`One epoch of SGD (the autoencoder: Adam) on ${limited ? `the first ${group(flags.limit!)} of ` : ''}the 60,000 MNIST training images; `
      + 'accuracy (the autoencoder: MSE) on the 10,000 test images.');
    if (flags.inside) console.log('With the inside-the-network statistics measured, as the open view does.');
    if (limited) console.log('* extrapolated to 60,000 images from the shorter run (JIT warm-up included: a pessimistic estimate).');
    console.log('');
    console.log(tableRow(COLUMNS.map(([title]) => title)));
  }
  const ours = new Map<WorkloadName, BenchResult>();
  const harness = flags.pytorch || flags.peers ? pytorchHarness() : null;
  if ((flags.pytorch || flags.peers) && !harness && names.length > 0) {
    console.log(human ? '(PyTorch side by side skipped: no ../shared/peers/run.sh; set LAYERWISE_PEERS_DIR to the reference harness)\n' : '');
  }
  const rounds = harness ? flags.rounds ?? 3 : 1;
  const sideBySide: { round: number; torch: PytorchResult; ours: BenchResult }[] = [];
  for (let round = 1; round <= rounds; round++) {
    // PyTorch's round first, then ours straight after: the pair sees the same machine.
    if (harness && human && process.stderr.isTTY) process.stderr.write(`round ${round}: PyTorch + OpenBLAS…`);
    const torch = harness && names.length > 0 ? await runPytorchRound(harness, names) : [];
    if (harness && human && process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    for (const name of names) {
      if (human && process.stderr.isTTY) process.stderr.write(`${name}: training…`);
      const result = await runInChild<BenchResult>(name, opts);
      ours.set(name, result);
      if (human && process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
      const peer = torch.find((t) => t.workload === name);
      if (peer) sideBySide.push({ round, torch: peer, ours: result });
      console.log(human ? formatResult(result) : JSON.stringify(harness ? { ...result, round } : result));
      if (!human && peer) console.log(JSON.stringify({ peer: 'pytorch-openblas', round, ...peer, layerwiseRatio: round2(result.samplesPerSecond / peer.samplesPerSecond) }));
      if (human && result.insideMeasurements !== undefined) {
        const share = result.insideSeconds! / (result.epochSeconds * (result.extrapolated ? Math.min(flags.limit!, EPOCH_SAMPLES) / EPOCH_SAMPLES : 1));
        console.log(`  inside statistics: measured ${group(result.insideMeasurements)} times, ${(result.insideSeconds! * 1000).toFixed(1)} ms in all (${percent(share)} of the epoch)`);
      }
    }
  }
  if (human && sideBySide.length > 0) console.log(formatSideBySide(sideBySide));
  if (human) for (const r of ours.values()) if (r.profile) console.log(formatProfile(r));
  const ae = ours.get('autoencoder')?.codes;
  if (human && ae) console.log(`\n${formatCodeSpace(ae)}`);
  const first = ours.values().next().value;
  if (human && first) console.log(`\nkernels: ${first.kernels}, ${first.threads} thread${first.threads === 1 ? '' : 's'}`);
  if (flags.peers) {
    if (human) {
      console.log('\nPeers on the same workloads (* timed on fewer samples and extrapolated, as the reference harness does):\n');
      console.log(peerRow(PEER_COLUMNS.map(([title]) => title)));
    }
    for (const peer of PEERS) {
      for (const name of names.filter(isPeerWorkload)) {
        if (human && process.stderr.isTTY) process.stderr.write(`${peer} ${name}: training…`);
        const result = await runInChild<PeerResult>(name, opts, peer);
        if (human && process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
        const mine = ours.get(name);
        console.log(human ? formatPeer(result, mine)
          : JSON.stringify({ ...result, ...(mine && !result.error ? { layerwiseRatio: round(mine.samplesPerSecond / result.samplesPerSecond, 2) } : {}) }));
      }
    }
  }
  if (playground) await benchPlayground(opts, flags.peers === true, human);
  if (human) console.log(`\n${machineLine()}`);
  return 0;
}

/** The playground's figures: ours, then (with --peers) TF.js's on the same work. */
async function benchPlayground(opts: RunOptions, peers: boolean, human: boolean): Promise<void> {
  if (human) {
    console.log('\n2-D playground: 2-8-8-2 tanh on 800 training points (circles), batch 10, SGD; a 200×200 boundary grid.\n');
    console.log(`${'who'.padEnd(11)}${'steps/s'.padStart(10)}${'boundary'.padStart(11)}${'test acc'.padStart(10)}${'Layerwise ×'.padStart(16)}`);
  }
  const ours = await runInChild<PlaygroundResult>('playground', opts);
  const rows = [ours];
  for (const peer of peers ? PEERS : []) rows.push(await runInChild<PlaygroundResult>('playground', opts, peer));
  for (const r of rows) {
    const ratio = r === ours ? '' : `${(ours.stepsPerSecond / r.stepsPerSecond).toFixed(1)}× · ${(r.boundaryMs / ours.boundaryMs).toFixed(1)}×`;
    console.log(human
      ? `${r.who.padEnd(11)}${group(r.stepsPerSecond).padStart(10)}${`${r.boundaryMs.toFixed(1)} ms`.padStart(11)}${percent(r.testAccuracy).padStart(10)}${ratio.padStart(16)}`
      : JSON.stringify({ workload: 'playground', ...r }));
  }  if (human && ours.warmStepsPerSecond) {
    console.log(`\nOurs once warm, steps/s by batch size: ${Object.entries(ours.warmStepsPerSecond).map(([b, v]) => `${b}: ${group(v)}`).join(' · ')}`);
  }

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
