import { describe, expect, it } from 'vitest';
import type { OpenedRun } from '../../../../electron/ipc/contract';
import { PRESETS } from '$engine';
import { NetworkEditor } from '../builder/networkEditor.svelte';
import { TrainingSettings } from '../training/trainingSettings.svelte';
import { reopenRun } from './reopenRun';

const noApi = {} as ConstructorParameters<typeof TrainingSettings>[0];
const base = (over: Partial<OpenedRun>): OpenedRun => ({
  summary: {} as OpenedRun['summary'], spec: PRESETS.mlp,
  hyperparams: { epochs: 3, batchSize: 128, learningRate: 0.1, optimizer: 'momentum', schedule: { type: 'exponential', rate: 0.8, decay_steps: 500 }, weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 500, seed: 9 },
  dataset: { source: { kind: 'bundled' }, limit: 5000 },
  data: { inputShape: [28, 28, 1], classNames: null, task: null, trainCount: 4500, valCount: 500, testCount: 10000 },
  learningRateSet: null, reconstruct: null, history: [], batchesPerEpoch: 36, batchLoss: { steps: [], loss: [] }, test: null, endingDetail: null, notes: '', ...over,
});

describe('reopening a run', () => {
  it('MNIST with its limit and settings, from points in the plane', () => {
    const editor = new NetworkEditor();
    const settings = new TrainingSettings(noApi);
    settings.source = 'plane';
    expect(reopenRun(base({}), editor, settings)).toEqual({ dataMissing: false });
    expect(editor.spec).toEqual(PRESETS.mlp);
    expect([settings.source, settings.limit, settings.batchChoice, settings.optimizer, settings.learningRate, settings.seed]).toEqual(['bundled', 5000, 128, 'momentum', 0.1, 9]);
    expect([settings.scheduleType, settings.expRate, settings.expDecaySteps, settings.validationSize]).toEqual(['exponential', 0.8, 500, 500]);
    expect(settings.reconstruction.task).toBe('classify');
  });

  it('a learning rate changed mid-run: the one the run ended with', () => {
    const settings = new TrainingSettings(noApi);
    reopenRun(base({ learningRateSet: 0.02 }), new NetworkEditor(), settings);
    expect(settings.learningRate).toBe(0.02);
  });

  it('an autoencoder: the reconstruction task, its corruption and its marked code layer', () => {
    const editor = new NetworkEditor();
    const settings = new TrainingSettings(noApi);
    const run = base({
      spec: PRESETS.autoencoder, hyperparams: { ...base({}).hyperparams, loss: 'binary_crossentropy' },
      reconstruct: { corruption: { noise: 0.3 }, view: null, codeLayer: 2 },
    });
    reopenRun(run, editor, settings);
    expect(settings.reconstruction.task).toBe('reconstruct');
    expect(settings.reconstructs).toBe(true);
    expect(settings.reconstruction.on.noise).toBe(true);
    expect(settings.reconstruction.values.noise).toBe(0.3);
    expect(settings.reconstruction.on.mask).toBe(false);
    expect(editor.codeMarkedId).toBe(editor.blocks[2]!.id);
  });

  it('a folder of an earlier session: the settings come back, and the student is told to pick the folder again', () => {
    const editor = new NetworkEditor();
    const settings = new TrainingSettings(noApi);
    const outcome = reopenRun(base({ dataset: { source: { kind: 'folder', token: 'gone' }, limit: null } }), editor, settings);
    expect(outcome).toEqual({ dataMissing: true });
    expect(settings.source).toBe('bundled');
    expect(settings.seed).toBe(9);
  });
});
