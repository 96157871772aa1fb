import { describe, expect, it } from 'vitest';
import type { ModelRef, Prediction, RequestOf } from '../../../../electron/ipc/contract';
import { formatMessage, msg } from '$engine';
import { ApiError } from '../../lib/api';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { Predictor, type PredictApi } from './predictor.svelte';

/** A fake `predict` whose answers the test releases one by one. */
function controllableApi() {
  const calls: { request: RequestOf<'predict'>; resolve: (p: Prediction) => void; reject: (e: unknown) => void }[] = [];
  const api: PredictApi = {
    predict: (request) =>
      new Promise<Prediction>((resolve, reject) => {
        calls.push({ request, resolve, reject });
      }),
  };
  return { api, calls };
}

const answer = (predicted: number): Prediction => ({
  probs: Array.from({ length: 10 }, (_, i) => (i === predicted ? 0.91 : 0.01)),
  predicted,
  layers: null,
  milliseconds: 2,
});

/** An input whose first pixel tells which one it is. */
const input = (tag: number) => {
  const px = new Float32Array(784);
  px[0] = tag / 10;
  return px;
};

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('Predictor', () => {
  const current: ModelRef = { kind: 'current' };

  it('coalesces rapid inputs: 5 inputs → 2 requests, the last input wins', async () => {
    const { api, calls } = controllableApi();
    const p = new Predictor(api, () => current);
    for (let i = 1; i <= 5; i++) p.submit(input(i));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.pixels[0]).toBeCloseTo(0.1);
    expect(calls[0]!.request.withActivations).toBe(true);
    expect(calls[0]!.request.model).toEqual(current);

    calls[0]!.resolve(answer(1));
    await flush();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.request.pixels[0]).toBeCloseTo(0.5);
    // The stale answer for input 1 was not shown.
    expect(p.prediction).toBeNull();
    expect(p.busy).toBe(true);

    calls[1]!.resolve(answer(5));
    await flush();
    expect(calls).toHaveLength(2);
    expect(p.prediction?.predicted).toBe(5);
    expect(p.busy).toBe(false);
  });

  it('sends plain numbers, 784 of them, within [0, 1]', async () => {
    const { api, calls } = controllableApi();
    const p = new Predictor(api, () => current);
    const px = new Float32Array(784).fill(0.5);
    px[3] = 1.0000001;
    p.submit(px);
    const sent = calls[0]!.request.pixels;
    expect(Array.isArray(sent)).toBe(true);
    expect(sent).toHaveLength(784);
    expect(Math.max(...sent)).toBeLessThanOrEqual(1);
  });

  it('sends the numbers of a point or a row as they are, without clamping them to grey levels', () => {
    const { api, calls } = controllableApi();
    const p = new Predictor(api, () => current, { input: 'values', withActivations: false });
    p.submit(Float32Array.from([-1.5, 2.25]));
    expect(calls[0]!.request).toEqual({ values: [-1.5, 2.25], model: current, withActivations: false });
  });

  it('drops an answer that comes back after the pad was cleared', async () => {
    const { api, calls } = controllableApi();
    const p = new Predictor(api, () => current);
    p.submit(input(1));
    p.clear();
    calls[0]!.resolve(answer(1));
    await flush();
    expect(p.prediction).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('sends nothing without a model, and predicts again when one arrives', async () => {
    const { api, calls } = controllableApi();
    let model: ModelRef | null = null;
    const p = new Predictor(api, () => model);
    p.submit(input(3));
    expect(calls).toHaveLength(0);
    model = { kind: 'saved', id: 'my-model' };
    p.refresh();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.model).toEqual({ kind: 'saved', id: 'my-model' });
    calls[0]!.resolve(answer(3));
    await flush();
    expect(p.prediction?.predicted).toBe(3);
  });

  it('shows the engine’s message when a prediction fails, and clears it on success', async () => {
    const { api, calls } = controllableApi();
    const p = new Predictor(api, () => current);
    p.submit(input(1));
    calls[0]!.reject(new ApiError('not-found', 'That model is no longer in the library.'));
    await flush();
    expect(p.error).toBe('That model is no longer in the library.');
    p.submit(input(2));
    calls[1]!.resolve(answer(2));
    await flush();
    expect(p.error).toBeNull();
    expect(p.prediction?.predicted).toBe(2);
  });

  it('words a host message in the UI\'s language, and again after the language changes', async () => {
    const { api, calls } = controllableApi();
    const p = new Predictor(api, () => current);
    p.submit(input(1));
    const detail = msg('general.predictImageSize', { shape: '32×32×1', drawing: '28×28' });
    calls[0]!.reject(new ApiError('invalid-request', formatMessage(detail), detail));
    await flush();
    try {
      i18n.setLang('fr');
      expect(p.error).toBe('Ce modèle attend des images 32×32×1 : il ne peut donc pas lire un dessin de 28×28.');
      i18n.setLang('en');
      expect(p.error).toBe('This model expects 32×32×1 images, so it cannot read a 28×28 drawing.');
    } finally {
      i18n.setLang('en');
    }
  });
});
