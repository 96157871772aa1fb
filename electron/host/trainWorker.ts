/**
 * Worker thread entry for one training run. It gets its job (from `workerData.job` or
 * the first message), loads the dataset itself, trains, and posts: 'started', raw
 * trainer events in groups, 'paused'/'resumed', a weight snapshot per epoch, 'testing',
 * and finally the result (test metrics, the trained weights as a layers-model, and per
 * test image the predicted class and its confidence). Big arrays are transferred.
 *
 * With `inside` (or an 'inside' message while it trains), the trainer measures what happens
 * inside the network at most once per `everyMs`; those 'inside' events go with the others.
 *
 * Control messages ('pause', 'resume', 'stop', 'step', 'pace', 'learningRate', 'inside') are read
 * whenever the trainer yields (`between`, every YIELD_MS, and before every batch while the
 * run is paused, stepped or paced: see watchGate.ts); 'stop' is checked before every batch.
 * A step ends with its events, a fresh plane frame and 'stepped', in that order.
 *
 * With a `planeView`, `between` also computes a plane frame (the network over the plane)
 * once per `everyMs` (on average, never in bursts), and only once the host has acknowledged the previous one, so
 * frames never queue up behind a slow reader; a last frame follows the last batch.
 * An autoencoder's run (`reconstruct`) trains on `reconstructionOf(dataset)` and posts its
 * grid of test images the same way, and at every epoch's end.
 */
import { parentPort, workerData, type Transferable } from 'node:worker_threads';
import { Rng, IdxError, limitDataset, sizeOfShape, type Dataset, type SampleSet, toLayersModel, formatMessage, msg, type Message, Network, dataBounds, type PlaneBounds, SpecError, TrainConfigError, type TrainConfig, isOutOfMemory, type Evaluation, train, type BatchPosition, type TrainEvent as EngineTrainEvent, type InsideOptions, analyzeOptionsFor, reconstructionOf } from '../../engine';
import { loadDatasetDir, nodeKernelThreads, trainingThreadCount } from '../../engine/node';
import { effectiveValidationSize, type ModelBytes, type TestMetrics, type TestPredictions, type TrainCommand, type TrainJob, type TrainWorkerMessage } from './workerProtocol';
import { buildDataset } from '../ipc/builtDatasets';
import { datasetCounts } from './datasetRegistry';
import { planeFrame } from './planeFrames';
import { WatchGate } from './watchGate';
import { ReconstructionGrid } from './reconstructionFrames';

/** How often the trainer yields to read control messages: short enough that pause and stop feel immediate. */
const YIELD_MS = 15;
/** Raw events are posted in groups at least this far apart (and at every epoch end). */
const POST_MS = 15;

const port = parentPort;
if (!port) throw new Error('trainWorker.ts must run in a worker thread.');

let started = false;
let stopRequested = false;
let pending: EngineTrainEvent[] = [];
/** The inside-the-network statistics asked for (null: none, the view is closed). */
let insideView: InsideOptions | null = null;

/** The plane view of this run, once training has started (null without one). */
let plane: { network: Network; bounds: PlaneBounds; resolution: number; unitResolution: number; everyMs: number } | null = null;
let planeInFlight = false;
let nextPlaneAt = -Infinity;
/** The step of the last frame posted: a network that has not trained since is not drawn again. */
let planeStep = -1;
let step = 0, epoch = 0;
/** The reconstruction grid of this run, paced like the plane frames (null without one). */
let grid: { network: Network; images: ReconstructionGrid; everyMs: number } | null = null;
let gridInFlight = false;
let nextGridAt = -Infinity;
let gridStep = -1;

/** Pause, steps and pace (set up with the job, which says whether the run starts paused). */
let gate = new WatchGate(null, gateSignals(), () => step);

function gateSignals(): ConstructorParameters<typeof WatchGate>[1] {
  return {
    paused: () => post({ type: 'paused' }),
    resumed: () => post({ type: 'resumed' }),
    stepped: (unit) => {
      flushEvents();
      postPlane(true);
      postGrid(true);
      post({ type: 'stepped', unit, step, epoch });
    },
  };
}

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
      gate.pause();
      break;
    case 'resume':
      gate.resume();
      break;
    case 'stop':
      stopRequested = true;
      gate.stop();
      break;
    case 'step':
      gate.step(command.unit);
      break;
    case 'pace':
      gate.pace(command.batchesPerSecond);
      break;
    case 'learningRate':
      gate.setLearningRate(command.learningRate);
      break;
    case 'inside':
      insideView = command.view;
      break;
    case 'planeAck':
      planeInFlight = false;
      break;
    case 'reconstructionsAck':
      gridInFlight = false;
      break;
  }
});

const fromWorkerData = (workerData as { job?: TrainJob } | null)?.job;
if (fromWorkerData) start(fromWorkerData);

function start(job: TrainJob): void {
  if (started) return;
  started = true;
  insideView = job.inside ?? null;
  gate = new WatchGate(job.watch, gateSignals(), () => step);
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

/** Computes and posts a plane frame when one is due (`force`: the last one, due anyway). */
function postPlane(force: boolean): void {
  if (!plane || planeStep === step) return;
  const now = performance.now();
  if (!force && (planeInFlight || now < nextPlaneAt)) return;
  // Paced on a fixed schedule rather than from the last frame, so that yields landing a few
  // milliseconds late do not lower the rate below one per `everyMs`; a run that fell more
  // than a period behind (a slow host, a pause) starts afresh instead of catching up in a burst.
  nextPlaneAt = now - nextPlaneAt > plane.everyMs ? now + plane.everyMs : nextPlaneAt + plane.everyMs;
  const frame = planeFrame(plane.network, plane.bounds, plane.resolution, plane.unitResolution);
  planeInFlight = true;
  planeStep = step;
  post({ type: 'plane', step, epoch, frame });
}

/** Computes and posts the reconstruction grid when one is due (`force`: an epoch's end or the last one). */
function postGrid(force: boolean): void {
  if (!grid || gridStep === step) return;
  const now = performance.now();
  if (!force && (gridInFlight || now < nextGridAt)) return;
  nextGridAt = now + grid.everyMs;
  const frame = grid.images.frame(grid.network);
  gridInFlight = true;
  gridStep = step;
  post({ type: 'reconstructions', step, epoch, frame });
}

/** Lets messages in, then holds training as long as the gate says (paused, a step over, a slow pace). */
async function between(next: BatchPosition): Promise<void> {
  flushEvents();
  postPlane(false);
  postGrid(false);
  await new Promise<void>((resolve) => setImmediate(resolve));
  await gate.hold(next);
}

async function run(job: TrainJob): Promise<void> {
  const full: Dataset = job.dataset.kind === 'built'
    ? buildDataset(job.dataset.source)
    : await loadDatasetDir(job.dataset.dir, { name: job.dataset.name });
  const [rows = 0, cols = 0] = full.inputShape;
  post({ type: 'loaded', counts: datasetCounts(full) });
  const limit = job.dataset.limit;
  const limited = limitDataset(full, limit);
  const dataset = job.reconstruct ? reconstructionOf(limited) : limited;
  const config: TrainConfig = { ...job.config };
  if (config.validationSize !== undefined) config.validationSize = effectiveValidationSize(config.validationSize, limit, dataset.train.count);

  const rng = new Rng(job.seed);
  const network = Network.fromSpec(job.spec, rng, analyzeOptionsFor(dataset.task));
  // The plane the frames cover, from the data and fixed for the run (the renderer draws the points on it).
  const bounds = sizeOfShape(dataset.inputShape) === 2 && network.inputSize === 2 ? dataBounds([dataset.train, dataset.test]) : null;
  if (bounds && job.planeView) plane = { network, bounds, ...job.planeView };
  const view = job.reconstruct?.view;
  if (view && dataset.test.count > 0) {
    grid = { network, everyMs: view.everyMs, images: new ReconstructionGrid(dataset.test, dataset.inputShape, view.count, config.corruption ?? null, config.loss) };
  }
  const threads = trainingThreadCount(job.threads);
  const kernelThreads = nodeKernelThreads(threads);
  let lastPost = performance.now();
  const result = await train(network, dataset, config, rng, {
    onEvent(event) {
      if (event.type === 'start') {
        post({
          type: 'started', dataset: dataset.name, trainCount: event.trainCount, valCount: event.valCount, testCount: dataset.test.count,
          batchesPerEpoch: event.batchesPerEpoch, epochs: event.epochs, params: event.params, threads,
          head: event.head, metrics: [...event.metrics], bounds,
        });
        return;
      }
      if (event.type === 'batch') {
        step = event.epoch * event.batchesPerEpoch + event.batch + 1;
        epoch = event.epoch;
      }
      if (event.type === 'testing') {
        flushEvents();
        postPlane(true);
        postGrid(true);
        plane = null;
        grid = null;
        post({ type: 'testing' });
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
      // Every epoch ends with the grid as the network now is (after its epoch event, as the curves get it).
      if (event.type === 'epoch') postGrid(true);
    },
    shouldStop: () => stopRequested,
    between,
    holdBefore: (next) => gate.holds(next),
    learningRate: () => gate.learningRate,
    inside: () => insideView,
    yieldEveryMs: YIELD_MS,
    // Kernel helper threads on other cores; they sleep while training is paused. The
    // automatic count leaves a core to the main process and the window on bigger machines.
    threads: kernelThreads,
  });
  flushEvents();
  // A stopped run has no 'testing' step: its last frame goes now.
  if (result.status !== 'diverged') {
    postPlane(true);
    postGrid(true);
  }
  plane = null;
  grid = null;
  // The host terminates this worker once it has the result: the helpers must be gone by then (see `exited`).
  await kernelThreads.exited();

  if (result.status === 'diverged') {
    const detail = result.detail ?? msg('train.divergedShort');
    post({ type: 'diverged', message: formatMessage(detail), detail, history: result.history });
    return;
  }
  const test = result.test;
  const predictions = test?.predictions && dataset.test.labels ? testPredictions(dataset.test, test.predictions, rows, cols) : null;
  // Samples that are numbers (a table's rows, points) are shown by the renderer, which holds them: only the predictions travel.
  const samplePredictions = test?.predictions && dataset.test.inputs instanceof Float32Array ? test.predictions : null;
  const model = modelBytes(network, job);
  const transfer: Transferable[] = [model.weightData.buffer as ArrayBuffer];
  if (predictions) {
    const p = predictions;
    transfer.push(p.labels.buffer as ArrayBuffer, p.predicted.buffer as ArrayBuffer, p.confidence.buffer as ArrayBuffer, p.images.buffer as ArrayBuffer);
  }
  post({
    type: 'result', status: result.status, message: result.message, detail: result.detail, history: result.history, seconds: result.seconds,
    test: test ? { count: test.count, measures: test.measures, confusion: test.confusion } : null, predictions, model, samplePredictions,
  }, transfer);
}

/** Per test image its label, the predicted class and its probability (the host answers `train:examples` from these). */
function testPredictions(set: SampleSet, p: NonNullable<Evaluation['predictions']>, rows: number, cols: number): TestPredictions | null {
  if (!(set.inputs instanceof Uint8Array)) return null;
  return { labels: new Uint8Array(set.labels!), predicted: p.predicted, confidence: p.confidence, images: new Uint8Array(set.inputs), rows, cols };
}

function modelBytes(network: Network, job: TrainJob): ModelBytes {
  // The host adds the real metadata when it saves; this only has to load back.
  const { modelJson, weightData } = toLayersModel(network, { appVersion: 'worker', createdAt: new Date().toISOString(), seed: job.seed });
  return { modelJson, weightData };
}

