/**
 * Draw & test follows what the model reads: the plane for 2 numbers (a click or a drag
 * asks the model there), number fields for n numbers, the pad for images. The fake API
 * answers with a real network of the engine (`predictProbs`, `planeFrame`): what the bars
 * show is what that network computes at the clicked point.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelData, Prediction, RequestOf } from '../../../../electron/ipc/contract';
import { planeFrame } from '../../../../electron/host/planeFrames';
import { Rng, Network, predictProbs, type NetworkSpec, PRESETS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { MARGINS } from '../playground/planeRenderer';
import { TrainingSession } from '../training/trainingSession.svelte';
import DrawPanel from './DrawPanel.svelte';

// A 354 px canvas: a 300 × 300 plot after the margins over [-1.5, 1.5]² (1 px = 0.01 plane units).
const SIDE = 300 + MARGINS.left + MARGINS.right;
const at = (x1: number, x2: number) => ({ clientX: MARGINS.left + (x1 + 1.5) * 100, clientY: MARGINS.top + (1.5 - x2) * 100 });
const BOUNDS = { x1: [-1.5, 1.5] as [number, number], x2: [-1.5, 1.5] as [number, number] };

/** Softmax over 2 classes whose logits differ by 6·x₁: class 1 right of the x₂ axis, class 0 left of it. */
function sideNetwork(): Network {
  const spec: NetworkSpec = { input_shape: [2], layers: [{ type: 'Dense', units: 2, activation: 'softmax' }] };
  const network = Network.fromSpec(spec, new Rng(1), { numClasses: 2 });
  const [kernel, bias] = network.weights;
  kernel!.value.set([-3, 3, 0, 0]);
  bias!.value.fill(0);
  return network;
}

/** The engine's answers for `network`, as the host would give them. */
function engineApi(network: Network) {
  const predict = vi.fn(async (r: RequestOf<'predict'>): Promise<Prediction> => {
    // As the host's prediction worker does: a sample of numbers gets the outputs as they are, a drawing class probabilities.
    const probs = 'values' in r
      ? Array.from(network.forward(Float32Array.from(r.values), 1, { training: false }).slice(0, network.outputSize))
      : Array.from(predictProbs(network, Float32Array.from(r.pixels), 1));
    return { probs, predicted: probs.indexOf(Math.max(...probs)), layers: null, milliseconds: 1 };
  });
  const plane = vi.fn(async (r: RequestOf<'predict:plane'>) => planeFrame(network, r.bounds, r.resolution, r.unitResolution));
  return { predict, 'predict:plane': plane };
}

function planeSession(data: ModelData | null, spec: NetworkSpec): TrainingSession {
  const session = new TrainingSession();
  session.modelRef = { kind: 'saved', id: 'side' };
  session.modelLabel = 'Side';
  session.modelSpec = spec;
  session.modelData = data;
  return session;
}

const circles = { kind: 'generated' as const, generator: 'circles' as const, points: 200, noise: null, arms: 2 as const, seed: 4, testShare: 0.2 };

describe('DrawPanel for a model that reads a point of the plane', () => {
  beforeEach(() => {
    i18n.lang = 'en';
    vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockImplementation(
      () => ({ left: 0, top: 0, width: SIDE, height: SIDE, right: SIDE, bottom: SIDE, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect,
    );
  });
  afterEach(() => vi.restoreAllMocks());

  const network = sideNetwork();
  const data: ModelData = { inputShape: [2], task: { kind: 'classification', classNames: ['0', '1'] }, source: circles, bounds: BOUNDS };

  it('shows the plane with its regions and training points, not the pad', async () => {
    const api = engineApi(network);
    render(DrawPanel, { session: planeSession(data, network.spec), api });
    expect(screen.queryByRole('img', { name: 'Drawing pad' })).toBeNull();
    await vi.waitFor(() => expect(screen.getByRole('img', { name: /^Decision regions of the network over the plane; 160 training points, 40 test points/ })).toBeInTheDocument());
    expect(api['predict:plane']).toHaveBeenCalledWith(expect.objectContaining({ model: { kind: 'saved', id: 'side' }, bounds: BOUNDS }));
    expect(screen.getByText('Click on the plane to see what the network answers there.')).toBeInTheDocument();
  });

  it('a click asks the model at that point and shows its probabilities; another side, another class', async () => {
    const api = engineApi(network);
    render(DrawPanel, { session: planeSession(data, network.spec), api });
    const plane = await screen.findByRole('img', { name: /over the plane/ });

    await fireEvent.pointerDown(plane, { ...at(0.5, 1), button: 0, pointerType: 'mouse' });
    await fireEvent.pointerUp(window);
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prediction: 1'));
    expect(api.predict).toHaveBeenLastCalledWith({ values: [0.5, 1], model: { kind: 'saved', id: 'side' }, withActivations: false });
    const expected = predictProbs(network, Float32Array.from([0.5, 1]), 1);
    const bars = screen.getByRole('list', { name: 'Probabilities' });
    expect(within(bars).getAllByRole('meter')).toHaveLength(2);
    expect(within(bars).getByRole('meter', { name: 'Class 1' })).toHaveAttribute('aria-valuenow', String(Math.round(expected[1]! * 1000) / 10));
    expect(screen.getByLabelText('x₁')).toHaveValue('0.5');

    // Hovering without the button asks nothing; a drag does.
    const calls = api.predict.mock.calls.length;
    await fireEvent.pointerMove(plane, at(-1, 0));
    expect(api.predict.mock.calls.length).toBe(calls);
    await fireEvent.pointerDown(plane, { ...at(0.2, 0), button: 0, pointerType: 'mouse' });
    await fireEvent.pointerMove(plane, at(-1, 0));
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prediction: 0'));
    expect(api.predict).toHaveBeenLastCalledWith(expect.objectContaining({ values: [-1, 0] }));
  });

  it('speaks French, numbers included, and takes a point typed in the fields', async () => {
    i18n.lang = 'fr';
    const api = engineApi(network);
    render(DrawPanel, { session: planeSession(data, network.spec), api });
    await fireEvent.input(screen.getByLabelText('x₁'), { target: { value: '-0,25' } });
    await fireEvent.input(screen.getByLabelText('x₂'), { target: { value: '0' } });
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prédiction : 0'));
    expect(api.predict).toHaveBeenLastCalledWith(expect.objectContaining({ values: [-0.25, 0] }));
    const p0 = predictProbs(network, Float32Array.from([-0.25, 0]), 1)[0]!;
    expect(screen.getByRole('meter', { name: 'Classe 0' })).toHaveAttribute('aria-valuetext', i18n.percent(p0));
    expect(i18n.percent(p0)).toContain(',');
  });

  it('a 2-input model from an old file (no record of its data) gets the plane over the default square', async () => {
    const api = engineApi(network);
    render(DrawPanel, { session: planeSession(null, network.spec), api });
    await vi.waitFor(() => expect(api['predict:plane']).toHaveBeenCalledWith(expect.objectContaining({ bounds: { x1: [-1.6, 1.6], x2: [-1.6, 1.6] } })));
    expect(await screen.findByRole('img', { name: /^Decision regions of the network over the plane; 0 training points/ })).toBeInTheDocument();
  });
});

describe('DrawPanel for other models', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });

  it('an image model keeps the drawing pad', () => {
    const session = planeSession(null, PRESETS.mlp);
    render(DrawPanel, { session, api: engineApi(sideNetwork()) });
    expect(screen.getByRole('img', { name: 'Drawing pad' })).toBeInTheDocument();
    expect(screen.queryByLabelText('x₁')).toBeNull();
  });

  it('a model of 3 numbers gets 3 fields, answers for zeros at once, and shows a predicted value', async () => {
    const spec: NetworkSpec = { input_shape: [3], layers: [{ type: 'Dense', units: 1 }] };
    const network = Network.fromSpec(spec, new Rng(1), { numClasses: null });
    network.weights[0]!.value.set([1, 2, -1]);
    network.weights[1]!.value.set([0.5]);
    const api = engineApi(network);
    render(DrawPanel, { session: planeSession({ inputShape: [3], task: { kind: 'regression', targetNames: ['y'] }, source: null, bounds: null }, spec), api });
    expect(screen.queryByRole('img', { name: 'Drawing pad' })).toBeNull();
    expect(screen.getAllByRole('textbox')).toHaveLength(3);
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prediction: 0.5'));
    await fireEvent.input(screen.getByLabelText('x₂'), { target: { value: '1.25' } });
    // 0.5 + 2 × 1.25 = 3
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prediction: 3'));
    expect(api.predict).toHaveBeenLastCalledWith({ values: [0, 1.25, 0], model: { kind: 'saved', id: 'side' }, withActivations: false });
    expect(screen.queryByText(/confident/)).toBeNull();
  });
});
