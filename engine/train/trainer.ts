import { nowMs } from '../core/clock';
import type { KernelThreads } from '../core/kernels';
import type { Rng } from '../core/rng';
import { corruptInputs, isCorrupting } from '../data/corruption';
import type { SampleSet } from '../data/dataset';
import type { Task } from '../data/task';
import type { Shape } from '../layers/layer';
import { lossByName } from '../losses';
import { formatMessage, joinMessages, msg, type Message } from '../messages';
import type { Network } from '../model/network';
import { createOptimizer, learningRateAt } from '../optimizers';
import { DEFAULT_VALIDATION_SIZE, TrainConfigError, trainConfigProblems, type TrainConfig } from './config';
import { DEFAULT_EVAL_CHUNK, evaluate, type Evaluation } from './evaluate';
import { InsideProbe, type InsideOptions, type InsideStats } from './insideStats';
import type { EpochMetrics, Measures, MetricName } from './metrics';
import { HEAD_METRICS, headFor, lossProblem, type HeadKind } from './taskHead';

export type { EpochMetrics } from './metrics';

export type TrainEvent =
  | {
      type: 'start'; trainCount: number; valCount: number; batchesPerEpoch: number; epochs: number; params: number;
      /** How the task reads the outputs, and the metrics it reports besides the loss. */
      head: HeadKind; metrics: readonly MetricName[];
    }
  | {
      /** The batch's loss and the task's metrics, measured as it trained. */
      type: 'batch'; epoch: number; batch: number; batchesPerEpoch: number; measures: Measures;
      learningRate: number; samplesDone: number; samplesTotal: number; samplesPerSecond: number; etaSeconds: number;
    }
  | ({ type: 'epoch' } & EpochMetrics)
  /** What happened inside the network during a batch (asked for with `TrainHooks.inside`), before its 'batch' event. */
  | ({ type: 'inside' } & InsideStats)
  /** Training is over; the test set is being evaluated. */
  | { type: 'testing' };

export interface TrainHooks {
  onEvent?(event: TrainEvent): void;
  /** Checked before every batch; true stops training there (status 'stopped'). */
  shouldStop?(): boolean;
  /**
   * Awaited between batches at most every `yieldEveryMs`: lets a worker read its
   * messages, and holds training while paused.
   */
  between?(next: BatchPosition): void | Promise<void>;
  yieldEveryMs?: number;
  /**
   * Asked before every batch: true awaits `between` before this one, however recently the
   * trainer yielded. A run watched step by step or at a slow pace holds every batch this way,
   * while a run at full speed still yields only every `yieldEveryMs`.
   */
  holdBefore?(next: BatchPosition): boolean;
  /**
   * The base learning rate from this batch on (the schedule applies to it); null or absent keeps
   * the config's. Lets a teacher change the rate of a run under way and show its effect at once.
   */
  learningRate?(): number | null;
  /**
   * Helper threads for the network's kernels during this run (engine/node/threads.ts makes
   * them on Node: `nodeKernelThreads(count)`). Results are bit-identical whatever the count.
   */
  threads?: KernelThreads;
  /**
   * Asked before every batch: the inside-the-network statistics wanted from now on
   * (engine/train/insideStats.ts), sent as 'inside' events at most as often as the options
   * say; null or absent measures nothing (the view is closed), at no cost.
   */
  inside?(): InsideOptions | null;
}

/** The batch about to train: its epoch and its index in the epoch, both from 0. */
export interface BatchPosition {
  readonly epoch: number;
  readonly batch: number;
}

export interface TrainResult {
  readonly status: 'completed' | 'stopped' | 'diverged';
  /** Why training ended early, in words a student can act on. */
  readonly message: string | null;
  /** The same as a catalog message, for the UI to word in its language. */
  readonly detail: Message | null;
  readonly history: EpochMetrics[];
  /** Test-set evaluation, when a test set was given and training completed. */
  readonly test: Evaluation | null;
  readonly seconds: number;
}

/** Default largest number of samples in one forward pass; bigger batches accumulate gradients over chunks. */
export const MAX_CHUNK = 256;

/** Samples per training pass: the batch, or chunks of it whose gradients add up. */
export function trainingChunk(config: Pick<TrainConfig, 'batchSize' | 'chunkSize'>): number {
  return Math.max(1, Math.min(config.chunkSize ?? MAX_CHUNK, config.batchSize));
}

/** Most samples per forward pass when evaluating. */
export const EVAL_CHUNK = DEFAULT_EVAL_CHUNK;

/** Samples per evaluation pass for a run whose training passes hold `trainingChunk`: never more (memory), and at least one full chunk. */
export function evaluationChunk(trainingChunk: number): number {
  return Math.min(EVAL_CHUNK, trainingChunk);
}
/** Most training images measured after each epoch (as many as validation has, up to this). */
export const MAX_MEASURED_TRAIN = 5000;


/** What a run trains on: samples of a dataset value (engine/data/dataset.ts) with its shape and task. */
export interface TrainData {
  readonly inputShape: Shape;
  readonly task: Task;
  readonly train: SampleSet;
  readonly test?: SampleSet | null;
}

const shapeText = (s: Shape) => s.join('×');

/**
 * Trains `network` with mini-batch gradient descent. The last `validationSize` training
 * samples are held out; the rest are shuffled from `rng` every epoch. A batch larger than
 * MAX_CHUNK is computed in chunks whose gradients add up, so even full-batch descent on a
 * CNN fits in memory (a network with batch normalization needs the whole batch at once).
 * The task's head (engine/train/taskHead.ts) turns samples into targets and outputs into
 * metrics. Stops cleanly on request, and with a message if the loss diverges.
 */
export async function train(network: Network, data: TrainData, config: TrainConfig, rng: Rng, hooks: TrainHooks = {}): Promise<TrainResult> {
  const { train: set } = data;
  // Said plainly, rather than as a validation split "from 0 to -1".
  if (set.count === 0) throw new TrainConfigError(msg('train.noTrainingImages'));
  const problems = trainConfigProblems(config, set.count);
  if (shapeText(network.inputShape) !== shapeText(data.inputShape)) {
    problems.push(msg('train.inputShape', { network: shapeText(network.inputShape), data: shapeText(data.inputShape) }));
  }
  const head = headFor(data.task, data.inputShape, network.outputSize);
  if (network.outputSize !== head.width) {
    problems.push(msg('train.outputWidth', { network: network.outputSize, task: head.width }));
  }
  const lossIssue = lossProblem(data.task, config.loss);
  if (lossIssue) problems.push(lossIssue);
  const problem = joinMessages(problems);
  if (problem) throw new TrainConfigError(problem);

  const loss = lossByName(config.loss ?? head.defaultLoss);
  const optimizer = createOptimizer(config.optimizer, network.kernels);
  const schedule = config.schedule ?? { type: 'constant' as const };
  const valCount = config.validationSize ?? Math.min(DEFAULT_VALIDATION_SIZE, Math.floor(set.count / 10));
  const fitCount = set.count - valCount;
  const order = new Int32Array(fitCount);
  for (let i = 0; i < fitCount; i++) order[i] = i;
  const valIndices = new Int32Array(valCount);
  for (let i = 0; i < valCount; i++) valIndices[i] = fitCount + i;
  const measuredCount = Math.min(MAX_MEASURED_TRAIN, fitCount, valCount > 0 ? valCount : fitCount);

  const width = network.outputSize, perSample = network.inputSize;
  const wholeBatch = network.ops.some((op) => (op as { wholeBatch?: boolean }).wholeBatch === true);
  const chunk = wholeBatch ? config.batchSize : trainingChunk(config);
  // Evaluation reuses the training buffers rather than growing them: memory stays what the batch size sets.
  const evalChunk = evaluationChunk(chunk);
  const { x, targets, dOut } = batchBuffers(network, chunk);
  const fused = loss.fuses !== null && loss.fuses === network.finalActivation;
  const logitsOut = fused || (loss.fuses !== null && network.finalActivation === null);
  const batchesPerEpoch = Math.ceil(fitCount / config.batchSize);
  const samplesTotal = fitCount * config.epochs;
  const yieldEvery = hooks.yieldEveryMs ?? 50;
  const metricNames = HEAD_METRICS[head.kind];
  // Its own stream, forked only when used: a run without corruption draws exactly as before.
  const corruption = isCorrupting(config.corruption) ? config.corruption : null;
  const corruptionRng = corruption ? rng.fork() : null;

  const history: EpochMetrics[] = [];
  const t0 = nowMs();
  let lastYield = t0, step = 0, samplesDone = 0;
  let insideProbe: InsideProbe | null = null;
  const end = (status: TrainResult['status'], detail: Message | null, test: Evaluation | null = null): TrainResult =>
    ({ status, message: detail && formatMessage(detail), detail, history, test, seconds: (nowMs() - t0) / 1000 });

  if (hooks.threads) network.kernels.useThreads(hooks.threads);
  // The training images stay in the kernels' memory for the run: a batch is one gather call.
  if (set.inputs instanceof Uint8Array) network.kernels.pinInputs?.(set.inputs);
  try {
    return await runEpochs();
  } finally {
    network.kernels.pinInputs?.(null);
    if (hooks.threads) network.kernels.useThreads(null);
  }

  async function runEpochs(): Promise<TrainResult> {
    hooks.onEvent?.({
      type: 'start', trainCount: fitCount, valCount, batchesPerEpoch, epochs: config.epochs, params: network.paramCount,
      head: head.kind, metrics: metricNames,
    });
    let measuredIndices: Int32Array | null = null;
    // One meter for every batch's figures (only when someone listens), no confusion matrix.
    const batchMeter = hooks.onEvent ? head.meter(set, logitsOut, false) : null;
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const epochStart = nowMs();
      rng.shuffle(order);
      // The first shuffle picks the measured samples: random from the run's seed, without a draw of its own.
      measuredIndices ??= order.slice(0, measuredCount);
      const epochMeter = head.meter(set, logitsOut, false);
      let epochLoss = 0;
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        const next = { epoch, batch };
        if (hooks.between && (nowMs() - lastYield >= yieldEvery || hooks.holdBefore?.(next) === true)) {
          await hooks.between(next);
          lastYield = nowMs();
        }
        if (hooks.shouldStop?.()) return end('stopped', msg('train.stoppedAt', { epoch: epoch + 1 }));
        const start = batch * config.batchSize;
        const size = Math.min(config.batchSize, fitCount - start);
        batchMeter?.reset();
        const insideWanted = hooks.onEvent ? hooks.inside?.() ?? null : null;
        const probe = insideWanted && (insideProbe ??= new InsideProbe(network)).due(step, nowMs(), insideWanted) ? insideProbe : null;
        let batchLoss = 0;
        for (let from = start; from < start + size; from += chunk) {
          const n = Math.min(chunk, start + size - from);
          network.kernels.gatherInputs(set, perSample, order, from, n, x);
          // The inputs only: targets come from the set itself (a reconstruction's are the clean images,
          // which without corruption are the batch just gathered: no second gather).
          if (corruption) corruptInputs(x, n, perSample, corruption, corruptionRng!);
          const t = head.targetsAreInputs && !corruption ? x : targets;
          if (t !== x) head.fillTargets(set, order, from, n, t, network.kernels);
          const out = network.forward(x, n, { training: true, logits: fused, observe: probe && from === start ? probe.observe : undefined });
          batchLoss += loss.compute(out, t, n, width, dOut, 1 / size, network.kernels);
          // Each batch is measured once: by the batch's meter when someone listens (added to the epoch's below), else by the epoch's.
          (batchMeter ?? epochMeter).add(out, order, from, n, t, network.kernels);
          // The batch's first pass writes the gradients (no zeroing pass first); later chunks add to them.
          network.backward(dOut, { freshGrads: from === start });
        }
        if (batchMeter) epochMeter.absorb(batchMeter);
        const baseRate = hooks.learningRate?.() ?? config.learningRate;
        if (!Number.isFinite(batchLoss)) {
          return end('diverged', msg('train.diverged', {
            epoch: epoch + 1, batch: batch + 1, value: msg(Number.isNaN(batchLoss) ? 'train.lossNaN' : 'train.lossInfinite'), lr: baseRate,
          }));
        }
        const lr = learningRateAt(baseRate, schedule, epoch, step);
        // Before the step: the gradients this batch computed, against the weights they apply to.
        if (probe) hooks.onEvent!({ type: 'inside', ...probe.collect(step, epoch, batch, lr) });
        optimizer.step(network.params, lr);
        step++;
        samplesDone += size;
        epochLoss += batchLoss;
        if (hooks.onEvent) {
          const elapsed = (nowMs() - t0) / 1000;
          const sps = elapsed > 0 ? samplesDone / elapsed : 0;
          hooks.onEvent({
            type: 'batch', epoch, batch, batchesPerEpoch, measures: measuresOf(batchLoss / size, batchMeter!.result()),
            learningRate: lr, samplesDone, samplesTotal, samplesPerSecond: sps,
            etaSeconds: sps > 0 ? (samplesTotal - samplesDone) / sps : 0,
          });
        }
      }
      const val = valCount > 0 ? evaluate(network, set, head, loss, { indices: valIndices, chunk: evalChunk }) : null;
      const measured = evaluate(network, set, head, loss, { indices: measuredIndices, chunk: evalChunk });
      const metrics: EpochMetrics = {
        epoch, seconds: (nowMs() - epochStart) / 1000,
        running: measuresOf(epochLoss / fitCount, epochMeter.result()),
        train: measured.measures, trainCount: measured.count, val: val ? val.measures : null,
      };
      history.push(metrics);
      hooks.onEvent?.({ type: 'epoch', ...metrics });
    }
    if (!data.test || data.test.count === 0) return end('completed', null, null);
    hooks.onEvent?.({ type: 'testing' });
    const test = evaluate(network, data.test, head, loss, { chunk: evalChunk, record: true });
    return end('completed', null, test);
  }
}

/** The loss with a meter's metrics (without its confusion matrix). */
function measuresOf(lossValue: number, metrics: { confusion?: number[][] } & Omit<Measures, 'loss'>): Measures {
  const { confusion: _confusion, ...rest } = metrics;
  return { loss: lossValue, ...rest };
}

/**
 * Input, target and output-gradient buffers in the network's own memory, kept per network so
 * runs reuse them (the kernels then read and write them in place, without staging copies).
 */
type BatchBuffers = { x: Float32Array; targets: Float32Array; dOut: Float32Array };
const BUFFERS = new WeakMap<Network, BatchBuffers>();

function batchBuffers(network: Network, chunk: number): BatchBuffers {
  const have = BUFFERS.get(network);
  const xLen = chunk * network.inputSize, dLen = chunk * network.outputSize;
  if (have && have.x.length >= xLen && have.dOut.length >= dLen) {
    return { x: have.x.subarray(0, xLen), targets: have.targets.subarray(0, dLen), dOut: have.dOut.subarray(0, dLen) };
  }
  const made = { x: network.kernels.floats(xLen), targets: network.kernels.floats(dLen), dOut: network.kernels.floats(dLen) };
  BUFFERS.set(network, made);
  return made;
}
