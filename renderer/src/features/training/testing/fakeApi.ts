/**
 * A scripted stand-in for the api, for tests: records every request, answers from
 * overridable handlers, and lets the test emit training events as the host would.
 */
import type { Example, RunFinding, TestResult, TrainEvent } from '../../../../../electron/ipc/contract';
import type { EpochMetrics } from '$engine';
import type { TrainingApi } from '../trainingSession.svelte';

type Method = Exclude<keyof TrainingApi, 'onTrainEvent' | 'transportKind'>;

export class FakeApi {
  readonly calls: { channel: Method; request: unknown }[] = [];
  /** Which transport the page pretends to use ('web': the page picks table files itself). */
  transport: 'electron' | 'web' = 'electron';
  private readonly listeners = new Set<(event: TrainEvent) => void>();
  /** Answers per channel; replace one to make it fail or wait. */
  handlers: { [C in Method]: (request: Parameters<TrainingApi[C]>[0]) => ReturnType<TrainingApi[C]> } = {
    'train:start': async () => ({ runId: 'run-1' }),
    'train:pause': async () => {},
    'train:resume': async () => {},
    'train:stop': async () => {},
    'train:step': async () => {},
    'train:pace': async () => {},
    'train:set': async () => {},
    'train:examples': async () => [],
    'datasets:pick': async () => null,
    'datasets:pickCsv': async () => null,
    'datasets:saveCsv': async () => null,
    'datasets:uploadCsv': async (r) => ({ token: `token-${r.name}`, name: r.name, text: r.text }),
    'app:info': async () => ({ version: '0.0.0-test', platform: 'linux', modelsDir: '/models', transport: 'web', cores: 4, automaticThreads: 3 }),
    'predict:plane': async () => {
      throw new Error('no plane model in this test');
    },
  };

  readonly api: TrainingApi = {
    'train:start': (r) => this.call('train:start', r),
    'train:pause': (r) => this.call('train:pause', r),
    'train:resume': (r) => this.call('train:resume', r),
    'train:stop': (r) => this.call('train:stop', r),
    'train:step': (r) => this.call('train:step', r),
    'train:pace': (r) => this.call('train:pace', r),
    'train:set': (r) => this.call('train:set', r),
    'train:examples': (r) => this.call('train:examples', r),
    'datasets:pick': (r) => this.call('datasets:pick', r),
    'datasets:pickCsv': (r) => this.call('datasets:pickCsv', r),
    'datasets:saveCsv': (r) => this.call('datasets:saveCsv', r),
    'datasets:uploadCsv': (r) => this.call('datasets:uploadCsv', r),
    transportKind: () => this.transport,
    'app:info': (r) => this.call('app:info', r),
    'predict:plane': (r) => this.call('predict:plane', r),
    onTrainEvent: (listener) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
  };

  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(...events: TrainEvent[]): void {
    for (const e of events) for (const l of [...this.listeners]) l(e);
  }

  callsTo(channel: Method): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }

  private call<C extends Method>(channel: C, request: Parameters<TrainingApi[C]>[0]): ReturnType<TrainingApi[C]> {
    this.calls.push({ channel, request });
    return this.handlers[channel](request);
  }
}

// ---------------------------------------------------------------- scripted events

export const started = (runId = 'run-1', over: Partial<Extract<TrainEvent, { type: 'started' }>> = {}): TrainEvent => ({
  type: 'started', runId, dataset: 'MNIST', trainCount: 900, valCount: 100, testCount: 10_000, batchesPerEpoch: 15, epochs: 3, params: 101_770, threads: 3,
  head: 'classification', metrics: ['accuracy'], bounds: null, ...over,
});

export function batches(runId: string, epoch: number, fromStep: number, count: number, samplesDone: number): TrainEvent {
  const steps = Array.from({ length: count }, (_, i) => fromStep + i);
  return {
    type: 'batches', runId, epoch, steps, loss: steps.map((s) => 2 / s), metrics: { accuracy: steps.map((s) => Math.min(0.95, s / 40)) },
    learningRate: steps.map(() => 0.001),
    samplesDone, samplesTotal: 2700, samplesPerSecond: 1500, etaSeconds: (2700 - samplesDone) / 1500,
  };
}

export const epochMetrics = (epoch: number): EpochMetrics => ({
  epoch, seconds: 1,
  running: { loss: 1.1 / (epoch + 1), accuracy: 0.79 + epoch * 0.05 },
  train: { loss: 1 / (epoch + 1), accuracy: 0.8 + epoch * 0.05 }, trainCount: 5000,
  val: { loss: 1.2 / (epoch + 1), accuracy: 0.78 + epoch * 0.05 },
});

export const epoch = (runId: string, e: number): TrainEvent => ({ type: 'epoch', runId, ...epochMetrics(e) });

/** A 28×28 image whose pixel i is i % 256, base64. */
export function rampPixels(): string {
  let s = '';
  for (let i = 0; i < 784; i++) s += String.fromCharCode(i % 256);
  return btoa(s);
}

export const example = (index: number, label: number, predicted: number, confidence: number): Example => ({
  index, label, predicted, confidence, pixels: rampPixels(),
});

/** A test result: 90 of each digit right, one 4 read as 9 (per 10), all mistakes listed. */
export function testResult(): TestResult {
  const confusion: number[][] = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => (r === c ? 90 : 0)));
  confusion[4]![9] = 3;
  confusion[7]![1] = 2;
  const misclassified = [example(11, 4, 9, 0.6), example(12, 4, 9, 0.9), example(13, 4, 9, 0.75), example(20, 7, 1, 0.55), example(21, 7, 1, 0.8)];
  return { count: 905, measures: { loss: 0.03, accuracy: 0.9945 }, confusion, misclassified, misclassifiedCount: 5 };
}

export const completed = (runId: string, test: TestResult | null = testResult(), diagnosis: RunFinding[] = []): TrainEvent => ({
  type: 'completed', runId, test, history: [epochMetrics(0), epochMetrics(1), epochMetrics(2)], seconds: 12.4, diagnosis,
});

// ---------------------------------------------------------------- a regression run (values, not classes)

/** 'started' for a run predicting values: MAE and R² besides the loss. */
export const startedRegression = (runId = 'run-1'): TrainEvent =>
  started(runId, { dataset: 'surface.csv', trainCount: 800, valCount: 200, testCount: 200, batchesPerEpoch: 10, epochs: 3, params: 33, head: 'regression', metrics: ['mae', 'r2'] });

export const regressionEpochMetrics = (epoch: number): EpochMetrics => ({
  epoch, seconds: 1,
  running: { loss: 0.5 / (epoch + 1), mae: 0.6 / (epoch + 1), r2: 0.5 + epoch * 0.1 },
  train: { loss: 0.4 / (epoch + 1), mae: 0.5 / (epoch + 1), r2: 0.6 + epoch * 0.1 }, trainCount: 800,
  val: { loss: 0.45 / (epoch + 1), mae: 0.55 / (epoch + 1), r2: 0.55 + epoch * 0.1 },
});

/** A regression's test result: no classes, so no confusion matrix and no mistakes. */
export const regressionTest = (): TestResult => ({
  count: 200, measures: { loss: 0.0123, mae: 0.0812, r2: 0.934 }, confusion: null, misclassified: [], misclassifiedCount: 0,
});

export const completedRegression = (runId: string): TrainEvent => ({
  type: 'completed', runId, test: regressionTest(), history: [0, 1, 2].map(regressionEpochMetrics), seconds: 3.2, diagnosis: [],
});
