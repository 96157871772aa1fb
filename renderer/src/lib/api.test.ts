import { describe, expect, it, vi } from 'vitest';
import type { CodesEvent, HostEvent, TrainEvent } from '../../../electron/ipc/contract';
import { createApi, type Transport } from './api';

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
