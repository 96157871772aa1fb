import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenedRun, RunSummary } from '../../../../electron/ipc/contract';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { NetworkEditor } from '../builder/networkEditor.svelte';
import { TrainingSession } from '../training/trainingSession.svelte';
import RunHistoryButton from './RunHistoryButton.svelte';

const SPEC_2_8_2 = { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] };
const moons = { kind: 'generated' as const, generator: 'moons' as const, points: 300, noise: 0.2, arms: 2 as const, seed: 5, testShare: 0.25 };

const summary = (over: Partial<RunSummary>): RunSummary => ({
  id: '20261207-041500-0000000a', name: null, starred: false, ending: 'completed', startedAt: '2026-12-07T04:15:00.000Z', seconds: 2.5,
  dataset: { name: 'moons', title: { key: 'data.toy.moons' }, taskKind: 'classification' }, architecture: 'Dense → Dense', params: 42,
  settings: { epochs: 20, batchSize: 16, learningRate: 0.03, optimizer: 'adam', loss: 'categorical_crossentropy', seed: 11 },
  epochsDone: 20, final: { on: 'test', loss: 0.381, metric: 'accuracy', value: 0.875 }, modelId: null, ...over,
});
const moonsRun = summary({});
const mnistRun = summary({
  id: '20261206-090000-0000000b', name: 'Big MLP', ending: 'stopped', startedAt: '2026-12-06T09:00:00.000Z',
  dataset: { name: 'MNIST', title: null, taskKind: 'classification' }, architecture: 'Flatten → Dense → Dense',
  settings: { epochs: 5, batchSize: 64, learningRate: 0.001, optimizer: 'sgd', loss: 'categorical_crossentropy', seed: 1 },
  epochsDone: 2, final: { on: 'validation', loss: 0.2, metric: 'accuracy', value: 0.95 },
});
const damagedRun = summary({
  id: '20261205-090000-0000000c', startedAt: '2026-12-05T09:00:00.000Z', settings: null, final: null, architecture: '', dataset: { name: '', title: null, taskKind: null },
  damaged: { key: 'runs.badField', params: { file: '20261205-090000-0000000c.json', field: 'hyperparams.learningRate' } },
});

const opened: OpenedRun = {
  summary: moonsRun, spec: SPEC_2_8_2 as OpenedRun['spec'],
  hyperparams: { epochs: 20, batchSize: 16, learningRate: 0.03, optimizer: 'adam', schedule: { type: 'step', every: 5, factor: 0.5 }, weightDecay: 0.001, loss: 'categorical_crossentropy', validationSize: 20, seed: 11 },
  learningRateSet: null,
  dataset: { source: moons, limit: null },
  data: { inputShape: [2], classNames: ['0', '1'], task: { kind: 'classification', classNames: ['0', '1'] }, trainCount: 205, valCount: 20, testCount: 75 },
  reconstruct: null, history: [], batchesPerEpoch: 13, batchLoss: { steps: [], loss: [] }, test: null, endingDetail: null, notes: '',
};

function setup() {
  let runs = [damagedRun, mnistRun, moonsRun];
  const change = (id: string, over: Partial<RunSummary>): RunSummary => {
    runs = runs.map((r) => (r.id === id ? { ...r, ...over } : r));
    return runs.find((r) => r.id === id)!;
  };
  const api = {
    'runs:list': vi.fn(async () => runs),
    'runs:get': vi.fn(async () => opened),
    'runs:rename': vi.fn(async ({ id, name }: { id: string; name: string | null }) => change(id, { name })),
    'runs:star': vi.fn(async ({ id, starred }: { id: string; starred: boolean }) => change(id, { starred })),
    'runs:delete': vi.fn(async ({ id }: { id: string }) => { runs = runs.filter((r) => r.id !== id); }),
    'runs:notes': vi.fn(async ({ id }: { id: string; notes: string }) => runs.find((r) => r.id === id)!),
    'runs:saveFile': vi.fn(async () => ({ path: '/home/student/report.html' })),
    'app:info': vi.fn(async () => ({ version: '1.2.3', platform: 'linux', modelsDir: '/m', transport: 'electron' as const, cores: 2, automaticThreads: 2 })),
  };
  const editor = new NetworkEditor();
  const session = new TrainingSession();
  render(RunHistoryButton, { editor, session, api });
  return { api, editor, session };
}

async function openHistory(name = 'Run history') {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findAllByRole('listitem');
  return { user, dialog };
}
const names = (dialog: HTMLElement) => within(dialog).getAllByRole('listitem').map((li) => li.querySelector('.name')!.textContent);

describe('the run history', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });

  it('lists every run with its date, data, settings and result, newest first; a damaged one says why', async () => {
    setup();
    const { dialog } = await openHistory();
    expect(names(dialog)).toEqual([expect.stringMatching(/^moons, Dec 7, 2026/), 'Big MLP', expect.stringMatching(/^, Dec 5, 2026|Dec 5, 2026/)]);
    const moonsItem = within(dialog).getAllByRole('listitem')[0]!;
    expect(moonsItem).toHaveTextContent('Adam · batch 16 · rate 0.03 · 20/20 epochs · Cross-entropy · seed 11');
    expect(moonsItem).toHaveTextContent('test · accuracy 87.5 % · loss 0.381');
    expect(moonsItem).toHaveTextContent('completed');
    const damaged = within(dialog).getAllByRole('listitem')[2]!;
    expect(damaged).toHaveTextContent('its field "hyperparams.learningRate" is not what Layerwise writes');
    expect(within(damaged).queryByRole('button', { name: /Reopen/ })).toBeNull();
    expect(within(damaged).getByRole('button', { name: /Delete/ })).toBeEnabled();
  });

  it('writes numbers and dates the French way in French', async () => {
    i18n.lang = 'fr';
    setup();
    const { dialog } = await openHistory('Historique');
    const item = within(dialog).getAllByRole('listitem')[0]!;
    expect(item).toHaveTextContent('lunes, 7 déc. 2026');
    expect(item).toHaveTextContent('Adam · lot de 16 · taux 0,03 · 20/20 époques');
    expect(item).toHaveTextContent(/test · exactitude 87,5\s%/);
    expect(item).toHaveTextContent('terminé');
  });

  it('keeps the student\'s notes with a run, and saves its lab report with them through the host', async () => {
    const { api } = setup();
    const { user, dialog } = await openHistory();
    await user.click(within(dialog).getByRole('button', { name: 'Notes on Big MLP' }));
    const box = await within(dialog).findByRole('textbox', { name: 'Your notes on Big MLP, for the lab report' });
    await user.type(box, 'Batch 64 is smoother.');
    await user.click(within(dialog).getByRole('button', { name: 'Save notes' }));
    await vi.waitFor(() => expect(api['runs:notes']).toHaveBeenCalledWith({ id: mnistRun.id, notes: 'Batch 64 is smoother.' }));
    expect(within(dialog).queryByRole('textbox', { name: /Your notes/ })).toBeNull();

    api['runs:get'].mockResolvedValueOnce({ ...opened, notes: 'Tanh <b>wins</b>.' });
    await user.click(within(dialog).getAllByRole('button', { name: /^Lab report of moons/ })[0]!);
    await within(dialog).findByText('Report saved: /home/student/report.html');
    const sent = api['runs:saveFile'].mock.calls[0]![0] as unknown as { name: string; kind: string; text: string };
    expect(sent.kind).toBe('html');
    expect(sent.name).toMatch(/^moons-.*-report\.html$/);
    expect(sent.text).toContain('<title>Lab report: moons,');
    expect(sent.text).toContain('<div class="notes">Tanh &lt;b&gt;wins&lt;/b&gt;.</div>');
    expect(sent.text).toContain('Made with Layerwise 1.2.3');
  });

  it('searches and sorts by name or best result', async () => {
    setup();
    const { user, dialog } = await openHistory();
    const sort = within(dialog).getByRole('combobox', { name: 'Sort by' });
    await user.selectOptions(sort, 'metric');
    // 95 % (validation) before 87.5 %, then the damaged run (no result).
    await vi.waitFor(() => expect(names(dialog)[0]).toBe('Big MLP'));
    expect(names(dialog)[1]).toMatch(/^moons, Dec 7/);
    await user.selectOptions(sort, 'date');
    await vi.waitFor(() => expect(names(dialog)[0]).toMatch(/^moons/));
    await user.selectOptions(sort, 'name');
    await vi.waitFor(() => expect(names(dialog)[1]).toBe('Big MLP'));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search' }), 'flatten');
    await vi.waitFor(() => expect(names(dialog)).toEqual(['Big MLP']));
    await user.clear(within(dialog).getByRole('searchbox', { name: 'Search' }));
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search' }), 'spiral');
    expect(within(dialog).getByText('No run matches “spiral”.')).toBeInTheDocument();
  });

  it('stars (starred runs first), renames, and deletes only after a confirmation', async () => {
    const { api } = setup();
    const { user, dialog } = await openHistory();
    await user.click(within(dialog).getByRole('button', { name: /^Star Big MLP/ }));
    expect(api['runs:star']).toHaveBeenCalledWith({ id: mnistRun.id, starred: true });
    await vi.waitFor(() => expect(names(dialog)[0]).toBe('Big MLP'));

    const first = () => within(dialog).getAllByRole('listitem')[0]!;
    await user.click(within(first()).getByRole('button', { name: 'Rename' }));
    const box = within(first()).getByRole('textbox', { name: 'New name for Big MLP' });
    await user.clear(box);
    await user.type(box, 'MLP, plain SGD{Enter}');
    expect(api['runs:rename']).toHaveBeenCalledWith({ id: mnistRun.id, name: 'MLP, plain SGD' });
    await vi.waitFor(() => expect(names(dialog)[0]).toBe('MLP, plain SGD'));

    await user.click(within(first()).getByRole('button', { name: 'Delete MLP, plain SGD' }));
    expect(api['runs:delete']).not.toHaveBeenCalled();
    const ask = within(first()).getByRole('group');
    expect(ask).toHaveTextContent('Delete the run “MLP, plain SGD” from the history?');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(api['runs:delete']).not.toHaveBeenCalled();
    await user.click(within(first()).getByRole('button', { name: 'Delete MLP, plain SGD' }));
    await user.click(within(within(first()).getByRole('group')).getByRole('button', { name: 'Delete' }));
    expect(api['runs:delete']).toHaveBeenCalledWith({ id: mnistRun.id });
    await vi.waitFor(() => expect(names(dialog)).not.toContain('MLP, plain SGD'));
  });

  it('reopens a run: its network in Build, its data and every setting in Train', async () => {
    const { api, editor, session } = setup();
    session.settings.source = 'bundled';
    const { user, dialog } = await openHistory();
    await user.click(within(dialog).getAllByRole('button', { name: /^Reopen moons/ })[0]!);
    expect(api['runs:get']).toHaveBeenCalledWith({ id: moonsRun.id });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(editor.spec).toEqual(SPEC_2_8_2);
    const s = session.settings;
    expect([s.epochs, s.batchChoice, s.learningRate, s.optimizer, s.weightDecay, s.seed, s.loss]).toEqual([20, 16, 0.03, 'adam', 0.001, 11, 'categorical_crossentropy']);
    expect([s.scheduleType, s.stepEvery, s.stepFactor]).toEqual(['step', 5, 0.5]);
    expect(s.source).toBe('plane');
    expect(s.plane.source).toEqual(moons);
    expect(screen.getByRole('status')).toHaveTextContent('Reopened: the network is in Build, the data and settings in Train.');
  });
});
