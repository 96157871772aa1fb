import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import RunControls from './RunControls.svelte';
import { batches, epoch, FakeApi, started } from './testing/fakeApi';
import { TrainingSession } from './trainingSession.svelte';

const editor = { spec: PRESETS.mlp, valid: true, analysis: { issues: [] } } as unknown as NetworkEditor;

function setup() {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(RunControls, { session, editor });
  return { fake, session };
}

const button = (name: string) => screen.getByRole('button', { name });
const emit = (fake: FakeApi, ...events: Parameters<FakeApi['emit']>) => {
  fake.emit(...events);
  flushSync();
};

describe('WatchControls', () => {
  it('starts a run paused in step mode; One step and One epoch ask the host and wait for the step to end', async () => {
    const { fake, session } = setup();
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Start paused (step by step)' }));
    await fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: '5' } });
    await fireEvent.click(button('Train'));
    expect((fake.callsTo('train:start')[0] as { watch: unknown }).watch).toEqual({ paused: true, batchesPerSecond: 5 });
    // While a run is under way, step mode is for the next one.
    expect(screen.getByRole('checkbox', { name: 'Start paused (step by step)' })).toBeDisabled();

    emit(fake, started(), { type: 'paused', runId: 'run-1' });
    expect(screen.getByText('Step 0 · epoch 1')).toBeInTheDocument();
    expect(button('One step')).toBeEnabled();
    await fireEvent.click(button('One step'));
    expect(fake.callsTo('train:step')).toEqual([{ runId: 'run-1', unit: 'batch' }]);
    // Until the host says the step is over, no second one.
    expect(button('One step')).toBeDisabled();
    expect(button('One epoch')).toBeDisabled();
    emit(fake, batches('run-1', 0, 1, 1, 60), { type: 'stepped', runId: 'run-1', unit: 'batch', step: 1, epoch: 0 });
    expect(screen.getByText('Step 1 · epoch 1')).toBeInTheDocument();
    expect(session.status).toBe('paused');

    await fireEvent.click(button('One epoch'));
    expect(fake.callsTo('train:step')).toEqual([{ runId: 'run-1', unit: 'batch' }, { runId: 'run-1', unit: 'epoch' }]);
    emit(fake, batches('run-1', 0, 2, 14, 900), epoch('run-1', 0), { type: 'stepped', runId: 'run-1', unit: 'epoch', step: 15, epoch: 0 });
    expect(screen.getByText('Step 15 · epoch 1')).toBeInTheDocument();
    expect(button('One step')).toBeEnabled();
    // Speed and time left since the start mean nothing for a run that waits between steps.
    expect(screen.queryByText(/images\/s/)).toBeNull();
    expect(screen.queryByText(/left$/)).toBeNull();
    // Resumed, the steps are for a paused run only.
    emit(fake, { type: 'resumed', runId: 'run-1' });
    expect(button('One step')).toBeDisabled();
  });

  it('starts a run paused with One step when there is none, and takes the step at its first pause', async () => {
    const { fake, session } = setup();
    expect(button('One step')).toBeEnabled();
    await fireEvent.click(button('One step'));
    expect((fake.callsTo('train:start')[0] as { watch: unknown }).watch).toEqual({ paused: true, batchesPerSecond: null });
    // The step counts as under way from the click: no second one, nor Train.
    expect(button('One step')).toBeDisabled();
    expect(button('Train')).toBeDisabled();
    emit(fake, started(), { type: 'paused', runId: 'run-1' });
    await Promise.resolve();
    expect(fake.callsTo('train:step')).toEqual([{ runId: 'run-1', unit: 'batch' }]);
    expect(button('One step')).toBeDisabled();
    emit(fake, batches('run-1', 0, 1, 1, 60), { type: 'stepped', runId: 'run-1', unit: 'batch', step: 1, epoch: 0 });
    expect(screen.getByText('Step 1 · epoch 1')).toBeInTheDocument();
    expect(button('One step')).toBeEnabled();
    // Only that run started paused: the step-mode box was left as it was.
    expect(session.watch.stepMode).toBe(false);
    emit(fake, { type: 'stopped', runId: 'run-1', history: [], message: 'Stopped.' });
    await fireEvent.click(button('Train'));
    expect((fake.callsTo('train:start')[1] as { watch: unknown }).watch).toEqual({ paused: false, batchesPerSecond: null });
  });

  it('changes the pace and the learning rate of the run under way, and keeps the rate for the next run', async () => {
    const { fake, session } = setup();
    let answer!: (v: { runId: string }) => void;
    fake.handlers['train:start'] = () => new Promise((r) => (answer = r));
    await fireEvent.click(button('Train'));
    expect((fake.callsTo('train:start')[0] as { watch: unknown }).watch).toEqual({ paused: false, batchesPerSecond: null });
    // Chosen while the run starts: sent once it has.
    await fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: '20' } });
    expect(fake.callsTo('train:pace')).toEqual([]);
    answer({ runId: 'run-1' });
    emit(fake, started());
    expect(fake.callsTo('train:pace')).toEqual([{ runId: 'run-1', batchesPerSecond: 20 }]);
    await fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: '1' } });
    await fireEvent.change(screen.getByRole('combobox', { name: 'Speed' }), { target: { value: 'full' } });
    expect(fake.callsTo('train:pace').slice(1)).toEqual([{ runId: 'run-1', batchesPerSecond: 1 }, { runId: 'run-1', batchesPerSecond: null }]);

    const rate = screen.getByRole('textbox', { name: 'Learning rate now' });
    expect(rate).toHaveValue('0.001');
    await fireEvent.input(rate, { target: { value: '0.05' } });
    // Sent when the box is left (or Enter), not at every keystroke.
    expect(fake.callsTo('train:set')).toEqual([]);
    await fireEvent.blur(rate);
    await Promise.resolve();
    expect(fake.callsTo('train:set')).toEqual([{ runId: 'run-1', learningRate: 0.05 }]);
    await Promise.resolve();
    expect(session.settings.learningRate).toBe(0.05);
    // A rate the host would refuse is not sent.
    await fireEvent.input(rate, { target: { value: '0' } });
    await fireEvent.blur(rate);
    expect(fake.callsTo('train:set')).toHaveLength(1);
  });

  it('shows a refused step in the UI language and lets the student try again', async () => {
    const { fake } = setup();
    fake.handlers['train:step'] = async () => {
      throw Object.assign(new Error('A step needs a paused run.'), { code: 'invalid-request', detail: { key: 'general.stepNeedsPause' } });
    };
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Start paused (step by step)' }));
    await fireEvent.click(button('Train'));
    emit(fake, started(), { type: 'paused', runId: 'run-1' });
    i18n.setLang('fr');
    flushSync();
    try {
      await fireEvent.click(button('Un pas'));
      await Promise.resolve();
      flushSync();
      expect(screen.getByRole('alert')).toHaveTextContent('Un pas demande un entraînement en pause');
      expect(button('Un pas')).toBeEnabled();
      expect(screen.getByRole('combobox', { name: 'Vitesse' })).toHaveDisplayValue('Pleine vitesse');
    } finally {
      i18n.setLang('en');
      flushSync();
    }
  });
});
