import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenedRun, RunSummary } from '../../../../electron/ipc/contract';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { NetworkEditor } from '../builder/networkEditor.svelte';
import { TrainingSession } from '../training/trainingSession.svelte';
import ComparePanel from './ComparePanel.svelte';
import { FrameScheduler } from '../training/frameScheduler';
import { batches, FakeApi, started } from '../training/testing/fakeApi';

const SPEC = { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] };
const moons = { kind: 'generated' as const, generator: 'moons' as const, points: 300, noise: 0.2, arms: 2 as const, seed: 5, testShare: 0.25 };

/** A run of the history: `n` numbers it; its batch size, loss and test accuracy as given. */
function run(n: number, batchSize: number, loss: 'categorical_crossentropy' | 'mean_squared_error', accuracy: number): OpenedRun {
  const summary: RunSummary = {
    id: `20261207-04150${n}-0000000${n}`, name: null, starred: false, ending: 'completed', startedAt: `2026-12-07T04:15:0${n}.000Z`, seconds: 2.5,
    dataset: { name: 'moons', title: { key: 'data.toy.moons' }, taskKind: 'classification' }, architecture: 'Dense → Dense', params: 42,
    settings: { epochs: 2, batchSize, learningRate: 0.03, optimizer: 'adam', loss, seed: 11 },
    epochsDone: 2, final: { on: 'test', loss: 0.3 + n / 100, metric: 'accuracy', value: accuracy }, modelId: null,
  };
  const bpe = Math.ceil(55_000 / batchSize);
  return {
    summary, spec: SPEC as OpenedRun['spec'],
    hyperparams: { epochs: 2, batchSize, learningRate: 0.03, optimizer: 'adam', schedule: { type: 'constant' }, weightDecay: 0, loss, validationSize: 20, seed: 11 },
    learningRateSet: null, dataset: { source: moons, limit: null },
    data: { inputShape: [2], classNames: ['0', '1'], task: { kind: 'classification', classNames: ['0', '1'] }, trainCount: 55_000, valCount: 20, testCount: 75 },
    reconstruct: null,
    history: [0, 1].map((epoch) => ({ epoch, seconds: 1, running: { loss: 0.5, accuracy: 0.8 }, train: null, trainCount: 0, val: { loss: 0.5, accuracy: 0.8 } })),
    batchesPerEpoch: bpe, batchLoss: { steps: [bpe, 2 * bpe], loss: [0.6, 0.4] }, test: null, endingDetail: null, notes: '',
  };
}

function setup(runs: OpenedRun[]) {
  const api = {
    'runs:list': vi.fn(async () => runs.map((r) => r.summary)),
    'runs:get': vi.fn(async ({ id }: { id: string }) => runs.find((r) => r.summary.id === id)!),
  };
  render(ComparePanel, { session: new TrainingSession(), editor: new NetworkEditor(), api });
  return { api };
}

async function chooseAll(chooseLabel: string, doneLabel: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: chooseLabel }));
  const dialog = await screen.findByRole('dialog');
  for (const box of await within(dialog).findAllByRole('checkbox')) await user.click(box);
  await user.click(within(dialog).getByRole('button', { name: doneLabel }));
  return user;
}

describe('the comparison panel', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });

  it('overlays the chosen runs with only the batch size in the legend and the table, the best result marked', async () => {
    setup([run(1, 1, 'categorical_crossentropy', 0.9), run(2, 64, 'categorical_crossentropy', 0.95), run(3, 55_000, 'categorical_crossentropy', 0.7)]);
    await chooseAll('Choose runs…', 'Compare');
    const table = await screen.findByRole('table', { name: 'Settings that differ and results' });
    await vi.waitFor(() => expect(within(table).getAllByRole('columnheader')).toHaveLength(4));
    const settingRows = table.querySelectorAll('tbody tr.setting');
    expect(settingRows).toHaveLength(1);
    // Newest first in the chooser, so the runs come in that order.
    expect(settingRows[0]).toHaveTextContent(/^batch\s*55,000\s*64\s*1$/);
    const best = table.querySelectorAll('td.best');
    expect([...best].map((td) => td.textContent)).toEqual(['95.0 %★ best', '0.310★ best']);
    expect([...document.querySelectorAll('.legend .settings')].map((s) => s.textContent)).toEqual(['batch 55,000', 'batch 64', 'batch 1']);
    expect(screen.getByText('Batch sizes that differ only compare fairly against weight updates or seconds.')).toBeInTheDocument();
    expect(screen.getAllByRole('img', { name: /^The loss/ })).toHaveLength(1);
  });

  it('gives each loss its own panel, says so, and names no best loss between them; in French, numbers the French way', async () => {
    i18n.lang = 'fr';
    setup([run(1, 55_000, 'mean_squared_error', 0.9), run(2, 55_000, 'categorical_crossentropy', 0.8)]);
    await chooseAll('Choisir des entraînements…', 'Comparer');
    const table = await screen.findByRole('table', { name: 'Réglages qui diffèrent et résultats' });
    await vi.waitFor(() => expect(within(table).getAllByRole('columnheader')).toHaveLength(3));
    expect(table.querySelector('tbody tr.setting')).toHaveTextContent(/^perte\s*Entropie croisée\s*Erreur quadratique moyenne$/);
    expect(screen.getAllByRole('img', { name: /^La perte/ })).toHaveLength(2);
    expect(screen.getByRole('note')).toHaveTextContent('pertes différentes');
    expect([...table.querySelectorAll('td.best')].map((td) => td.textContent)).toEqual(['90,0 %★ meilleur']);
  });

  it('compares at most 8 runs: a ninth cannot be ticked', async () => {
    const runs = Array.from({ length: 9 }, (_, i) => run(i + 1, 2 ** i, 'categorical_crossentropy', 0.5 + i / 20));
    setup(runs);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Choose runs…' }));
    const dialog = await screen.findByRole('dialog');
    const boxes = await within(dialog).findAllByRole('checkbox');
    for (const box of boxes) await user.click(box);
    expect(boxes.filter((b) => (b as HTMLInputElement).checked)).toHaveLength(8);
    expect(boxes[8]).toBeDisabled();
    expect(dialog).toHaveTextContent('8 of 8 chosen');
    await user.click(within(dialog).getByRole('button', { name: 'Compare' }));
    const table = await screen.findByRole('table', { name: 'Settings that differ and results' });
    await vi.waitFor(() => expect(within(table).getAllByRole('columnheader')).toHaveLength(9));
    expect(new Set([...document.querySelectorAll<HTMLElement>('.legend .swatch')].map((s) => s.style.getPropertyValue('--run-color'))).size).toBe(8);
  });

  it('lets the axis be epochs, samples seen, weight updates or seconds', async () => {
    setup([run(1, 1, 'categorical_crossentropy', 0.9), run(2, 64, 'categorical_crossentropy', 0.95)]);
    const axis = screen.getByRole('combobox', { name: 'Against' });
    expect([...axis.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Epochs', 'Samples seen', 'Weight updates', 'Seconds']);
    const user = await chooseAll('Choose runs…', 'Compare');
    await user.selectOptions(axis, 'updates');
    await vi.waitFor(() => expect(screen.queryByText(/compare fairly/)).toBeNull());
  });

  it('draws the sweep\'s run under way live, dashed, named by its value; Stop ends it and skips the rest', async () => {
    const fake = new FakeApi();
    const records: RunSummary[] = [];
    fake.handlers['train:stop'] = async ({ runId }) => {
      fake.emit({ type: 'stopped', runId, history: [], message: 'Stopped.' });
      records.push(run(1, 1, 'categorical_crossentropy', 0.5).summary);
    };
    const api = { 'runs:list': vi.fn(async () => [...records]), 'runs:get': vi.fn(async () => run(1, 1, 'categorical_crossentropy', 0.5)) };
    const frames = { now: () => 0, request: (cb: () => void) => setTimeout(cb, 0) as unknown as number, cancel: () => {} };
    render(ComparePanel, { session: new TrainingSession(fake.api, new FrameScheduler(frames)), editor: new NetworkEditor(), api });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Stochastic vs mini-batch vs batch' }));
    await vi.waitFor(() => expect(fake.callsTo('train:start')).toHaveLength(1));
    fake.emit(started('run-1'), batches('run-1', 0, 1, 10, 10));
    const live = (await screen.findAllByText('Run 1 (under way)')).find((el) => el.closest('.legend'))!;
    expect(live.closest('li')).toHaveTextContent('batch 1');
    expect(live.closest('li')!.querySelector('.swatch.live')).not.toBeNull();
    expect(screen.getAllByRole('img', { name: /^The loss/ })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Stop the sweep' }));
    const progress = screen.getByRole('status');
    await vi.waitFor(() => expect(within(progress).getAllByRole('listitem').map((li) => li.textContent!.trim()))
      .toEqual(['1 — stopped', '32 — not run', 'whole set — not run']));
    expect(fake.callsTo('train:start')).toHaveLength(1);
    await vi.waitFor(() => expect(screen.queryAllByText('Run 1 (under way)')).toEqual([]));
    expect(document.querySelector('.legend')).toHaveTextContent('Run 1');
  });
});
