import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CodeLayers, CodesEvent, RequestOf } from '../../../../electron/ipc/contract';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { TrainingSession } from '../training/trainingSession.svelte';
import CodeSpacePanel from './CodeSpacePanel.svelte';

const LAYERS: CodeLayers = {
  layers: [
    { index: 0, name: 'flatten_1', type: 'Flatten', shape: [784] },
    { index: 1, name: 'dense_1', type: 'Dense', shape: [128] },
    { index: 2, name: 'dense_2', type: 'Dense', shape: [10] },
  ],
  codeLayer: 1, testCount: 10_000, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], inputShape: [28, 28, 1], maxTsnePoints: 3000,
};

function fakeApi() {
  let listener: ((e: CodesEvent) => void) | null = null;
  let jobs = 0;
  const api = {
    'codes:layers': vi.fn(async (_: RequestOf<'codes:layers'>) => LAYERS),
    'codes:start': vi.fn(async (_: RequestOf<'codes:start'>) => ({ jobId: `job-${++jobs}` })),
    'codes:cancel': vi.fn(async (_: RequestOf<'codes:cancel'>) => undefined),
    onCodesEvent: vi.fn((l: (e: CodesEvent) => void) => {
      listener = l;
      return () => { listener = null; };
    }),
  };
  const emit = (e: CodesEvent) => listener!(e);
  return { api, emit };
}

const started = (jobId: string, count = 4): CodesEvent => ({
  type: 'codes:started', jobId, layer: LAYERS.layers[1]!, count, dim: 128, indices: [0, 1, 2, 3].slice(0, count),
  labels: [7, 2, 1, 0].slice(0, count), pixels: btoa(String.fromCharCode(...new Array<number>(count * 784).fill(9))), predicted: [7, 2, 1, 6].slice(0, count),
});

function setup(active = true) {
  const session = new TrainingSession();
  session.modelRef = { kind: 'current' };
  session.modelLabel = 'just trained';
  const { api, emit } = fakeApi();
  const r = render(CodeSpacePanel, { session, api, active });
  return { session, api, emit, ...r };
}

describe('CodeSpacePanel', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });
  afterEach(() => vi.restoreAllMocks());

  it('lists the layers with their shapes, takes the code layer by default, and sends the layer picked', async () => {
    const { api } = setup();
    const select = await screen.findByRole('combobox', { name: 'Layer' });
    await vi.waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3));
    expect(within(select).getAllByRole('option').map((o) => o.textContent!.trim())).toEqual([
      '1. flatten_1 · Flatten · 784', '2. dense_1 · Dense · 128 (code)', '3. dense_2 · Dense · 10',
    ]);
    expect((select as HTMLSelectElement).value).toBe('1');
    expect(api['codes:layers'].mock.calls[0]![0]).toEqual({ model: { kind: 'current' }, dataset: { source: { kind: 'bundled' }, limit: null } });

    await fireEvent.click(screen.getByRole('button', { name: 'Compute' }));
    expect(api['codes:start'].mock.calls[0]![0]).toMatchObject({ layer: 1, count: 1000, method: { kind: 'pca' }, kmeans: { k: 10, restarts: 10 } });
    await fireEvent.change(select, { target: { value: '2' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Compute' }));
    expect(api['codes:start'].mock.calls[1]![0]).toMatchObject({ layer: 2 });
  });

  it('t-SNE: the perplexity and its help (distances and sizes distorted), at most 3,000 images', async () => {
    const { api } = setup();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Compute' })).toBeEnabled());
    expect(screen.queryByRole('slider', { name: 'Perplexity' })).toBeNull();
    await fireEvent.click(screen.getByRole('radio', { name: 't-SNE' }));
    expect(screen.getByRole('slider', { name: 'Perplexity' })).toHaveValue('30');
    expect(screen.getByTestId('codes-method-help')).toHaveTextContent('distorts distances and cluster sizes');
    await fireEvent.change(screen.getByRole('combobox', { name: 'Test images' }), { target: { value: '5000' } });
    expect(screen.getByText(/t-SNE takes at most 3,000 images/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Compute' }));
    expect(api['codes:start'].mock.calls[0]![0]).toMatchObject({ count: 3000, method: { kind: 'tsne', perplexity: 30, iterations: 1000 } });
    await fireEvent.click(screen.getByRole('radio', { name: 'UMAP' }));
    expect(screen.getByRole('slider', { name: 'Neighbours' })).toHaveValue('15');
  });

  it('shows the progress, then the points; a click on one shows its image, label and prediction', async () => {
    const { emit } = setup();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Compute' })).toBeEnabled());
    await fireEvent.click(screen.getByRole('button', { name: 'Compute' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument());
    emit(started('job-1'));
    emit({ type: 'codes:progress', jobId: 'job-1', phase: 'embedding', done: 100, total: 1000 });
    emit({ type: 'codes:points', jobId: 'job-1', points: [0, 0, 1, 1, 2, 0, 3, 1], final: false, explained: null });
    // Another job's events are not this picture's.
    emit({ type: 'codes:progress', jobId: 'old', phase: 'embedding', done: 999, total: 1000 });
    const bar = await screen.findByRole('progressbar', { name: 'Progress' });
    expect(bar).toHaveAttribute('value', '100');
    expect(bar).toHaveAttribute('max', '1000');
    expect(screen.getByText('Arranging the picture… step 100 of 1,000')).toBeInTheDocument();
    const scatter = screen.getByRole('application', { name: /The codes of 4 test images/ });
    // jsdom has no layout: the arrow keys pick a point just as a click does.
    await fireEvent.keyDown(scatter, { key: 'ArrowRight' });
    const picked = screen.getByTestId('codes-picked');
    expect(picked).toHaveTextContent('Label: 7');
    expect(picked).toHaveTextContent('Model’s answer: 7');
    expect(within(picked).getByRole('img', { name: 'Label: 7' })).toBeInTheDocument();
    await fireEvent.keyDown(scatter, { key: 'ArrowRight' });
    expect(picked).toHaveTextContent('Label: 2');
    emit({ type: 'codes:done', jobId: 'job-1', seconds: 1.25 });
    await vi.waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.getByTestId('codes-done')).toHaveTextContent('Done in 1.3 s.');
  });

  it('writes the purity the French way, for the codes beside the raw pixels, with the cluster × label table', async () => {
    i18n.lang = 'fr';
    const { emit } = setup();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Calculer' })).toBeEnabled());
    await fireEvent.click(screen.getByRole('button', { name: 'Calculer' }));
    emit(started('job-1'));
    const table = (diag: number) => Array.from({ length: 10 }, (_, c) => Array.from({ length: 10 }, (_, l) => (l === c ? diag : 1)));
    emit({ type: 'codes:clusters', jobId: 'job-1', codes: { k: 10, purity: 0.63, table: table(63) }, pixels: { k: 10, purity: 0.5, table: table(50) } });
    expect(await screen.findByTestId('codes-clusters-codes-purity')).toHaveTextContent('Pureté 0,63');
    expect(screen.getByTestId('codes-clusters-pixels-purity')).toHaveTextContent('Pureté 0,50');
    expect(screen.getByTestId('codes-purity-summary')).toHaveTextContent('sur les codes : pureté 0,63 ; sur les pixels bruts : 0,50. Le code regroupe mieux les chiffres que les pixels.');
    const grid = within(screen.getByTestId('codes-clusters-codes')).getByRole('table');
    expect(within(grid).getAllByRole('row')).toHaveLength(11);
    expect(within(grid).getAllByRole('rowheader')[0]).toHaveTextContent('1 → 0');
  });

  it('cancels the job under way when a setting changes, and when the student leaves the tab', async () => {
    const { api, rerender } = setup();
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Compute' })).toBeEnabled());
    await fireEvent.click(screen.getByRole('button', { name: 'Compute' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument());
    await fireEvent.click(screen.getByRole('radio', { name: 'UMAP' }));
    await vi.waitFor(() => expect(api['codes:cancel']).toHaveBeenCalledWith({ jobId: 'job-1' }));
    expect(screen.getByText('Cancelled.')).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Compute' }));
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument());
    await rerender({ active: false });
    await vi.waitFor(() => expect(api['codes:cancel']).toHaveBeenCalledWith({ jobId: 'job-2' }));
  });

  it('asks for the layers again when the Train tab’s data change (the test images come from there)', async () => {
    const { api, session } = setup();
    await vi.waitFor(() => expect(api['codes:layers']).toHaveBeenCalledTimes(1));
    session.settings.source = 'plane';
    await vi.waitFor(() => expect(api['codes:layers']).toHaveBeenCalledTimes(2));
    expect(api['codes:layers'].mock.calls[1]![0].dataset.source.kind).toBe('generated');
  });

  it('says there is no model yet', () => {
    const session = new TrainingSession();
    render(CodeSpacePanel, { session, api: fakeApi().api });
    expect(screen.getByText(/No model yet/)).toBeInTheDocument();
  });
});
