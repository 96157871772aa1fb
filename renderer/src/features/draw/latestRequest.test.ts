import { describe, expect, it } from 'vitest';
import { formatMessage, msg } from '$engine';
import { ApiError } from '../../lib/api';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { LatestRequest } from './latestRequest.svelte';

/** Requests the test answers one by one: a drag over the decoder map, as the engine would pace it. */
function controllable() {
  const calls: { input: number; resolve: (o: string) => void; reject: (e: unknown) => void }[] = [];
  let model = true;
  const request = new LatestRequest<number, string>((input) =>
    model ? new Promise<string>((resolve, reject) => calls.push({ input, resolve, reject })) : null);
  return { request, calls, noModel: () => (model = false) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LatestRequest', () => {
  it('keeps one request in flight while dragging; the inputs meanwhile collapse into the latest, which is sent next', async () => {
    const { request, calls } = controllable();
    for (let i = 1; i <= 20; i++) request.submit(i);
    expect(calls.map((c) => c.input)).toEqual([1]);
    expect(request.busy).toBe(true);
    // The answer for 1 comes back after 20 was asked for: it is stale, and 20 goes out.
    calls[0]!.resolve('one');
    await flush();
    expect(request.answer).toBeNull();
    expect(calls.map((c) => c.input)).toEqual([1, 20]);
    calls[1]!.resolve('twenty');
    await flush();
    expect(request.answer).toBe('twenty');
    expect(request.answeredFor).toBe(20);
    expect(request.busy).toBe(false);
    expect(request.sent).toBe(2);
  });

  it('drops what is in flight when cleared, asks again on refresh, and asks nothing without a model', async () => {
    const { request, calls, noModel } = controllable();
    request.submit(1);
    request.clear();
    calls[0]!.resolve('late');
    await flush();
    expect(request.answer).toBeNull();
    request.refresh();
    expect(calls).toHaveLength(1);

    request.submit(2);
    calls[1]!.resolve('two');
    await flush();
    request.refresh();
    expect(calls.map((c) => c.input)).toEqual([1, 2, 2]);
    calls[2]!.resolve('two again');
    await flush();
    expect(request.answer).toBe('two again');

    noModel();
    request.submit(3);
    expect(calls).toHaveLength(3);
    expect(request.answer).toBeNull();
  });

  it('says why a request failed in the UI language, and forgets it once one succeeds', async () => {
    const { request, calls } = controllable();
    request.submit(1);
    const detail = msg('general.codeSize', { size: 2, given: 3 });
    calls[0]!.reject(new ApiError('invalid-request', formatMessage(detail), detail));
    await flush();
    i18n.lang = 'fr';
    expect(request.error).toBe('Le code de ce modèle a 2 nombres, et non 3.');
    i18n.lang = 'en';
    expect(request.error).toBe('The code of this model has 2 numbers, not 3.');
    request.submit(2);
    calls[1]!.resolve('ok');
    await flush();
    expect(request.error).toBeNull();
    expect(request.answer).toBe('ok');
  });
});
