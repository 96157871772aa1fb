/**
 * Draw & test for an autoencoder: the drawing's reconstruction and code, and for a 2-number
 * code the decoder map (a click decodes the code under it). The fake API answers with a real
 * network of the engine, as the host's prediction worker would.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DecodedImage, Reconstruction, RequestOf, TestCodes } from '../../../../electron/ipc/contract';
import { decodeCodes, Network, PRESETS, reconstructImages, Rng, type NetworkSpec } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { MARGINS } from '../playground/planeRenderer';
import { TrainingSession } from '../training/trainingSession.svelte';
import DrawPanel from './DrawPanel.svelte';

// A 354 px canvas: a 300 × 300 plot after the margins; the codes below frame the plane as [-1.5, 1.5]² (1 px = 0.01).
const SIDE = 300 + MARGINS.left + MARGINS.right;
const at = (z1: number, z2: number) => ({ clientX: MARGINS.left + (z1 + 1.5) * 100, clientY: MARGINS.top + (1.5 - z2) * 100 });
/** Codes spanning [-1.25, 1.25]²: with the tenth of margin on each side, the plane is [-1.5, 1.5]². */
const TEST_CODES: TestCodes = { codeLayer: 'code', dim: 2, count: 3, codes: [-1.25, -1.25, 1.25, 1.25, 0, 0.5], labels: [3, 7, 0] };

function engineApi(network: Network, codeLayer: number) {
  const codeSize = network.layers[codeLayer]!.outputShape.reduce((a, b) => a * b, 1);
  const reconstruct = vi.fn(async (r: RequestOf<'predict:reconstruct'>): Promise<Reconstruction> => {
    const x = Float32Array.from(r.pixels);
    return {
      image: Array.from(reconstructImages(network, x, 1)), shape: [28, 28, 1],
      code: Array.from(network.forwardTo(x, 1, codeLayer).subarray(0, codeSize)), codeLayer: network.layers[codeLayer]!.name,
    };
  });
  const decode = vi.fn(async (r: RequestOf<'predict:decode'>): Promise<DecodedImage> =>
    ({ image: Array.from(decodeCodes(network, Float32Array.from(r.code), 1, codeLayer)), shape: [28, 28, 1] }));
  const codes = vi.fn(async (_: RequestOf<'predict:codes'>) => TEST_CODES);
  const predict = vi.fn(async () => { throw new Error('an autoencoder is not asked for classes'); });
  return { predict, 'predict:reconstruct': reconstruct, 'predict:decode': decode, 'predict:codes': codes };
}

function session(spec: NetworkSpec): TrainingSession {
  const s = new TrainingSession();
  s.modelRef = { kind: 'saved', id: 'ae' };
  s.modelLabel = 'Autoencoder';
  s.modelSpec = spec;
  s.modelData = { inputShape: [28, 28, 1], task: null, source: null, bounds: null };
  return s;
}

function drawStroke(name: string): void {
  const pad = screen.getByRole('img', { name });
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 60, clientY: 40, button: 0, pointerType: 'mouse' });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 100, clientY: 120, pointerType: 'mouse' });
  fireEvent.pointerUp(pad, { pointerId: 1, clientX: 100, clientY: 120, pointerType: 'mouse' });
}

describe('DrawPanel for an autoencoder', () => {
  beforeEach(() => {
    i18n.lang = 'en';
    vi.spyOn(CanvasRenderingContext2D.prototype, 'getImageData').mockImplementation((_x, _y, w, h) => {
      const image = new ImageData(w, h);
      for (let y = 40; y < 140; y++) for (let x = 60; x < 160; x++) image.data[(y * w + x) * 4 + 3] = 255;
      return image;
    });
    vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockImplementation(
      () => ({ left: 0, top: 0, width: SIDE, height: SIDE, right: SIDE, bottom: SIDE, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect,
    );
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the drawing\'s reconstruction and its code as labelled bars (10 numbers: no decoder map)', async () => {
    const network = Network.fromSpec(PRESETS.autoencoder, new Rng(1), { numClasses: null });
    const api = engineApi(network, 2);
    render(DrawPanel, { session: session(PRESETS.autoencoder), api });
    expect(screen.getByText('Draw a digit to see how the autoencoder rebuilds it.')).toBeInTheDocument();
    drawStroke('Drawing pad');
    expect(await screen.findByRole('img', { name: /^The reconstruction of your drawing/ })).toBeInTheDocument();
    const request = api['predict:reconstruct'].mock.calls[0]![0];
    expect(request.model).toEqual({ kind: 'saved', id: 'ae' });
    expect(request.pixels).toHaveLength(784);
    const answer = await api['predict:reconstruct'].mock.results[0]!.value as Reconstruction;
    const bars = screen.getByRole('list', { name: 'The code: 10 numbers' });
    const meters = within(bars).getAllByRole('meter');
    expect(meters).toHaveLength(10);
    expect(meters[0]).toHaveAccessibleName('z₁');
    expect(meters[9]).toHaveAccessibleName('z₁₀');
    expect(meters[0]).toHaveAttribute('aria-valuetext', `z₁ = ${i18n.number(answer.code[0]!, 2)}`);
    expect(screen.getByText('Its code (layer “code”)')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /^Decoder map/ })).toBeNull();
    expect(api.predict).not.toHaveBeenCalled();
    expect(api['predict:codes']).not.toHaveBeenCalled();
  });

  it('with a 2-number code, shows the decoder map over the test codes; a click decodes the code under it', async () => {
    const network = Network.fromSpec(PRESETS.autoencoder2d, new Rng(2), { numClasses: null });
    const api = engineApi(network, 2);
    render(DrawPanel, { session: session(PRESETS.autoencoder2d), api });
    const map = await screen.findByRole('group', { name: /^Decoder map: .* with 3 test images/ });
    expect(api['predict:codes']).toHaveBeenCalledWith({ model: { kind: 'saved', id: 'ae' }, limit: 2000 });
    const legend = screen.getByRole('list', { name: 'Test images by true digit' });
    expect(within(legend).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Digit 0', 'Digit 3', 'Digit 7']);
    expect(screen.getByText('Click on the map to choose a code.')).toBeInTheDocument();

    const plane = within(map).getByRole('img');
    await fireEvent.pointerDown(plane, { ...at(0.5, -1), button: 0, pointerType: 'mouse' });
    await fireEvent.pointerUp(window);
    expect(await screen.findByRole('img', { name: 'The image the decoder makes of the code z₁ = 0.50, z₂ = -1.00' })).toBeInTheDocument();
    expect(api['predict:decode']).toHaveBeenLastCalledWith({ code: [0.5, -1], model: { kind: 'saved', id: 'ae' } });
    expect(screen.getByLabelText('z₁')).toHaveValue('0.5');
    expect(screen.getByLabelText('z₂')).toHaveValue('-1');

    // Hovering without the button decodes nothing; a drag decodes where it goes.
    const calls = api['predict:decode'].mock.calls.length;
    await fireEvent.pointerMove(plane, at(1, 1));
    expect(api['predict:decode'].mock.calls.length).toBe(calls);
    await fireEvent.pointerDown(plane, { ...at(-1, 0.25), button: 0, pointerType: 'mouse' });
    await fireEvent.pointerMove(plane, at(-0.5, 1.2));
    await fireEvent.pointerUp(window);
    await vi.waitFor(() => expect(api['predict:decode']).toHaveBeenLastCalledWith(expect.objectContaining({ code: [-0.5, 1.2] })));
    expect(await screen.findByRole('img', { name: /z₁ = -0.50, z₂ = 1.20$/ })).toBeInTheDocument();
  });

  it('speaks French, numbers included, and decodes a code typed in the fields', async () => {
    i18n.lang = 'fr';
    const network = Network.fromSpec(PRESETS.autoencoder2d, new Rng(3), { numClasses: null });
    const api = engineApi(network, 2);
    render(DrawPanel, { session: session(PRESETS.autoencoder2d), api });
    expect(await screen.findByRole('group', { name: /^Carte du décodeur : .* avec 3 images de test/ })).toBeInTheDocument();
    await fireEvent.input(screen.getByLabelText('z₁'), { target: { value: '-0,25' } });
    await fireEvent.input(screen.getByLabelText('z₂'), { target: { value: '0,5' } });
    await vi.waitFor(() => expect(api['predict:decode']).toHaveBeenLastCalledWith(expect.objectContaining({ code: [-0.25, 0.5] })));
    expect(await screen.findByRole('img', { name: 'L’image que le décodeur fait du code z₁ = -0,25, z₂ = 0,50' })).toBeInTheDocument();

    drawStroke('Zone de dessin');
    const bars = await screen.findByRole('list', { name: 'Le code : 2 nombres' });
    const answer = await api['predict:reconstruct'].mock.results[0]!.value as Reconstruction;
    const z1 = i18n.number(answer.code[0]!, 2);
    expect(z1).toContain(',');
    expect(within(bars).getByRole('meter', { name: 'z₁' })).toHaveAttribute('aria-valuetext', `z₁ = ${z1}`);
    expect(screen.getByRole('img', { name: /^La reconstruction de votre dessin/ })).toBeInTheDocument();
  });

  it('a drawing made for a classifier is rebuilt when an autoencoder is opened, and classified again when the classifier comes back', async () => {
    const network = Network.fromSpec(PRESETS.autoencoder2d, new Rng(4), { numClasses: null });
    const api = engineApi(network, 2);
    const classify = vi.fn(async (_: RequestOf<'predict'>) => ({ probs: [0.1, 0.9, 0, 0, 0, 0, 0, 0, 0, 0], predicted: 1, layers: null, milliseconds: 1 }));
    const s = session(PRESETS.mlp);
    s.modelRef = { kind: 'saved', id: 'mlp' };
    render(DrawPanel, { session: s, api: { ...api, predict: classify } });
    drawStroke('Drawing pad');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prediction: 1'));
    expect(api['predict:reconstruct']).not.toHaveBeenCalled();

    s.modelSpec = PRESETS.autoencoder2d;
    s.modelRef = { kind: 'saved', id: 'ae' };
    expect(await screen.findByRole('img', { name: /^The reconstruction of your drawing/ })).toBeInTheDocument();
    // The same drawing, as the classifier got it.
    const drawn = classify.mock.calls[0]![0] as { pixels: number[] };
    expect(drawn.pixels).toHaveLength(784);
    expect(api['predict:reconstruct'].mock.calls[0]![0].pixels).toEqual(drawn.pixels);
    expect(screen.queryByRole('list', { name: 'Probabilities' })).toBeNull();
    expect(classify).toHaveBeenCalledTimes(1);

    s.modelSpec = PRESETS.mlp;
    s.modelRef = { kind: 'saved', id: 'mlp' };
    await vi.waitFor(() => expect(classify).toHaveBeenCalledTimes(2));
    expect(await screen.findByRole('list', { name: 'Probabilities' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /^Decoder map/ })).toBeNull();
  });
});
