/**
 * Training an autoencoder from the Train tab: the task choice and its loss, the corruption
 * fields (French decimal commas included) and what the run asks the host for, the live
 * grid drawn from the host's 'reconstructions' events, and the results of a reconstruction.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '$engine';
import type { TrainEvent } from '../../../../electron/ipc/contract';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import { FakeApi, started } from './testing/fakeApi';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';

const editor = { spec: PRESETS.autoencoder2d, valid: true, analysis: { issues: [] }, codeMarkedId: null } as unknown as NetworkEditor;

function setup() {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(TrainingPanel, { editor, session });
  return { fake, session };
}
const emit = (fake: FakeApi, ...events: TrainEvent[]) => {
  fake.emit(...events);
  flushSync();
};
type StartRequest = { reconstruct?: unknown; hyperparams: { loss: string } };

/** `count` images of 28×28 bytes, image k all at grey level `level(k)`, as base64. */
function images(count: number, level: (k: number) => number): string {
  const bytes = new Uint8Array(count * 784);
  for (let k = 0; k < count; k++) bytes.fill(level(k), k * 784, (k + 1) * 784);
  return btoa(String.fromCharCode(...bytes));
}
const frame = (step: number, corrupted: boolean, level: number): TrainEvent => ({
  type: 'reconstructions', runId: 'run-1', step, epoch: 0, count: 8, rows: 28, cols: 28, labels: [0, 1, 2, 3, 4, 5, 6, 7],
  originals: images(8, (k) => k * 30), corrupted: corrupted ? images(8, () => 128) : null, reconstructions: images(8, () => level),
});

describe('the task of a run on images', () => {
  it('classifies by default; Reconstruct asks the host for an autoencoder with binary cross-entropy and the grid', async () => {
    const { fake, session } = setup();
    const classify = screen.getByRole('radio', { name: /Classify the digits/ });
    expect(classify).toBeChecked();
    await fireEvent.click(screen.getByRole('radio', { name: /Reconstruct the images \(autoencoder\)/ }));
    expect(session.settings.loss).toBe('binary_crossentropy');
    expect(session.settings.analyzeOptions).toMatchObject({ reconstruct: true });
    expect(screen.getByLabelText('Loss')).toHaveValue('binary_crossentropy');
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const request = fake.callsTo('train:start')[0] as StartRequest;
    expect(request.hyperparams.loss).toBe('binary_crossentropy');
    expect(request.reconstruct).toEqual({ corruption: null, view: { count: 8, everyMs: 2000 }, codeLayer: null });
  });

  it('leaves the task out when back to classifying, with the classes’ loss', async () => {
    const { fake, session } = setup();
    await fireEvent.click(screen.getByRole('radio', { name: /Reconstruct the images/ }));
    await fireEvent.click(screen.getByRole('radio', { name: /Classify the digits/ }));
    expect(session.settings.loss).toBe('categorical_crossentropy');
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect((fake.callsTo('train:start')[0] as StartRequest).reconstruct).toBeUndefined();
  });

  it('reads the corruption in French with a decimal comma, refuses what is out of range and sends what is ticked', async () => {
    i18n.setLang('fr');
    try {
      const { fake, session } = setup();
      await fireEvent.click(screen.getByRole('radio', { name: /Reconstruire les images/ }));
      expect(screen.getByText(/apprend à enlever le bruit/)).toBeInTheDocument();
      expect(screen.queryByLabelText('Bruit gaussien (σ)', { selector: 'input[type=text], input:not([type])' })).toBeNull();
      await fireEvent.click(screen.getByRole('checkbox', { name: 'Bruit gaussien (σ)' }));
      const sigma = document.getElementById('corruption-noise') as HTMLInputElement;
      expect(sigma).toHaveValue('0,3');
      await fireEvent.input(sigma, { target: { value: '2,5' } });
      expect(session.settings.reconstruction.values.noise).toBe(2.5);
      expect(sigma).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByText(/écart type supérieur à 0 et d’au plus 2/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Entraîner' })).toBeDisabled();
      await fireEvent.input(sigma, { target: { value: '0,45' } });
      await fireEvent.click(screen.getByRole('checkbox', { name: 'Masquer des pixels (part)' }));
      await fireEvent.input(document.getElementById('corruption-mask')!, { target: { value: '0,2' } });
      await fireEvent.click(screen.getByRole('button', { name: 'Entraîner' }));
      const request = fake.callsTo('train:start')[0] as StartRequest;
      expect(request.reconstruct).toMatchObject({ corruption: { noise: 0.45, mask: 0.2 } });
    } finally {
      i18n.setLang('en');
    }
  });
});

describe('the reconstruction grid', () => {
  it('draws the originals, the damaged inputs and the reconstructions of each frame, and follows the next one', async () => {
    const { fake } = setup();
    await fireEvent.click(screen.getByRole('radio', { name: /Reconstruct the images/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const grid = screen.getByRole('region', { name: 'Reconstructions' });
    expect(within(grid).getByText(/appear as soon as training starts/)).toBeInTheDocument();
    emit(fake, started('run-1', { head: 'reconstruction', metrics: ['mse'] }), frame(0, true, 20));
    expect(within(grid).getAllByRole('img', { name: /Test image of a/ })).toHaveLength(8);
    expect(within(grid).getAllByRole('img', { name: /Damaged input of a/ })).toHaveLength(8);
    expect(within(grid).getAllByRole('img', { name: /Reconstruction of a 3/ })).toHaveLength(1);
    expect(grid).toHaveAttribute('data-step', '0');
    emit(fake, frame(15, true, 200));
    expect(grid).toHaveAttribute('data-step', '15');
    expect(within(grid).getByText('Epoch 1 · step 15')).toBeInTheDocument();
  });

  it('has no row of damaged inputs without corruption, and no grid for a classifier', async () => {
    const { fake } = setup();
    expect(screen.queryByRole('region', { name: 'Reconstructions' })).toBeNull();
    await fireEvent.click(screen.getByRole('radio', { name: /Reconstruct the images/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    emit(fake, started('run-1', { head: 'reconstruction', metrics: ['mse'] }), frame(3, false, 90));
    const grid = screen.getByRole('region', { name: 'Reconstructions' });
    expect(within(grid).queryAllByRole('img', { name: /Damaged input/ })).toHaveLength(0);
    expect(within(grid).getAllByRole('img', { name: /Reconstruction of a/ })).toHaveLength(8);
  });

  it('ends with the test loss and the test MSE, without a confusion matrix', async () => {
    const { fake } = setup();
    await fireEvent.click(screen.getByRole('radio', { name: /Reconstruct the images/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const history = [{ epoch: 0, running: { loss: 0.2, mse: 0.05 }, val: { loss: 0.19, mse: 0.048 } }];
    emit(fake, started('run-1', { head: 'reconstruction', metrics: ['mse'], epochs: 1 }), {
      type: 'completed', runId: 'run-1', history, seconds: 2, diagnosis: [],
      test: { count: 10_000, measures: { loss: 0.1874, mse: 0.0412 }, confusion: null, misclassified: [], misclassifiedCount: 0 },
    });
    const results = screen.getByRole('region', { name: 'Results' });
    expect(within(results).getByText('Test mean squared error (MSE)')).toBeInTheDocument();
    expect(within(results).getByText('Test loss')).toBeInTheDocument();
    expect(within(results).getByText('0.041')).toBeInTheDocument();
    expect(within(results).getByText('0.187')).toBeInTheDocument();
    expect(within(results).queryByRole('grid')).toBeNull();
    expect(within(results).queryByRole('table')).toBeNull();
  });
});
