/**
 * Worker thread entry for one training run. It gets its job (from `workerData.job` or
 * the first message), loads the dataset itself, trains, and posts: 'started', raw
 * trainer events in groups, 'paused'/'resumed', a weight snapshot per epoch, 'testing',
 * and finally the result (test metrics, the trained weights as a layers-model, and per
 * test image the predicted class and its confidence). Big arrays are transferred.
 *
 * Control messages ('pause', 'resume', 'stop') are read whenever the trainer yields
 * (`between`, every YIELD_MS); 'stop' is checked before every batch.
 */
import { parentPort, workerData, type Transferable } from 'node:worker_threads';
import { Rng } from '../../engine/core/rng';
import { IdxError } from '../../engine/data/idx';
import { gatherImages, sliceImageSet, type ImageSet } from '../../engine/data/imageSet';
import { toLayersModel } from '../../engine/io/layersModel';
import { softmaxRows } from '../../engine/layers/activations';
import { lossByName } from '../../engine/losses';
import { formatMessage, msg, type Message } from '../../engine/messages';
import { Network } from '../../engine/model/network';
import { predictProbs } from '../../engine/model/predict';
import { SpecError } from '../../engine/model/specError';
import { loadDatasetDir } from '../../engine/node/datasets';
import { nodeKernelThreads, trainingThreadCount } from '../../engine/node/threads';
import { TrainConfigError, type TrainConfig } from '../../engine/train/config';
import { isOutOfMemory } from '../../engine/train/memoryEstimate';
import { oneHot } from '../../engine/train/oneHot';
import { evaluationChunk, train, trainingChunk, type TrainEvent as EngineTrainEvent } from '../../engine/train/trainer';
import { effectiveValidationSize, type ModelBytes, type TestMetrics, type TestPredictions, type TrainCommand, type TrainJob, type TrainWorkerMessage } from './workerProtocol';

/** How often the trainer yields to read control messages: short enough that pause and stop feel immediate. */
const YIELD_MS = 15;
/** Raw events are posted in groups at least this far apart (and at every epoch end). */
const POST_MS = 15;

const port = parentPort;
if (!port) throw new Error('trainWorker.ts must run in a worker thread.');

let started = false;
let stopRequested = false;
let paused = false;
let wake: (() => void) | null = null;
let pending: EngineTrainEvent[] = [];

function post(message: TrainWorkerMessage, transfer: Transferable[] = []): void {
  port!.postMessage(message, transfer);
}

function flushEvents(): void {
  if (pending.length === 0) return;
  post({ type: 'events', events: pending });
  pending = [];
}

port.on('message', (command: TrainCommand) => {
  switch (command?.type) {
    case 'job':
      start(command.job);
      break;
    case 'pause':
      paused = true;
      break;
    case 'resume':
      paused = false;
      wake?.();
      break;
    case 'stop':
      stopRequested = true;
      wake?.();
      break;
  }
});

const fromWorkerData = (workerData as { job?: TrainJob } | null)?.job;
if (fromWorkerData) start(fromWorkerData);

function start(job: TrainJob): void {
  if (started) return;
  started = true;
  run(job).catch((e: unknown) => {
    if (isOutOfMemory(e)) {
      const detail = msg('train.outOfMemory');
      post({ type: 'error', expected: true, message: formatMessage(detail), detail });
      return;
    }
    const expected = e instanceof IdxError || e instanceof TrainConfigError || e instanceof SpecError;
    const text = e instanceof Error ? e.message : String(e);
    // The trainer's config messages start in lower case ("batch size 5000 is larger…").
    const message = expected ? text.charAt(0).toUpperCase() + text.slice(1) : text;
    const detail = expected ? (e as { detail?: Message }).detail : undefined;
    post({ type: 'error', expected, message, ...(detail ? { detail } : {}), stack: e instanceof Error && !expected ? e.stack : undefined });
  });
}

/** Holds training while paused; resolves at once otherwise (after letting messages in). */
async function between(): Promise<void> {
  flushEvents();
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (!paused || stopRequested) return;
  post({ type: 'paused' });
  while (paused && !stopRequested) await new Promise<void>((resolve) => { wake = resolve; });
  wake = null;
  if (!stopRequested) post({ type: 'resumed' });
}

async function run(job: TrainJob): Promise<void> {
  const dataset = await loadDatasetDir(job.dataset.dir, { name: job.dataset.name });
  post({ type: 'loaded', counts: { trainCount: dataset.train.count, testCount: dataset.test.count, rows: dataset.train.rows, cols: dataset.train.cols } });
  const limit = job.dataset.limit;
  const trainSet = limit === null ? dataset.train : sliceImageSet(dataset.train, 0, Math.min(limit, dataset.train.count));
  const testSet = limit === null ? dataset.test : sliceImageSet(dataset.test, 0, Math.min(limit, dataset.test.count));
  const config: TrainConfig = { ...job.config };
  if (config.validationSize !== undefined) config.validationSize = effectiveValidationSize(config.validationSize, limit, trainSet.count);

  const rng = new Rng(job.seed);
  const network = Network.fromSpec(job.spec, rng, { numClasses: 10 });
  const threads = trainingThreadCount(job.threads);
  const kernelThreads = nodeKernelThreads(threads);
  let lastPost = performance.now();
  const result = await train(network, { train: trainSet }, config, rng, {
    onEvent(event) {
      if (event.type === 'start') {
        post({
          type: 'started', dataset: dataset.name, trainCount: event.trainCount, valCount: event.valCount, testCount: testSet.count,
          batchesPerEpoch: event.batchesPerEpoch, epochs: event.epochs, params: event.params, threads,
        });
        return;
      }
      // The snapshot goes first, so the host has it when it reports the epoch.
      if (event.type === 'epoch' && job.snapshots && event.epoch < config.epochs - 1) {
        const model = modelBytes(network, job);
        post({ type: 'snapshot', epoch: event.epoch, model }, [model.weightData.buffer as ArrayBuffer]);
      }
      pending.push(event);
      const now = performance.now();
      if (event.type === 'epoch' || now - lastPost >= POST_MS) {
        flushEvents();
        lastPost = now;
      }
    },
    shouldStop: () => stopRequested,
    between,
    yieldEveryMs: YIELD_MS,
    // Kernel helper threads on other cores; they sleep while training is paused. The
    // automatic count leaves a core to the main process and the window on bigger machines.
    threads: kernelThreads,
  });
  flushEvents();
  // The host terminates this worker once it has the result: the helpers must be gone by then (see `exited`).
  await kernelThreads.exited();

  if (result.status === 'diverged') {
    const detail = result.detail ?? msg('train.divergedShort');
    post({ type: 'diverged', message: formatMessage(detail), detail, history: result.history });
    return;
  }
  let test: { metrics: TestMetrics; predictions: TestPredictions } | null = null;
  if (result.status === 'completed') {
    post({ type: 'testing' });
    test = evaluateTestSet(network, testSet, config);
  }
  const model = modelBytes(network, job);
  const transfer: Transferable[] = [model.weightData.buffer as ArrayBuffer];
  if (test) {
    const p = test.predictions;
    transfer.push(p.labels.buffer as ArrayBuffer, p.predicted.buffer as ArrayBuffer, p.confidence.buffer as ArrayBuffer, p.images.buffer as ArrayBuffer);
  }
  post({
    type: 'result', status: result.status, message: result.message, detail: result.detail, history: result.history, seconds: result.seconds,
    test: test?.metrics ?? null, predictions: test?.predictions ?? null, model,
  }, transfer);
}

function modelBytes(network: Network, job: TrainJob): ModelBytes {
  // The host adds the real metadata when it saves; this only has to load back.
  const { modelJson, weightData } = toLayersModel(network, { appVersion: 'worker', createdAt: new Date().toISOString(), seed: job.seed });
  return { modelJson, weightData };
}

/**
 * Test-set metrics as the trainer computes them (loss on the fused logits when the loss
 * absorbs the final activation), plus per image the predicted class and its probability
 * as the predict channel would give it (`predictProbs`), so the confusion matrix and the
 * examples shown for each of its cells agree.
 */
function evaluateTestSet(network: Network, set: ImageSet, config: TrainConfig): { metrics: TestMetrics; predictions: TestPredictions } {
  const loss = lossByName(config.loss ?? 'categorical_crossentropy');
  const width = network.outputSize;
  // No larger than the training passes, so testing never grows the layers' buffers (engine/train/memoryEstimate.ts counts on it).
  const chunk = evaluationChunk(trainingChunk(config));
  const count = set.count;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const x = new Float32Array(Math.min(chunk, count) * network.inputSize);
  const targets = new Float32Array(Math.min(chunk, count) * width);
  const probs = new Float32Array(Math.min(chunk, count) * width);
  const fused = loss.fuses !== null && loss.fuses === network.finalActivation;
  // The forward output is already what predictProbs would give (or its logits) except after an unfused sigmoid.
  const outputIsProbs = !fused && network.finalActivation === 'softmax';
  const needsSecondPass = !fused && network.finalActivation === 'sigmoid';
  const confusion = Array.from({ length: width }, () => new Array<number>(width).fill(0));
  const predicted = new Uint8Array(count);
  const confidence = new Float32Array(count);
  let lossSum = 0, correct = 0;
  for (let from = 0; from < count; from += chunk) {
    const n = Math.min(chunk, count - from);
    gatherImages(set, order, from, n, x);
    oneHot(set.labels, order, from, n, width, targets);
    const out = network.forward(x, n, { training: false, logits: fused });
    lossSum += loss.compute(out, targets, n, width, null, 1);
    let p: Float32Array;
    if (needsSecondPass) p = predictProbs(network, x.subarray(0, n * network.inputSize), n);
    else if (outputIsProbs) p = out;
    else {
      softmaxRows(out, probs, n, width);
      p = probs;
    }
    for (let b = 0; b < n; b++) {
      const o = b * width;
      let best = 0;
      for (let j = 1; j < width; j++) if (p[o + j]! > p[o + best]!) best = j;
      const label = set.labels[from + b]!;
      predicted[from + b] = best;
      confidence[from + b] = p[o + best]!;
      if (label < width) confusion[label]![best]!++;
      if (best === label) correct++;
    }
  }
  return {
    metrics: { count, accuracy: count ? correct / count : 0, loss: count ? lossSum / count : 0, confusion },
    predictions: {
      labels: new Uint8Array(set.labels), predicted, confidence, images: new Uint8Array(set.images), rows: set.rows, cols: set.cols,
    },
  };
}
