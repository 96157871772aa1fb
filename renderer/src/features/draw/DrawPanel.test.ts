import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayerActivation, Prediction, RequestOf } from '../../../../electron/ipc/contract';
import { flushSync } from 'svelte';
import { PRESETS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { NetworkEditor } from '../builder/networkEditor.svelte';
import { TrainingSession } from '../training/trainingSession.svelte';
import DrawPanel from './DrawPanel.svelte';

const seven = (layers: LayerActivation[] | null = null): Prediction => ({
  probs: [0.01, 0.01, 0.02, 0.03, 0.01, 0.01, 0.01, 0.87, 0.02, 0.01],
  predicted: 7,
  layers,
  milliseconds: 3.2,
});

/** The pad's canvas "holds" a 100×100 block of ink, whatever was drawn (jsdom does not paint). */
function inkedCanvas(): void {
  vi.spyOn(CanvasRenderingContext2D.prototype, 'getImageData').mockImplementation((_x, _y, w, h) => {
    const image = new ImageData(w, h);
    for (let y = 40; y < 140; y++) for (let x = 60; x < 160; x++) image.data[(y * w + x) * 4 + 3] = 255;
    return image;
  });
}

function drawStroke(name = 'Drawing pad'): void {
  const pad = screen.getByRole('img', { name });
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 60, clientY: 40, button: 0, pointerType: 'mouse' });
  fireEvent.pointerMove(pad, { pointerId: 1, clientX: 100, clientY: 120, pointerType: 'mouse' });
  fireEvent.pointerUp(pad, { pointerId: 1, clientX: 100, clientY: 120, pointerType: 'mouse' });
}

describe('DrawPanel', () => {
  beforeEach(() => {
    i18n.lang = 'en';
    inkedCanvas();
  });
  afterEach(() => vi.restoreAllMocks());

  it('announces the prediction in a polite live region and fills the probability bars', async () => {
    const session = new TrainingSession();
    session.modelRef = { kind: 'current' };
    session.modelLabel = 'just trained';
    const predict = vi.fn(async (_: RequestOf<'predict'>) => seven());
    render(DrawPanel, { session, api: { predict } });

    drawStroke();
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    await vi.waitFor(() => expect(status).toHaveTextContent('Prediction: 7'));

    const request = predict.mock.calls[0]![0];
    expect(request.model).toEqual({ kind: 'current' });
    expect(request.withActivations).toBe(true);
    expect(request.pixels).toHaveLength(784);
    expect(request.pixels.some((v) => v > 0.9)).toBe(true);

    const bars = screen.getByRole('list', { name: 'Probabilities' });
    const meters = within(bars).getAllByRole('meter');
    expect(meters).toHaveLength(10);
    expect(within(bars).getByRole('meter', { name: 'Digit 7' })).toHaveAttribute('aria-valuenow', '87');
    expect(screen.getByText('Model: just trained')).toBeInTheDocument();
  });

  it('says it in French too', async () => {
    i18n.lang = 'fr';
    const session = new TrainingSession();
    session.modelRef = { kind: 'current' };
    render(DrawPanel, { session, api: { predict: async () => seven() } });
    drawStroke('Zone de dessin');
    await vi.waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Prédiction : 7'));
  });

  it('without a model, says to train or open one and sends nothing', async () => {
    const session = new TrainingSession();
    const predict = vi.fn(async () => seven());
    render(DrawPanel, { session, api: { predict } });
    expect(screen.getByText(/Train a network in the Train tab/)).toBeInTheDocument();
    drawStroke();
    await new Promise((r) => setTimeout(r, 10));
    expect(predict).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('clears the prediction with "Clear", and shows feature maps of a CNN', async () => {
    const session = new TrainingSession();
    session.modelRef = { kind: 'saved', id: 'cnn' };
    const conv: LayerActivation = { name: 'conv2d_1', type: 'Conv2D', shape: [26, 26, 4], values: new Array(26 * 26 * 4).fill(0.5) };
    render(DrawPanel, { session, api: { predict: async () => seven([conv]) } });
    drawStroke();
    await vi.waitFor(() => expect(screen.getByText('conv2d_1 · Conv2D · 26 × 26 × 4')).toBeInTheDocument());

    await fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.queryByText(/conv2d_1/)).toBeNull();
  });

  it('shows the engine’s message when the prediction fails', async () => {
    const session = new TrainingSession();
    session.modelRef = { kind: 'saved', id: 'gone' };
    render(DrawPanel, { session, api: { predict: async () => Promise.reject(new Error('That model is no longer in the library.')) } });
    drawStroke();
    expect(await screen.findByRole('alert')).toHaveTextContent('That model is no longer in the library.');
  });

  it('names the model’s network and says when Build has changed since', async () => {
    const session = new TrainingSession();
    session.modelRef = { kind: 'current' };
    session.modelLabel = 'Just trained';
    session.modelSpec = PRESETS.mlp;
    const editor = new NetworkEditor({ storage: null, initial: PRESETS.mlp });
    render(DrawPanel, { session, editor, api: { predict: vi.fn(async () => seven()) } });
    expect(screen.getByText('Model: Just trained — Flatten → Dense 128 → Dense 10')).toBeInTheDocument();
    expect(screen.queryByText(/has changed since/)).toBeNull();
    editor.applyPreset('cnn');
    flushSync();
    expect(screen.getByText(/The network in Build has changed since: this model is still the one above/)).toBeInTheDocument();
    editor.undo(); // back to the trained network
    flushSync();
    expect(screen.queryByText(/has changed since/)).toBeNull();
  });
});
