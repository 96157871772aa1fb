/**
 * `layerwise train` refuses a network too big for the machine's memory before training
 * starts, in one line with the figure and what to shrink.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerwise-cli-memory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('refuses a network too big for memory before training, saying what to shrink', { timeout: 60_000 }, async () => {
  const arch = join(dir, 'huge.json');
  await writeFile(arch, JSON.stringify({
    input_shape: [28, 28, 1],
    layers: [
      { type: 'Conv2D', filters: 4096, kernel_size: 3, activation: 'relu' },
      { type: 'Conv2D', filters: 500, kernel_size: 3, activation: 'relu', name: 'big_conv' },
      { type: 'MaxPooling2D', pool_size: 2 }, { type: 'Flatten' }, { type: 'Dense', units: 10 },
    ],
  }));
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'layerwise.mjs'), 'train', '--arch', arch, '--batch-size', '256', '--limit', '1000', '--out', join(dir, 'out')],
      { cwd: ROOT, env: { ...process.env, LAYERWISE_DEBUG: '' } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
  expect(r.code).not.toBe(0);
  expect(r.stdout).not.toMatch(/^Training /m);
  expect(r.stderr.trim()).toMatch(/^layerwise: Training this network with a batch size of 256 needs about [\d.]+ GB of memory.*The biggest part is big_conv.*Lower the batch size/);
});
