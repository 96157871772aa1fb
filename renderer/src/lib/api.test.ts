import { describe, expect, it, vi } from 'vitest';
import type { CodesEvent, HostEvent, TrainEvent } from '../../../electron/ipc/contract';
import { createApi, type ExplainedStep, type ExplainStepRequest, type Transport } from './api';

describe('the facade splits the host’s one event stream', () => {
  it('gives training listeners the training events and code-space listeners the code-space events', () => {
    const listeners = new Set<(e: HostEvent) => void>();
    const emit = (e: HostEvent) => listeners.forEach((l) => l(e));
    const transport: Transport = {
      kind: 'web',
      invoke: vi.fn(),
      onTrainEvent: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      onMenuCommand: () => () => {},
    };
    const api = createApi(() => transport);
    const train: TrainEvent[] = [], codes: CodesEvent[] = [];
    api.onTrainEvent((e) => train.push(e));
    const paused: TrainEvent = { type: 'paused', runId: 'r' };
    const progress: CodesEvent = { type: 'codes:progress', jobId: 'j', phase: 'codes', done: 1, total: 2 };
    emit(paused);
    emit(progress);
    expect(train).toEqual([paused]);
    api.onCodesEvent((e) => codes.push(e));
    emit(progress);
    emit(paused);
    expect(codes).toEqual([progress]);
    expect(train).toEqual([paused, paused]);
  });
});

describe('explain:step through the facade', () => {
  it('sends the request on its channel and hands back the trace, or the host’s message as an ApiError', async () => {
    const invoke = vi.fn<Transport['invoke']>();
    const api = createApi(() => ({ kind: 'web', invoke, onTrainEvent: () => () => {}, onMenuCommand: () => () => {} }));
    const request: ExplainStepRequest = {
      spec: { input_shape: [2], layers: [{ type: 'Dense', units: 1, activation: 'sigmoid' }] }, weights: null, seed: 1,
      dataset: { source: { kind: 'bundled' }, limit: null }, split: 'train', sample: 0, loss: null, learningRate: 0.1,
    };
    const answer = { sample: 0, sampleCount: 1, classNames: null, label: null, trace: {} } as unknown as ExplainedStep;
    invoke.mockResolvedValueOnce({ ok: true, value: answer });
    await expect(api['explain:step'](request)).resolves.toBe(answer);
    expect(invoke).toHaveBeenCalledWith('explain:step', request);
    const detail = { key: 'explain.noTrainSample', params: { sample: 9, dataset: 'xor', count: 4 } };
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-request', message: 'There is no sample 9…', detail } });
    await expect(api['explain:step'](request)).rejects.toMatchObject({ name: 'ApiError', code: 'invalid-request', detail });
  });
});
