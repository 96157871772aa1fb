/**
 * The engine host: the main-process side of the boundary, without Electron. Every
 * request is validated against the contract, dispatched, and answered with a Result
 * whose errors carry a code and a plain message. Training runs in one worker thread per
 * run (at most one run per client), predictions in one long-lived worker, so the main
 * thread only routes messages and touches files.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { totalmem } from 'node:os';
import {
  DEFAULT_EXPLAIN_VALUES, isChannel, parseRequest, type Channel, type HostEvent, type Hyperparams, type RequestOf, type ResponseOf, type Result,
} from '../ipc/contract';
import { fromLayersModel, joinMessages, msg, analyzeNetwork, type NetworkSpec, SpecError, trainConfigProblems, type TrainConfig, trainingMemoryBudget, trainingMemoryProblem, analyzeOptionsFor, lossProblem, type EpochMetrics, type Task, codeLayerIndex, optimizerSpecFor } from '../../engine';
import { mnistDataDir, automaticThreadCount, defaultThreadCount } from '../../engine/node';
import { CodeSpace } from './codeSpace';
import { DatasetRegistry, type ResolvedDataset } from './datasetRegistry';
import { clip, errorToResult, failure, HostError } from './hostError';
import { toTrainConfig } from './hyperparams';
import { ModelLibrary, type SaveMetadata } from './modelLibrary';
import { Predictor } from './predictor';
import { runsDirIn } from './appPaths';
import { RunHistory } from './runHistory';
import { newRunId, runRecordOf } from './runRecorder';
import type { TestResults } from './testResults';
import { saveFile } from './savedFiles';
import { TrainingRun, type RunOutcome } from './trainingRun';
import type { EngineHostApi, EngineHostOptions } from './types';
import { effectiveValidationSize, type JobDataset, type ModelBytes, type ModelSource, type TrainJob } from './workerProtocol';

/** The weights of a finished (or stopped) run, with what saving them needs. */
interface CurrentModel {
  runId: string;
  model: ModelBytes;
  config: TrainConfig;
  history: EpochMetrics[];
  testAccuracy: number | null;
  dataset: SaveMetadata['dataset'] | null;
  seed: number;
  /** An autoencoder's: the code layer the student marked (by position), or null for the narrowest. */
  reconstruct: { codeLayer: number | null } | null;
  /** The run's record in the history (a model saved from it is noted there). */
  recordId: string;
}

interface ClientState {
  id: string;
  listeners: Set<(event: HostEvent) => void>;
  run: TrainingRun | null;
  /** The running run's weights at its latest epoch end. */
  snapshot: { runId: string; epoch: number; model: ModelBytes } | null;
  current: CurrentModel | null;
  results: TestResults | null;
  /** The image folder of the client's latest run (its test codes are read from there); null for built data. */
  dataDir: string | null;
}

type Handlers = { [C in Channel]: (client: ClientState, request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

const NO_MODEL = msg('general.noModel');
const RECONSTRUCTION: Task = { kind: 'reconstruction' };

export class EngineHost implements EngineHostApi {
  private readonly clients = new Map<string, ClientState>();
  private readonly library: ModelLibrary;
  private readonly datasets: DatasetRegistry;
  private readonly predictor: Predictor;
  private readonly codeSpace: CodeSpace;
  private readonly runs: RunHistory;
  private disposed = false;

  constructor(private readonly options: EngineHostOptions) {
    this.library = new ModelLibrary(options.modelsDir, options.dialogs, options.appVersion);
    this.datasets = new DatasetRegistry(options.dialogs, () => options.bundledDataDir ?? mnistDataDir());
    this.predictor = new Predictor(() => options.createWorker('predict'));
    this.codeSpace = new CodeSpace(() => options.createWorker('codes'));
    // Beside the model library in the user's data folder (electron/host/appPaths.ts), unless told otherwise.
    this.runs = new RunHistory(options.runsDir ?? runsDirIn(path.dirname(options.modelsDir)), options.runHistory);
  }

  async handle(clientId: string, channel: string, payload: unknown): Promise<Result<unknown>> {
    try {
      if (!isChannel(channel)) {
        return failure('invalid-request', typeof channel === 'string'
          ? msg('general.unknownRequest', { request: `"${clip(channel, 60)}"` })
          : msg('general.unknownRequestType', { type: typeof channel }));
      }
      const parsed = parseRequest(channel, payload);
      if (!parsed.ok) return failure('invalid-request', parsed.detail);
      if (this.disposed) return failure('internal', msg('general.shuttingDown'));
      const handler = this.handlers[channel] as (client: ClientState, request: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(this.client(clientId), parsed.value) };
    } catch (e) {
      return errorToResult(e, `request ${String(channel).slice(0, 60)}`);
    }
  }

  subscribe(clientId: string, listener: (event: HostEvent) => void): () => void {
    const { listeners } = this.client(clientId);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  async closeClient(clientId: string): Promise<void> {
    const state = this.clients.get(clientId);
    this.clients.delete(clientId);
    this.codeSpace.cancelClient(clientId);
    await state?.run?.kill();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const runs = [...this.clients.values()].map((c) => c.run?.kill());
    this.clients.clear();
    await Promise.all([...runs, this.predictor.dispose(), this.codeSpace.dispose()]);
    // Runs that just ended are on disk before the host goes.
    await this.runs.list().catch(() => []);
  }

  /** The active training run of a client, if any (tests use it to reach the worker). */
  activeRun(clientId: string): TrainingRun | null {
    const run = this.clients.get(clientId)?.run;
    return run?.active ? run : null;
  }

  private client(clientId: string): ClientState {
    let state = this.clients.get(clientId);
    if (!state) {
      state = { id: clientId, listeners: new Set(), run: null, snapshot: null, current: null, results: null, dataDir: null };
      this.clients.set(clientId, state);
    }
    return state;
  }

  private emit(state: ClientState, event: HostEvent): void {
    for (const listener of [...state.listeners]) {
      try {
        listener(event);
      } catch (e) {
        console.error('Layerwise: a training-event listener failed:', e);
      }
    }
  }

  private readonly handlers: Handlers = {
    'app:info': () => {
      const cores = defaultThreadCount();
      return {
        version: this.options.appVersion, platform: process.platform, modelsDir: this.options.modelsDir, transport: this.options.transport,
        cores, automaticThreads: automaticThreadCount(cores),
      };
    },
    'train:start': (state, req) => this.startRun(state, req),
    'train:pause': (state, req) => this.runOf(state, req.runId)?.pause(),
    'train:resume': (state, req) => this.runOf(state, req.runId)?.resume(),
    'train:stop': (state, req) => this.runOf(state, req.runId)?.stop(),
    'train:step': (state, req) => this.runOf(state, req.runId)?.step(req.unit),
    'train:pace': (state, req) => this.runOf(state, req.runId)?.pace(req.batchesPerSecond),
    'train:set': (state, req) => {
      const run = this.runOf(state, req.runId);
      if ('inside' in req) run?.setInside(req.inside);
      else run?.setLearningRate(req.learningRate);
    },
    'train:examples': (state, req) => {
      if (state.results?.runId !== req.runId) {
        throw new HostError('not-found', msg('general.noTestResults'));
      }
      return state.results.cell(req.label, req.predicted, req.limit);
    },
    predict: async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      return 'pixels' in req
        ? this.predictor.predict(key, source, req.pixels, req.withActivations)
        : this.predictor.predict(key, source, req.values, req.withActivations, true);
    },
    'predict:reconstruct': async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      return this.predictor.reconstruct(key, source, req.pixels);
    },
    'predict:decode': async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      return this.predictor.decode(key, source, req.code);
    },
    // The test images of the folder the current run trains (or trained) on; MNIST's for a saved model.
    'predict:codes': async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      const dir = (req.model.kind === 'current' ? state.dataDir : null) ?? this.options.bundledDataDir ?? mnistDataDir();
      return this.predictor.codes(key, source, dir, req.limit);
    },
    'predict:plane': async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      return this.predictor.plane(key, source, req.bounds, req.resolution, req.unitResolution);
    },
    'models:list': () => this.library.list(),
    'models:save': async (state, req) => {
      const c = state.current;
      if (!c) throw new HostError('not-found', msg('general.noModelToSave'));
      const { network } = fromLayersModel(c.model.modelJson, c.model.weightData);
      // The code layer by its name in the file (Keras-compatible: the spec itself carries no mark).
      const code = c.reconstruct ? network.layers[c.reconstruct.codeLayer ?? codeLayerIndex(network.layers)]?.name : undefined;
      const saved = await this.library.save(req.name, req.overwrite, network, {
        ...(c.dataset ? { dataset: c.dataset } : {}), seed: c.seed, training: { config: c.config, history: c.history }, testAccuracy: c.testAccuracy,
        ...(code !== undefined ? { codeLayer: code } : {}),
      });
      // The history notes it; a run dropped meanwhile (the size cap, a delete) does not fail the save.
      await this.runs.linkModel(c.recordId, saved.id).catch(logHistoryFailure);
      return saved;
    },
    'models:open': (_state, req) => this.library.open(req.id),
    'models:rename': async (_state, req) => {
      const renamed = await this.library.rename(req.id, req.name, req.overwrite);
      if (renamed.id !== req.id) await this.runs.modelMoved(req.id, renamed.id).catch(logHistoryFailure);
      return renamed;
    },
    'models:delete': async (_state, req) => {
      await this.library.delete(req.id);
      this.predictor.forget(`saved:${req.id}:`);
      await this.runs.modelMoved(req.id, null).catch(logHistoryFailure);
    },
    'models:export': (_state, req) => this.library.export(req.id),
    'models:exportCode': (_state, req) => this.library.exportCode(req.id, req.format),
    'models:import': (_state, req) => this.library.import(req.fallbackName),
    'datasets:pick': () => this.datasets.pick(),
    'datasets:describe': (_state, req) => this.datasets.describe(req),
    'datasets:pickCsv': () => this.datasets.tables.pick(),
    'datasets:uploadCsv': (_state, req) => this.datasets.tables.upload(req.name, req.text),
    'datasets:saveCsv': (_state, req) => this.datasets.tables.save(req.name, req.text),
    'codes:layers': async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      return this.codeSpace.layers(key, source(), jobDataset(this.datasets.resolve(req.dataset), null));
    },
    'codes:start': async (state, req) => {
      const { key, source } = await this.modelFor(state, req.model);
      const { model: _model, dataset, ...settings } = req;
      return this.codeSpace.start(state.id, key, source(), jobDataset(this.datasets.resolve(dataset), null), settings, (e) => this.emit(state, e));
    },
    'codes:cancel': (state, req) => this.codeSpace.cancel(state.id, req.jobId),
    'runs:list': () => this.runs.list(),
    'runs:get': (_state, req) => this.runs.get(req.id),
    'runs:rename': (_state, req) => this.runs.rename(req.id, req.name),
    'runs:star': (_state, req) => this.runs.star(req.id, req.starred),
    'runs:delete': (_state, req) => this.runs.delete(req.id),
    'runs:notes': (_state, req) => this.runs.annotate(req.id, req.notes),
    'runs:saveFile': (_state, req) => saveFile(this.options.dialogs, req),
    'explain:step': (state, req) => this.explainStep(state, req),
  };



  /**
   * One training step on one sample of the builder's network, traced in the prediction
   * worker: with the current run's or a saved model's weights (which must be that network),
   * else a seeded initialization. The network is checked here first, against a built
   * dataset's task (a folder's data is checked by the worker once read).
   */
  private async explainStep(state: ClientState, req: RequestOf<'explain:step'>): Promise<ResponseOf<'explain:step'>> {
    const spec = req.spec as unknown as NetworkSpec;
    const where = this.datasets.resolve(req.dataset);
    const issues = analyzeNetwork(spec, where.kind === 'built' ? analyzeOptionsFor(where.dataset.task) : { numClasses: null }).issues;
    if (issues.length > 0) throw new HostError('invalid-network', new SpecError(issues).detail);
    const model = req.weights ? await this.modelFor(state, req.weights) : null;
    return this.predictor.explain(model, {
      spec, init: model ? null : { seed: req.seed }, dataset: jobDataset(where, req.dataset.limit),
      split: req.split, sample: req.sample, loss: req.loss, learningRate: req.learningRate,
      optimizer: optimizerSpecFor(req.optimizer ?? 'sgd'), maxValues: req.maxValues ?? DEFAULT_EXPLAIN_VALUES,
      focus: req.focus ?? null,
    });
  }

  /** The client's run with this id; 'not-found' for any other id. Finished runs ignore control requests. */
  private runOf(state: ClientState, runId: string): TrainingRun | null {
    if (state.run?.runId !== runId) throw new HostError('not-found', msg('general.noSuchRun'));
    return state.run;
  }

  private startRun(state: ClientState, req: RequestOf<'train:start'>): { runId: string } {
    if (state.run?.active) throw new HostError('busy', msg('general.runInProgress'));
    const where = this.datasets.resolve(req.dataset);
    // The contract checks the spec's outer shape only; the engine's analysis checks every layer
    // (against the outputs a built dataset's task needs; a folder's are checked by the worker).
    const spec = req.spec as unknown as NetworkSpec;
    const reconstruct = req.reconstruct ?? null;
    if (reconstruct && where.kind === 'built') throw new HostError('invalid-request', msg('train.reconstructNeedsImages'));
    const corruption = reconstruct?.corruption;
    const config: TrainConfig = { ...toTrainConfig(req.hyperparams), ...(corruption && Object.keys(corruption).length > 0 ? { corruption } : {}) };
    // An input that is not the data's shape first: it is the cause of any output problem that follows.
    this.precheck(where, config, req);
    const options = reconstruct ? analyzeOptionsFor(RECONSTRUCTION) : where.kind === 'built' ? analyzeOptionsFor(where.dataset.task) : { numClasses: 10 };
    const issues = analyzeNetwork(spec, options).issues;
    if (issues.length > 0) throw new HostError('invalid-network', new SpecError(issues).detail);
    // Refused here, with the figure and what to shrink, rather than gigabytes into the run.
    const counts = this.datasets.countsOf(where);
    const size = counts ? { images: counts.trainCount + counts.testCount, pixelsPerImage: counts.inputShape.reduce((a, b) => a * b, 1) } : null;
    const tooBig = trainingMemoryProblem(spec, config, trainingMemoryBudget(totalmem()), size);
    if (tooBig) throw new HostError('invalid-network', tooBig);

    const runId = randomUUID();
    const startedAt = new Date();
    const recordId = newRunId(startedAt);
    const limit = req.dataset.limit;
    const job: TrainJob = {
      runId, spec, config, seed: req.hyperparams.seed,
      dataset: jobDataset(where, limit),
      snapshots: true, threads: req.hyperparams.threads ?? null, planeView: req.planeView ?? null, watch: req.watch ?? null,
      inside: req.inside ?? null,
      reconstruct: reconstruct ? { view: reconstruct.view } : null,
    };
    const worker = this.options.createWorker('train');
    state.snapshot = null;
    state.dataDir = where.kind === 'folder' ? where.dir : null;
    state.run = new TrainingRun({
      job, worker, maxEventsPerSecond: this.options.maxEventsPerSecond,
      emit: (event) => this.emit(state, event),
      onLoaded: (loaded) => { if (where.kind === 'folder') this.datasets.remember(where.dir, loaded); },
      onSnapshot: (epoch, model) => { state.snapshot = { runId, epoch, model }; },
      onEnd: (outcome) => {
        this.keepOutcome(state, runId, recordId, config, req.hyperparams, outcome, where, reconstruct);
        record(outcome);
      },
    });
    // Kept in the history however it ends: before its final event (a list asked for then has it), or, killed
    // because the window went away or the app quits (no final event), as soon as it is over.
    let recorded = false;
    const record = (outcome: RunOutcome) => {
      if (recorded) return;
      recorded = true;
      const counts = this.datasets.countsOf(where) ?? null;
      const entry = runRecordOf({ id: recordId, startedAt, endedAt: new Date(), appVersion: this.options.appVersion, request: req, where, counts, outcome });
      void this.runs.add(entry).catch(logHistoryFailure);
    };
    void state.run.ended.then(record);
    return { runId };
  }

  /** With the dataset's size known from before, settings that cannot work are refused before a worker starts. */
  private precheck(where: ResolvedDataset, config: TrainConfig, req: RequestOf<'train:start'>): void {
    const counts = this.datasets.countsOf(where);
    if (!counts) return;
    const limit = req.dataset.limit;
    const trainCount = limit === null ? counts.trainCount : Math.min(limit, counts.trainCount);
    const checked = { ...config, validationSize: effectiveValidationSize(config.validationSize!, limit, counts.trainCount) };
    const problems = trainConfigProblems(checked, trainCount);
    const want = req.spec.input_shape.join('×'), have = counts.inputShape.join('×');
    if (want !== have) {
      problems.push(msg('train.inputShapeOf', { network: want, dataset: where.kind === 'built' ? where.title : where.name, data: have }));
    }
    const task = req.reconstruct ? RECONSTRUCTION : where.kind === 'built' ? where.dataset.task : null;
    const lossIssue = task ? lossProblem(task, config.loss) : null;
    if (lossIssue) problems.push(lossIssue);
    const problem = joinMessages(problems);
    if (problem) throw new HostError('invalid-request', problem);
  }

  private keepOutcome(
    state: ClientState, runId: string, recordId: string, config: TrainConfig, h: Hyperparams, outcome: RunOutcome, where: ResolvedDataset, reconstruct: RequestOf<'train:start'>['reconstruct'],
  ): void {
    state.snapshot = null;
    if (outcome.results) state.results = outcome.results;
    if (!outcome.model) return;
    const s = outcome.started;
    // A rate changed mid-run is the one the weights ended with: the saved settings say so.
    const trained = outcome.learningRate === null ? config : { ...config, learningRate: outcome.learningRate };
    state.current = {
      runId, recordId, model: outcome.model, history: outcome.history, testAccuracy: outcome.testAccuracy, seed: h.seed,
      reconstruct: reconstruct ? { codeLayer: reconstruct.codeLayer } : null,
      config: s ? { ...trained, validationSize: s.valCount } : trained,
      dataset: s ? {
        name: s.dataset, trainCount: s.trainCount + s.valCount, testCount: s.testCount,
        // Points in the plane: what they were and where, so the model opens with its data (electron/ipc/modelData.ts).
        ...(where.kind === 'built' ? { task: where.dataset.task, source: where.source } : {}),
        // An autoencoder opens as one (the task set to reconstruction, its code layer marked).
        ...(reconstruct ? { task: RECONSTRUCTION } : {}),
        ...(s.bounds ? { bounds: s.bounds } : {}),
      } : null,
    };
  }

  private async modelFor(state: ClientState, ref: RequestOf<'predict'>['model']): Promise<{ key: string; source: () => ModelSource }> {
    if (ref.kind === 'saved') {
      const { folder, summary } = await this.library.folderOf(ref.id);
      return { key: `saved:${ref.id}:${summary.savedAt}`, source: () => ({ kind: 'dir', dir: folder }) };
    }
    const snap = state.run?.active ? state.snapshot : null;
    if (snap) return { key: `current:${snap.runId}:epoch-${snap.epoch}`, source: () => ({ kind: 'bytes', model: snap.model }) };
    const current = state.current;
    if (!current) throw new HostError('not-found', NO_MODEL);
    return { key: `current:${current.runId}`, source: () => ({ kind: 'bytes', model: current.model }) };
  }
}

/** The history is a record of the work, not part of it: a failure to note something there never fails a request or a run. */
function logHistoryFailure(e: unknown): void {
  console.error('Layerwise: updating the run history failed:', e);
}

/** Where a worker finds a dataset's samples: `limit` = the first samples only (training), null = all. */
function jobDataset(where: ResolvedDataset, limit: number | null): JobDataset {
  return where.kind === 'built' ? { kind: 'built', source: where.source, limit } : { kind: 'folder', dir: where.dir, name: where.name, limit };
}
