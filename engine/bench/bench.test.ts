/**
 * The benchmark script end to end on a short run: it forks a child per workload and
 * prints one JSON line each. Only the shape and sanity of the figures are checked; how
 * fast the machine is is not something a test can know.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function bench(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'engine', 'bench', 'bench.ts'), ...args], { cwd: ROOT },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
  });
}

describe('bench', () => {
  it('--workload mlp --limit 640 --json --threads 2 prints one sane JSON line', async () => {
    const r = await bench('--workload', 'mlp', '--limit', '640', '--json', '--threads', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(
      ['epochSeconds', 'extrapolated', 'gflops', 'kernels', 'peakRssMiB', 'samplesPerSecond', 'testAccuracy', 'threads', 'workload'],
    );
    expect(result.workload).toBe('mlp');
    expect(['wasm-simd', 'js']).toContain(result.kernels);
    expect(result.threads).toBe(2);
    expect(result.extrapolated).toBe(true);
    for (const key of ['epochSeconds', 'samplesPerSecond', 'gflops', 'peakRssMiB'] as const) {
      expect(result[key], key).toBeTypeOf('number');
      expect(Number.isFinite(result[key]) && (result[key] as number) > 0, key).toBe(true);
    }
    // Held in memory at least: MNIST's 47 MB of training pixels.
    expect(result.peakRssMiB as number).toBeGreaterThan(45);
    const acc = result.testAccuracy as number;
    expect(acc).toBeGreaterThanOrEqual(0);
    expect(acc).toBeLessThanOrEqual(1);
    // Consistent with each other: 60,000 images at the measured rate, and FLOPs per sample of the workload.
    expect(result.epochSeconds as number).toBeCloseTo(60000 / (result.samplesPerSecond as number), 0);
    expect(result.gflops as number).toBeCloseTo((609_792 * (result.samplesPerSecond as number)) / 1e9, 2);
  });

  it('--profile times every pass and kernel without changing what trains (the same test figure)', async () => {
    const [plain, profiled] = await Promise.all([
      bench('--workload', 'mlp', '--limit', '1280', '--json', '--threads', '1'),
      bench('--workload', 'mlp', '--limit', '1280', '--json', '--threads', '1', '--profile'),
    ]);
    const a = JSON.parse(plain.stdout.trim()) as Record<string, unknown>, b = JSON.parse(profiled.stdout.trim()) as Record<string, unknown>;
    expect(b.testAccuracy).toBe(a.testAccuracy);
    const profile = b.profile as { passes: { what: string; calls: number }[]; kernels: { what: string; calls: number }[]; loopMs: number };
    // 1,280 images in batches of 64: 20 passes of each op, 20 products of each shape.
    expect(profile.passes.find((p) => p.what === '1 dense_1/Dense backward')?.calls).toBe(20);
    expect(profile.kernels.find((k) => k.what === 'gemm 64×784×128')?.calls).toBe(20);
    expect(profile.loopMs).toBeGreaterThan(0);
  });

  it('--inside measures the inside-the-network statistics during the timed epoch', async () => {
    const r = await bench('--workload', 'mlp', '--limit', '640', '--json', '--threads', '1', '--inside');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    // At least the first batch is always measured; the rest depends on how fast the machine is.
    expect(result.insideMeasurements).toBeGreaterThanOrEqual(1);
    expect(result.workload).toBe('mlp');
  });

  it('--workload playground --json prints one sane JSON line for the 2-D playground', async () => {
    const r = await bench('--workload', 'playground', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['boundaryMs', 'stepsPerSecond', 'testAccuracy', 'warmStepsPerSecond', 'who', 'workload']);
    expect(result).toMatchObject({ workload: 'playground', who: 'layerwise' });
    expect(Object.keys(result.warmStepsPerSecond as object)).toEqual(['1', '4', '10', '16']);
    for (const v of Object.values(result.warmStepsPerSecond as object)) expect(v).toBeGreaterThan(0);
    for (const key of ['stepsPerSecond', 'boundaryMs'] as const) {
      expect(Number.isFinite(result[key]) && (result[key] as number) > 0, key).toBe(true);
    }
    // Circles are learnable by a 2-8-8-2 tanh network in 20 epochs: far above chance (0.5).
    expect(result.testAccuracy as number).toBeGreaterThan(0.9);
    expect(result.testAccuracy as number).toBeLessThanOrEqual(1);
  });

  it('--workload autoencoder --limit 320 --json: samples/s, test MSE and the code space\'s timings', async () => {
    const r = await bench('--workload', 'autoencoder', '--limit', '320', '--json', '--threads', '1');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.trim()) as Record<string, unknown>;
    expect(result).toMatchObject({ workload: 'autoencoder', extrapolated: true, threads: 1 });
    expect(result.testAccuracy).toBeUndefined();
    // After 5 batches the images are still blurry, but an MSE is between 0 and 1.
    expect(result.testMse as number).toBeGreaterThan(0);
    expect(result.testMse as number).toBeLessThan(0.5);
    expect(result.gflops as number).toBeCloseTo((952_800 * (result.samplesPerSecond as number)) / 1e9, 2);
    const codes = result.codes as Record<string, number>;
    expect(codes).toMatchObject({ pcaCount: 320, tsneCount: 320, tsneIterations: 1000, kmeansCount: 320, kmeansRestarts: 10 });
    for (const key of ['pcaSeconds', 'tsneSeconds', 'kmeansSeconds'] as const) expect(codes[key], key).toBeGreaterThan(0);
    expect(codes.purity).toBeGreaterThan(0.1);
    expect(codes.purity).toBeLessThanOrEqual(1);
    // The training's peak first; the code space's can only add to it.
    expect(codes.peakRssMiB).toBeGreaterThanOrEqual(result.peakRssMiB as number);
  }, 120_000);

  it('rejects an unknown workload in one line', async () => {
    const r = await bench('--workload', 'lstm');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('bench: --workload must be one of mlp, cnn, mlp-wide, autoencoder, playground (got "lstm") (see "npm run bench -- --help")');
  });
});
