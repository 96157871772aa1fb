/**
 * Requests the host must answer without training: validation of hostile or malformed
 * payloads, invalid networks (refused before any worker starts), datasets, app info.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatMessage } from '../../engine';
import { automaticThreadCount } from '../../engine/node';
import { CHANNELS, type DatasetInfo } from '../ipc/contract';
import { CNN, hyperparams, makeTestHost, MLP, writeDataset, type TestHost } from './hostTestKit';

let t: TestHost;
beforeAll(async () => {
  t = await makeTestHost();
});
afterAll(async () => {
  await t.close();
});

const startPayload = (over: Record<string, unknown> = {}) => ({
  spec: MLP, hyperparams: hyperparams(), dataset: { source: { kind: 'bundled' }, limit: 1000 }, ...over,
});

describe('request validation', () => {
  it('refuses unknown channels', async () => {
    expect(await t.err('train:explode', {})).toEqual({
      code: 'invalid-request', message: 'Unknown request "train:explode".', detail: { key: 'general.unknownRequest', params: { request: '"train:explode"' } },
    });
    expect((await t.err('__proto__', {})).code).toBe('invalid-request');
    expect((await t.err('toString', {})).code).toBe('invalid-request');
    const long = await t.err('x'.repeat(100_000), {});
    expect(long.message.length).toBeLessThan(120);
    const r = await t.host.handle('c1', 42 as unknown as string, {});
    expect(r).toEqual({ ok: false, error: { code: 'invalid-request', message: 'Unknown request of type number.', detail: { key: 'general.unknownRequestType', params: { type: 'number' } } } });
  });

  it('refuses payloads of the wrong shape with a message naming the field', async () => {
    const wrongType = await t.err('train:start', startPayload({ hyperparams: { ...hyperparams(), epochs: '3' } }));
    expect(wrongType.code).toBe('invalid-request');
    expect(wrongType.message).toMatch(/^Invalid request to train:start: .*\(at hyperparams\.epochs\)\.$/);

    const extra = await t.err('train:start', { ...startPayload(), admin: true });
    expect(extra.message).toMatch(/admin/);

    const nan = await t.err('train:start', startPayload({ hyperparams: { ...hyperparams(), learningRate: Number.NaN } }));
    expect(nan.message).toMatch(/at hyperparams\.learningRate/);
    const inf = await t.err('train:start', startPayload({ hyperparams: { ...hyperparams(), learningRate: Infinity } }));
    expect(inf.message).toMatch(/at hyperparams\.learningRate/);

    for (const payload of [undefined, null, [], 'x', 7]) {
      const r = await t.host.handle('c1', 'app:info', payload);
      expect(r.ok ? null : r.error.code).toBe('invalid-request');
    }
    expect((await t.err('predict', { pixels: new Array(783).fill(0), model: { kind: 'current' }, withActivations: false })).message).toMatch(/pixels/);
    expect((await t.err('predict', { pixels: new Array(784).fill(2), model: { kind: 'current' }, withActivations: false })).message).toMatch(/pixels/);
    expect((await t.err('models:open', { id: '../../etc' })).message).toMatch(/not a model id/);
    expect((await t.err('models:open', { id: 'A-B' })).code).toBe('invalid-request');
  });

  it('refuses a thread count that is not a whole number from 1 to 64, and starts no worker', async () => {
    for (const threads of [0, 1.5, 65, -1, '2', Number.NaN, Infinity, null]) {
      const e = await t.err('train:start', startPayload({ hyperparams: { ...hyperparams(), threads } }));
      expect(e.code, String(threads)).toBe('invalid-request');
      expect(e.message, String(threads)).toMatch(/\(at hyperparams\.threads\)\.$/);
    }
    expect(t.workers.workers).toHaveLength(0);
  });

  it('refuses a __proto__ key without polluting anything', async () => {
    const payload = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const e = await t.err('app:info', payload);
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(/__proto__/);
    const nested = JSON.parse(JSON.stringify(startPayload()).replace('"epochs":1', '"epochs":1,"__proto__":{"polluted":true}')) as object;
    expect((await t.err('train:start', nested)).code).toBe('invalid-request');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a 10 MB string quickly, without echoing it', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    const asValue = await t.err('models:save', { name: huge, overwrite: false });
    const asKey = await t.err('app:info', { [huge]: 1 });
    const asChannel = await t.err(huge, {});
    expect(performance.now() - t0).toBeLessThan(2000);
    for (const e of [asValue, asKey, asChannel]) {
      expect(e.code).toBe('invalid-request');
      expect(e.message.length).toBeLessThanOrEqual(500);
    }
    expect(asValue.message).toMatch(/at most 80 characters/);
  });

  it('answers app:info', async () => {
    const cores = Math.max(1, os.availableParallelism());
    expect(await t.ok('app:info', {})).toEqual({
      version: '9.9.9-test', platform: process.platform, modelsDir: t.modelsDir, transport: 'web', cores, automaticThreads: automaticThreadCount(cores),
    });
  });

  it('answers every channel of the contract with a Result (never a throw)', async () => {
    for (const channel of CHANNELS) {
      const r = await t.host.handle('c9', channel, { bogus: true });
      expect(r.ok).toBe(false);
    }
  });
});

describe('train:start before any worker', () => {
  it('refuses an invalid network with the engine\'s message naming the layer, and starts no worker', async () => {
    const spec = { input_shape: [28, 28, 1], layers: [{ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10, activation: 'softmax' }] };
    const e = await t.err('train:start', startPayload({ spec }));
    expect(e).toMatchObject({
      code: 'invalid-network',
      message: 'Layer 2 (dense_1): Dense needs a flat vector but receives the image-shaped [26, 26, 4]. Insert a Flatten layer before it.',
      detail: { key: 'spec.atLayer', params: { position: 2, name: 'dense_1', problem: { key: 'spec.needsVector' } } },
    });
    const noOutput = await t.err('train:start', startPayload({ spec: { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 3 }] } }));
    expect(noOutput.code).toBe('invalid-network');
    expect(noOutput.message).toMatch(/10 classes/);
    const unknown = await t.err('train:start', startPayload({ spec: { input_shape: [28, 28, 1], layers: [{ type: 'Transformer' }] } }));
    expect(unknown.message).toMatch(/unknown layer type "Transformer"/);
    expect(t.workers.workers).toHaveLength(0);
  });

  it('refuses a dataset token it never handed out', async () => {
    const e = await t.err('train:start', startPayload({ dataset: { source: { kind: 'folder', token: 'made-up' }, limit: null } }));
    expect(e.code).toBe('not-found');
    expect(t.workers.workers).toHaveLength(0);
  });

  it('has nothing to predict with, save, or show examples of before a run', async () => {
    expect(await t.err('predict', { pixels: new Array(784).fill(0), model: { kind: 'current' }, withActivations: false }))
      .toEqual({ code: 'not-found', message: 'Train a network first, or open one from the library.', detail: { key: 'general.noModel' } });
    expect((await t.err('models:save', { name: 'x', overwrite: false })).code).toBe('not-found');
    expect((await t.err('train:examples', { runId: 'r', label: 1, predicted: 1, limit: 1 })).code).toBe('not-found');
    expect((await t.err('train:pause', { runId: 'r' })).code).toBe('not-found');
    expect((await t.err('predict', { pixels: new Array(784).fill(0), model: { kind: 'saved', id: 'nope' }, withActivations: false })).code).toBe('not-found');
  });
});

describe('datasets', () => {
  it('describes the bundled MNIST, with and without a limit', async () => {
    expect(await t.ok('datasets:describe', { source: { kind: 'bundled' }, limit: null }))
      .toEqual({
        token: null, name: 'MNIST', trainCount: 60_000, testCount: 10_000, rows: 28, cols: 28, inputShape: [28, 28, 1],
        classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      });
    expect(await t.ok('datasets:describe', { source: { kind: 'bundled' }, limit: 1000 }))
      .toMatchObject({ trainCount: 1000, testCount: 1000 });
  });

  it('registers a picked folder under a token and describes it', async () => {
    const folder = await writeDataset(path.join(t.dir, 'digits'), 300, 50);
    t.dialogs.folder = folder;
    const info = await t.ok<DatasetInfo>('datasets:pick', {});
    expect(info).toMatchObject({ name: 'digits', trainCount: 300, testCount: 50, rows: 28, cols: 28 });
    expect(info.token).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(info)).not.toContain(t.dir);
    expect(await t.ok('datasets:describe', { source: { kind: 'folder', token: info.token }, limit: 100 })).toEqual({ ...info, trainCount: 100 });

    // Its size is known now: impossible settings are refused before a worker starts.
    const e = await t.err('train:start', {
      spec: CNN, hyperparams: hyperparams({ batchSize: 290, validationSize: 30 }), dataset: { source: { kind: 'folder', token: info.token }, limit: null },
    });
    expect(e).toMatchObject({ code: 'invalid-request' });
    expect(e.message).toMatch(/^Batch size 290 is larger than the 270 training images/);
    // The same problem, worded for a French UI from the detail.
    expect(formatMessage(e.detail!, 'fr')).toMatch(/^la taille de lot 290 dépasse les 270 images d’entraînement/);
  });

  it('passes a cancelled dialog on as null', async () => {
    t.dialogs.folder = null;
    expect(await t.ok('datasets:pick', {})).toBeNull();
  });

  it('reports missing or corrupt files as bad-file with the reader\'s message', async () => {
    const empty = path.join(t.dir, 'empty');
    await mkdir(empty);
    t.dialogs.folder = empty;
    const missing = await t.err('datasets:pick', {});
    expect(missing.code).toBe('bad-file');
    expect(missing.message).toMatch(/has no training images, training labels, test images or test labels/);

    const corrupt = await writeDataset(path.join(t.dir, 'corrupt'), 20, 10);
    await writeFile(path.join(corrupt, 'train-labels-idx1-ubyte'), Buffer.from([0, 0, 8, 1, 0, 0, 0, 20, 1, 2]));
    t.dialogs.folder = corrupt;
    const bad = await t.err('datasets:pick', {});
    expect(bad.code).toBe('bad-file');
    expect(bad.message).toMatch(/train-labels/);
  });
});

describe('unexpected errors', () => {
  it('become internal errors with a generic message, logged but never sent with a stack', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dialogs = t.dialogs;
    const original = dialogs.pickFolder;
    dialogs.pickFolder = async () => {
      throw new TypeError('secret internal detail at /home/x/file.ts:12');
    };
    try {
      const e = await t.err('datasets:pick', {});
      expect(e.code).toBe('internal');
      expect(e.message).not.toMatch(/secret|file\.ts/);
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      dialogs.pickFolder = original;
      errors.mockRestore();
    }
  });
});
