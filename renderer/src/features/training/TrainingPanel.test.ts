import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { describe, expect, it, vi } from 'vitest';
import { PRESETS } from '$engine';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import { batches, completed, completedRegression, epoch, example, FakeApi, regressionEpochMetrics, started, startedRegression } from './testing/fakeApi';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';

const editorStub = (issues: { layerIndex: number | null; layerName: string | null; message: string }[] = []) =>
  ({ spec: PRESETS.mlp, valid: issues.length === 0, analysis: { issues } }) as unknown as NetworkEditor;

function setup(editor = editorStub(), onGoToBuild?: () => void) {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(TrainingPanel, { editor, session, onGoToBuild });
  return { fake, session };
}

const button = (name: string) => screen.getByRole('button', { name });
const emit = (fake: FakeApi, ...events: Parameters<FakeApi['emit']>) => {
  fake.emit(...events);
  flushSync();
};

describe('TrainingPanel', () => {
  it('enables Train, Pause, Resume and Stop according to the run’s state', async () => {
    const { fake } = setup();
    expect(button('Train')).toBeEnabled();
    expect(button('Pause')).toBeDisabled();
    expect(button('Stop')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();

    await fireEvent.click(button('Train'));
    emit(fake, started());
    expect(button('Train')).toBeDisabled();
    expect(button('Pause')).toBeEnabled();
    expect(button('Stop')).toBeEnabled();

    emit(fake, { type: 'paused', runId: 'run-1' });
    expect(button('Resume')).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    await fireEvent.click(button('Resume'));
    expect(fake.callsTo('train:resume')).toEqual([{ runId: 'run-1' }]);
    emit(fake, { type: 'resumed', runId: 'run-1' });

    await fireEvent.click(button('Stop'));
    expect(fake.callsTo('train:stop')).toEqual([{ runId: 'run-1' }]);
    expect(button('Stop')).toBeDisabled();
    emit(fake, { type: 'stopped', runId: 'run-1', history: [], message: 'Stopped by the user during epoch 1.' });
    expect(button('Train')).toBeEnabled();
    expect(button('Pause')).toBeDisabled();
    expect(screen.getByText('Training stopped.')).toBeInTheDocument();
  });

  it('shows progress: value, epoch x of y, speed and time left', async () => {
    const { fake } = setup();
    const bar = screen.getByRole('progressbar', { name: 'Training progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    await fireEvent.click(button('Train'));
    emit(fake, started(), batches('run-1', 1, 16, 10, 1350));
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(bar).toHaveAttribute('aria-valuetext', 'Epoch 2 of 3, 50 %');
    expect(screen.getByText('Epoch 2 of 3')).toBeInTheDocument();
    expect(screen.getByText('1,500 images/s')).toBeInTheDocument();
    expect(screen.getByText('about 0.9 s left')).toBeInTheDocument();
    emit(fake, epoch('run-1', 1), { type: 'testing', runId: 'run-1' }, completed('run-1'));
    expect(bar).toHaveAttribute('aria-valuenow', '100');
  });

  it('renders a 10×10 confusion matrix whose cells open their examples, most confident first', async () => {
    const { fake } = setup();
    await fireEvent.click(button('Train'));
    emit(fake, started(), completed('run-1'));
    expect(screen.getByText('99.5 %')).toBeInTheDocument();
    const matrix = screen.getByRole('table', { name: 'Confusion matrix' });
    const cells = within(matrix).getAllByRole('button');
    expect(cells).toHaveLength(100);
    expect(within(matrix).getAllByRole('columnheader')).toHaveLength(10);
    expect(within(matrix).getAllByRole('rowheader')).toHaveLength(10);

    fake.handlers['train:examples'] = async () => [example(5, 3, 3, 0.71), example(6, 3, 3, 0.99), example(7, 3, 3, 0.85)];
    await fireEvent.click(screen.getByRole('button', { name: 'True 3, predicted 3: 90 images' }));
    expect(fake.callsTo('train:examples')).toEqual([{ runId: 'run-1', label: 3, predicted: 3, limit: 100 }]);
    const gallery = screen.getByRole('region', { name: 'Examples' });
    const images = await within(gallery).findAllByRole('img');
    expect(images.map((i) => i.getAttribute('aria-label'))).toEqual([
      'True 3, predicted 3, 99 % sure',
      'True 3, predicted 3, 85 % sure',
      'True 3, predicted 3, 71 % sure',
    ]);

    await fireEvent.click(screen.getByRole('button', { name: 'True 4, predicted 9: 3 images' }));
    expect(fake.callsTo('train:examples')).toHaveLength(1); // the completed event listed them
    expect(within(gallery).getAllByRole('img').map((i) => i.getAttribute('aria-label'))).toEqual([
      'True 4, predicted 9, 90 % sure',
      'True 4, predicted 9, 75 % sure',
      'True 4, predicted 9, 60 % sure',
    ]);
    expect(screen.getByRole('button', { name: 'True 4, predicted 9: 3 images' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('moves between matrix cells with the arrow keys', async () => {
    const { fake } = setup();
    await fireEvent.click(button('Train'));
    emit(fake, started(), completed('run-1'));
    const first = screen.getByRole('button', { name: 'True 0, predicted 0: 90 images' });
    expect(first).toHaveAttribute('tabindex', '0');
    first.focus();
    await fireEvent.keyDown(first, { key: 'ArrowDown' });
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'True 1, predicted 1: 90 images' }));
  });

  it('disables Train for an invalid network, says why and points to the Build tab', async () => {
    const goToBuild = vi.fn();
    setup(editorStub([{ layerIndex: 1, layerName: 'dense_1', message: 'units must be at least 1.' }]), goToBuild);
    expect(button('Train')).toBeDisabled();
    expect(screen.getByText('This network cannot be trained yet.')).toBeInTheDocument();
    expect(screen.getByText(/Layer 2 \(dense_1\): units must be at least 1\./)).toBeInTheDocument();
    await fireEvent.click(button('Go to Build'));
    expect(goToBuild).toHaveBeenCalledOnce();
  });

  it('explains a diverged run and lowers the learning rate in one click', async () => {
    const { fake, session } = setup();
    session.settings.learningRate = 1;
    flushSync();
    await fireEvent.click(button('Train'));
    emit(fake, started(), { type: 'failed', runId: 'run-1', reason: 'diverged', message: 'Training diverged at epoch 1, batch 2: the loss became NaN.' });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The training diverged.');
    expect(alert).toHaveTextContent('the loss became NaN');
    await fireEvent.click(button('Use lr ÷ 10'));
    expect(screen.getByLabelText('Learning rate')).toHaveValue('0.1');
    expect(button('Train')).toBeEnabled();
  });

  it('explains the batch size: stochastic, mini-batch, whole set', async () => {
    const { session } = setup();
    expect(screen.getByText(/Mini-batch: the weights change after every 64 images/)).toBeInTheDocument();
    session.settings.batchChoice = 1;
    flushSync();
    expect(screen.getByText(/stochastic gradient descent/)).toBeInTheDocument();
    session.settings.batchChoice = 0;
    flushSync();
    expect(screen.getByText(/Batch gradient descent: one update per pass over all 55,000 images/)).toBeInTheDocument();
  });

  it('says a crashed run was interrupted, in the host’s words, never as a stack trace', async () => {
    const { fake } = setup();
    await fireEvent.click(button('Train'));
    const message = 'The training process stopped unexpectedly (exit code 1). Your network and settings are kept; you can train again.';
    emit(fake, started(), { type: 'failed', runId: 'run-1', reason: 'crashed', message });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Training was interrupted.');
    expect(alert).toHaveTextContent(message);
    expect(button('Train')).toBeEnabled();
  });

  it('offers Automatic (N) or one to every core as threads, explains them, and sends the choice', async () => {
    const { fake } = setup();
    const select = screen.getByLabelText('Threads');
    await screen.findByRole('option', { name: 'Automatic (3)' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Automatic (3)', '1', '2', '3', '4']);
    expect(select).toHaveAccessibleDescription(/How many processor cores training works on at once\. .* Cores on this computer: 4\./);
    expect(fake.callsTo('app:info')).toEqual([{}]);

    await fireEvent.click(button('Train'));
    expect((fake.callsTo('train:start')[0] as { hyperparams: object }).hyperparams).not.toHaveProperty('threads');
    emit(fake, started('run-1', { threads: 3 }));
    expect(screen.getByText('Threads: 3')).toBeInTheDocument();
    expect(select).toBeDisabled();
    emit(fake, completed('run-1'));

    await fireEvent.change(select, { target: { value: '2' } });
    await fireEvent.click(button('Train'));
    expect((fake.callsTo('train:start')[1] as { hyperparams: { threads?: number } }).hyperparams.threads).toBe(2);
  });

  it('speaks French when the UI is in French', async () => {
    i18n.lang = 'fr';
    try {
      setup();
      expect(screen.getByRole('button', { name: 'Entraîner' })).toBeEnabled();
      expect(screen.getByRole('button', { name: 'Arrêter' })).toBeDisabled();
      expect(screen.getByRole('progressbar', { name: 'Progression de l’entraînement' })).toBeInTheDocument();
      expect(screen.getByLabelText('Fils de calcul')).toBeInTheDocument();
      expect(await screen.findByRole('option', { name: 'Automatique (3)' })).toBeInTheDocument();
    } finally {
      i18n.lang = 'en';
    }
  });
});

describe('a regression run (values, not classes)', () => {
  it('charts the loss, MAE and R² with the learning rate, and shows the test MAE and R² in French, without a confusion matrix', async () => {
    i18n.lang = 'fr';
    try {
      const { fake, session } = setup();
      await fireEvent.click(button('Entraîner'));
      const steps = Array.from({ length: 10 }, (_, i) => i + 1);
      emit(fake, startedRegression(), {
        type: 'batches', runId: 'run-1', epoch: 0, steps, loss: steps.map((s) => 1 / s),
        metrics: { mae: steps.map((s) => 0.8 / s), r2: steps.map((s) => s / 12) }, learningRate: steps.map(() => 0.01),
        samplesDone: 800, samplesTotal: 2400, samplesPerSecond: 4000, etaSeconds: 0.4,
      }, { type: 'epoch', runId: 'run-1', ...regressionEpochMetrics(0) });
      const curves = screen.getByRole('region', { name: 'Courbes d’apprentissage' });
      expect(within(curves).getByRole('img', { name: /^Erreur absolue moyenne \(MAE\) au fil des époques/ })).toBeInTheDocument();
      expect(within(curves).getByRole('img', { name: /^R² au fil des époques/ })).toBeInTheDocument();
      expect(within(curves).getByRole('img', { name: /^Le taux d’apprentissage de chaque lot/ })).toBeInTheDocument();
      expect(within(curves).queryByRole('img', { name: /^Exactitude/ })).toBeNull();
      expect(session.current?.of('mae')?.raw.points).toHaveLength(10);
      expect(session.current?.learningRate.points).toHaveLength(10);

      emit(fake, { type: 'testing', runId: 'run-1' }, completedRegression('run-1'));
      const results = screen.getByRole('region', { name: 'Résultats' });
      expect(within(results).getByRole('heading', { name: 'R² au test' })).toBeInTheDocument();
      expect(within(results).getByText('0,934')).toBeInTheDocument();
      expect(within(results).getByText('sur 200 exemples de test que le réseau n’a jamais vus')).toBeInTheDocument();
      const value = (term: string) => within(results).getByText(term).nextElementSibling?.textContent;
      expect(value('Erreur absolue moyenne (MAE)')).toBe('0,081');
      expect(value('Perte au test')).toBe('0,012');
      expect(value('Dernier R² de validation')).toBe('0,750');
      // No classes: no confusion matrix, no mistakes to count, no accuracy.
      expect(screen.queryByRole('table')).toBeNull();
      expect(screen.queryByRole('region', { name: 'Exemples' })).toBeNull();
      expect(within(results).queryByText('Erreurs')).toBeNull();
      expect(within(results).queryByText(/Exactitude/)).toBeNull();
    } finally {
      i18n.lang = 'en';
    }
  });
});

describe('number boxes', () => {
  for (const lang of ['en', 'fr'] as const) {
    it(`read “0,01” and “0.01” as 0.01 in ${lang === 'en' ? 'English' : 'French'}, and train at that rate`, async () => {
      i18n.setLang(lang);
      try {
        const { fake, session } = setup();
        const lr = screen.getByLabelText(lang === 'en' ? 'Learning rate' : 'Taux d’apprentissage');
        expect(lr).toHaveValue(lang === 'en' ? '0.001' : '0,001');
        await fireEvent.input(lr, { target: { value: '0,01' } });
        expect(session.settings.learningRate).toBe(0.01);
        expect(lr).toHaveValue('0,01');
        await fireEvent.input(lr, { target: { value: '0.02' } });
        expect(session.settings.learningRate).toBe(0.02);
        await fireEvent.click(button(lang === 'en' ? 'Train' : 'Entraîner'));
        expect(fake.callsTo('train:start')[0]?.hyperparams.learningRate).toBe(0.02);
      } finally {
        i18n.setLang('en');
      }
    });
  }

  it('refuses “0,0,1” at the field, keeps the rate and does not train until it is fixed', async () => {
    const { session } = setup();
    const lr = screen.getByLabelText('Learning rate');
    await fireEvent.input(lr, { target: { value: '0,0,1' } });
    expect(session.settings.learningRate).toBe(0.001);
    expect(lr).toHaveValue('0,0,1');
    expect(lr).toHaveAttribute('aria-invalid', 'true');
    expect(lr).toHaveAccessibleDescription(/Not a number: write it like 0\.01\. Still using 0\.001\./);
    expect(button('Train')).toBeDisabled();
    await fireEvent.input(lr, { target: { value: '1,000.5' } });
    expect(lr).toHaveAccessibleDescription(/not both/);
    expect(session.settings.learningRate).toBe(0.001);
    await fireEvent.input(lr, { target: { value: '0,003' } });
    expect(session.settings.learningRate).toBe(0.003);
    expect(lr).toHaveAttribute('aria-invalid', 'false');
    expect(button('Train')).toBeEnabled();
  });

  it('shows numbers the UI language’s way and rewrites them when it switches', async () => {
    const { session } = setup();
    const decay = screen.getByRole('textbox', { name: 'Weight decay' });
    session.settings.weightDecay = 0.0005;
    flushSync();
    expect(decay).toHaveValue('0.0005');
    i18n.setLang('fr');
    flushSync();
    try {
      expect(decay).toHaveValue('0,0005');
      expect(screen.getByLabelText('Taux d’apprentissage')).toHaveValue('0,001');
    } finally {
      i18n.setLang('en');
    }
  });

  it('says which validation size it will use and why, without changing the one typed', async () => {
    const { session } = setup();
    const validation = screen.getByRole('textbox', { name: 'Validation images' });
    session.settings.limit = 1000;
    flushSync();
    expect(validation).toHaveValue('100');
    expect(validation).toHaveAccessibleDescription(/a tenth of the training images, at most 5,000 — here 100/);
    await fireEvent.input(validation, { target: { value: '300' } });
    expect(validation).toHaveValue('300');
    expect(validation).toHaveAccessibleDescription(/You asked for 300, but with 1,000 training images at most a tenth can be held back: 100 will be/);
    expect(session.settings.toHyperparams().validationSize).toBe(100);
  });

  it('fits the default validation size to a small folder, and never speaks of “0 images”', async () => {
    const { session } = setup();
    session.settings.folderInfo = { token: 't', name: 'small', trainCount: 2000, testCount: 500, rows: 28, cols: 28 };
    session.settings.source = 'folder';
    flushSync();
    const validation = screen.getByRole('textbox', { name: 'Validation images' });
    expect(validation).toHaveValue('200');
    expect(validation).toHaveAttribute('aria-invalid', 'false');
    await fireEvent.input(validation, { target: { value: '5000' } });
    expect(validation).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/No image is left to train on/)).toBeInTheDocument();
    expect(screen.queryByText(/\b0 images/)).toBeNull();
    expect(screen.getByRole('option', { name: 'Whole set' })).toBeInTheDocument();
  });

  it('switching optimizer brings its usual rate into the box, unless the rate was typed', async () => {
    setup();
    const lr = screen.getByLabelText('Learning rate');
    const optimizer = screen.getByRole('combobox', { name: 'Optimizer' });
    await fireEvent.change(optimizer, { target: { value: 'sgd' } });
    expect(lr).toHaveValue('0.1');
    expect(lr).toHaveAccessibleDescription(/A usual start with SGD: 0\.1\./);
    await fireEvent.input(lr, { target: { value: '0,3' } });
    await fireEvent.change(optimizer, { target: { value: 'adam' } });
    expect(lr).toHaveValue('0,3');
  });
});
