import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { PRESETS } from '$engine';
import type { FrameSource } from './frameScheduler';
import { FrameScheduler } from './frameScheduler';
import { batches, completed, completedRegression, epoch, example, FakeApi, regressionEpochMetrics, started, startedRegression, testResult } from './testing/fakeApi';
import { TrainingSession } from './trainingSession.svelte';

/** Frames that only run when the test says so. */
function manualFrames(): FrameSource & { run(): void; count: number } {
  let queued: (() => void) | null = null;
  let time = 0;
  const f = {
    count: 0,
    now: () => time,
    request: (cb: () => void) => {
      f.count++;
      queued = cb;
      return f.count;
    },
    cancel: () => {
      queued = null;
    },
    run: () => {
      time += 200;
      const cb = queued;
      queued = null;
      cb?.();
    },
  };
  return f;
}

function setup() {
  const fake = new FakeApi();
  const frames = manualFrames();
  const session = new TrainingSession(fake.api, new FrameScheduler(frames));
  return { fake, frames, session };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('TrainingSession', () => {
  it('starts with defaults: Adam, lr 0.001, batch 64, 3 epochs, validation 5,000, seed 1, constant schedule', async () => {
    const { fake, session } = setup();
    expect(session.status).toBe('idle');
    expect(session.canStart).toBe(true);
    await session.start(PRESETS.mlp);
    const [req] = fake.callsTo('train:start') as { hyperparams: unknown; dataset: unknown; spec: unknown }[];
    expect(req!.hyperparams).toEqual({
      epochs: 3, batchSize: 64, learningRate: 0.001, optimizer: 'adam', schedule: { type: 'constant' },
      weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 5000, seed: 1,
    });
    expect(req!.dataset).toEqual({ source: { kind: 'bundled' }, limit: null });
    expect(req!.spec).toEqual(PRESETS.mlp);
    expect(session.runId).toBe('run-1');
    expect(session.status).toBe('starting');
  });

  it('runs the whole machine on a scripted event sequence and publishes the model', async () => {
    const { fake, session } = setup();
    session.settings.limit = 1000;
    await session.start(PRESETS.mlp);
    expect((fake.callsTo('train:start')[0] as { hyperparams: { validationSize: number } }).hyperparams.validationSize).toBe(100);

    fake.emit(started());
    expect(session.status).toBe('running');
    expect(session.info?.batchesPerEpoch).toBe(15);
    expect(session.canPause).toBe(true);
    expect(session.canStop).toBe(true);
    expect(session.canStart).toBe(false);

    fake.emit(batches('run-1', 0, 1, 10, 640));
    expect(session.progress).toMatchObject({ epoch: 1, epochs: 3, samplesDone: 640, samplesTotal: 2700, samplesPerSecond: 1500 });
    expect(session.fraction).toBeCloseTo(640 / 2700);
    expect(session.current!.loss.raw.points).toHaveLength(10);
    expect(session.current!.loss.raw.points[0]).toEqual({ x: 1 / 15, y: 2 });

    fake.emit(batches('run-1', 0, 11, 5, 900), epoch('run-1', 0), batches('run-1', 1, 16, 15, 1800));
    expect(session.history).toHaveLength(1);
    expect(session.current!.loss.train).toEqual([{ x: 1, y: 1 }]);
    expect(session.progress.epoch).toBe(2);

    fake.emit({ type: 'testing', runId: 'run-1' });
    expect(session.status).toBe('testing');
    expect(session.canPause).toBe(false);
    expect(session.canStop).toBe(false);

    fake.emit(completed('run-1'));
    expect(session.status).toBe('completed');
    expect(session.fraction).toBe(1);
    expect(session.test?.measures.accuracy).toBeCloseTo(0.9945);
    expect(session.history).toHaveLength(3);
    expect(session.modelRef).toEqual({ kind: 'current' });
    expect(session.modelLabel).toBe('Just trained');
    expect(session.modelSpec).toEqual(PRESETS.mlp);
    expect(session.hasCurrentModel).toBe(true);
    expect(session.canStart).toBe(true);
  });

  it('remembers the network a run was started with, not what Build holds later', async () => {
    const { fake, session } = setup();
    const building = structuredClone(PRESETS.mlp) as { input_shape: [number, number, number]; layers: (typeof PRESETS.mlp.layers)[number][] };
    await session.start(building);
    building.layers.pop(); // edited in Build while training
    fake.emit(started(), completed('run-1'));
    expect(session.modelSpec).toEqual(PRESETS.mlp);
  });

  it('pauses and resumes on the host’s word, one request at a time', async () => {
    const { fake, session } = setup();
    await session.start(PRESETS.mlp);
    fake.emit(started());
    let release!: () => void;
    fake.handlers['train:pause'] = () => new Promise<void>((r) => (release = r));
    const pausing = session.pause();
    expect(session.canPause).toBe(false); // the request is on its way
    expect(fake.callsTo('train:pause')).toEqual([{ runId: 'run-1' }]);
    release();
    await pausing;
    expect(session.status).toBe('running'); // not before the host says so
    fake.emit({ type: 'paused', runId: 'run-1' });
    expect(session.status).toBe('paused');
    expect(session.canResume).toBe(true);
    expect(session.canPause).toBe(false);
    expect(session.canStop).toBe(true);
    await session.resume();
    expect(fake.callsTo('train:resume')).toEqual([{ runId: 'run-1' }]);
    fake.emit({ type: 'resumed', runId: 'run-1' });
    expect(session.status).toBe('running');
  });

  it('stops: stopping until the stopped event, keeping the history and the model so far', async () => {
    const { fake, session } = setup();
    await session.start(PRESETS.mlp);
    fake.emit(started(), batches('run-1', 0, 1, 15, 900), epoch('run-1', 0));
    await session.stop();
    expect(fake.callsTo('train:stop')).toEqual([{ runId: 'run-1' }]);
    expect(session.status).toBe('stopping');
    expect(session.canStop).toBe(false);
    fake.emit({ type: 'stopped', runId: 'run-1', history: session.history, message: 'Stopped by the user during epoch 2.' });
    expect(session.status).toBe('stopped');
    expect(session.history).toHaveLength(1);
    expect(session.hasCurrentModel).toBe(true);
    expect(session.modelRef).toEqual({ kind: 'current' });
    expect(session.canStart).toBe(true);
  });

  it('reports a diverged run with the engine’s message and lowers the learning rate in one call', async () => {
    const { fake, session } = setup();
    session.settings.learningRate = 5;
    await session.start(PRESETS.mlp);
    fake.emit(started());
    const message = 'Training diverged at epoch 1, batch 3: the loss became NaN. Lower the learning rate (now 5) and train again.';
    fake.emit({ type: 'failed', runId: 'run-1', reason: 'diverged', message });
    expect(session.status).toBe('failed');
    expect(session.failure).toEqual({ reason: 'diverged', message, code: null });
    session.lowerLearningRate();
    expect(session.settings.learningRate).toBe(0.5);
    expect(session.canStart).toBe(true);
  });

  it('reports a refused start in the host’s words', async () => {
    const { fake, session } = setup();
    fake.handlers['train:start'] = async () => {
      throw new ApiError('busy', 'A training run is already under way.');
    };
    await session.start(PRESETS.mlp);
    expect(session.status).toBe('failed');
    expect(session.failure).toEqual({ reason: 'rejected', message: 'A training run is already under way.', code: 'busy' });
  });

  it('keeps events that arrive before train:start answers, and ignores other runs', async () => {
    const { fake, session } = setup();
    let answer!: (v: { runId: string }) => void;
    fake.handlers['train:start'] = () => new Promise((r) => (answer = r));
    const starting = session.start(PRESETS.mlp);
    fake.emit(batches('other', 0, 1, 3, 100));
    fake.emit(started('run-7'), batches('run-7', 0, 1, 4, 256));
    expect(session.runId).toBe('run-7');
    expect(session.current!.loss.raw.points).toHaveLength(4);
    answer({ runId: 'run-7' });
    await starting;
    fake.emit(batches('other', 0, 5, 3, 400));
    expect(session.current!.loss.raw.points).toHaveLength(4);
    expect(session.status).toBe('running');
  });

  it('keeps the previous run’s curves for comparison', async () => {
    const { fake, session } = setup();
    await session.start(PRESETS.mlp);
    fake.emit(started(), batches('run-1', 0, 1, 15, 900), epoch('run-1', 0), completed('run-1'));
    const first = session.current!;
    fake.handlers['train:start'] = async () => ({ runId: 'run-2' });
    await session.start(PRESETS.mlp);
    expect(session.previous).toBe(first);
    expect(session.current).not.toBe(first);
    expect(session.current!.number).toBe(2);
    expect(session.test).toBeNull();
    expect(session.hasCurrentModel).toBe(true); // the last completed model is still there until another completes
  });

  it('asks for a cell’s examples (sorted by confidence) unless the completed event listed them all', async () => {
    const { fake, session } = setup();
    await session.start(PRESETS.mlp);
    fake.emit(started(), completed('run-1'));
    await session.showExamples(4, 9);
    expect(fake.callsTo('train:examples')).toEqual([]);
    expect(session.gallery.items.map((e) => e.confidence)).toEqual([0.9, 0.75, 0.6]);
    expect(session.gallery.selection).toEqual({ label: 4, predicted: 9, count: 3 });

    fake.handlers['train:examples'] = async () => [example(1, 3, 3, 0.7), example(2, 3, 3, 0.99), example(3, 3, 3, 0.8)];
    await session.showExamples(3, 3);
    expect(fake.callsTo('train:examples')).toEqual([{ runId: 'run-1', label: 3, predicted: 3, limit: 100 }]);
    expect(session.gallery.status).toBe('ready');
    expect(session.gallery.items.map((e) => e.confidence)).toEqual([0.99, 0.8, 0.7]);
  });

  it('asks the host for mistakes the completed event did not carry, and reports a failure in words', async () => {
    const { fake, session } = setup();
    await session.start(PRESETS.mlp);
    const partial = { ...testResult(), misclassified: [], misclassifiedCount: 5 };
    fake.emit(started(), completed('run-1', partial));
    fake.handlers['train:examples'] = async () => {
      throw new ApiError('not-found', 'Those results are no longer available.');
    };
    await session.showExamples(7, 1);
    expect(fake.callsTo('train:examples')).toHaveLength(1);
    expect(session.gallery.status).toBe('error');
    expect(session.gallery.error).toBe('Those results are no longer available.');
  });

  it('wakes the charts at most once per frame however many events arrive', async () => {
    const { fake, frames, session } = setup();
    let redraws = 0;
    session.frames.subscribe(() => redraws++);
    await session.start(PRESETS.mlp);
    fake.emit(started());
    for (let i = 0; i < 20; i++) fake.emit(batches('run-1', 0, i + 1, 1, (i + 1) * 64));
    expect(frames.count).toBe(1);
    frames.run();
    expect(redraws).toBe(1);
    fake.emit(batches('run-1', 0, 21, 1, 1400), epoch('run-1', 0));
    frames.run();
    frames.run();
    expect(redraws).toBe(2);
    await flush();
  });
});

describe('the metrics the curves chart', () => {
  it('are the task\'s from \'started\', the previous run\'s while a new one starts, and what a history holds', async () => {
    const { fake, session } = setup();
    expect(session.metrics).toEqual([]);
    await session.start(PRESETS.mlp);
    fake.emit(startedRegression());
    expect(session.metrics).toEqual(['mae', 'r2']);
    fake.emit(completedRegression('run-1'));
    expect(session.current?.of('r2')?.validation).toHaveLength(3);

    fake.handlers['train:start'] = async () => ({ runId: 'run-2' });
    await session.start(PRESETS.mlp);
    // Nothing said yet about run 2: the charts stay those of run 1 rather than jump.
    expect(session.metrics).toEqual(['mae', 'r2']);
    // A run that says nothing of its metrics in 'started' (none) but reports them per epoch.
    fake.emit(started('run-2', { metrics: [] }), { type: 'epoch', runId: 'run-2', ...regressionEpochMetrics(0) });
    expect(session.metrics).toEqual(['mae', 'r2']);
    fake.emit(started('run-2'));
    expect(session.metrics).toEqual(['accuracy']);
  });
});
