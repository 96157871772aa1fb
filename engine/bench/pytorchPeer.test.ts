/**
 * Reading the reference harness's results (shared/peers/run.sh writes one JSON line per
 * library and workload) and laying out the side-by-side table. The harness itself runs
 * PyTorch for minutes and lives outside the repository; `npm run bench -- --pytorch` runs it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHarnessResults, pytorchHarness } from './pytorchPeer';
import { formatSideBySide } from './sideBySide';

// Lines as run.sh wrote them on 2026-12-07 (the autoencoder's has test_mse, the others test_acc; a failure has error).
const LINES = [
  '{"lib":"pytorch-openblas","version":"torch 1.13.0a0, blas=OpenBLAS libopenblasp-r0.3.21.so","workload":"mlp","threads":2,"trained":60000,"epoch_s":0.5231,"epoch_s_full":0.5231,"extrapolated":false,"test_acc":0.9322,"test_mse":null,"samples_per_s":114699.155,"gflops":69.94,"run":1,"proc_wall_s":2.02,"peak_rss_mib":453.04,"load_before":1.11}',
  '{"lib":"pytorch-openblas","version":"torch 1.13.0a0, blas=OpenBLAS libopenblasp-r0.3.21.so","workload":"autoencoder","threads":2,"trained":60000,"epoch_s":1.7465,"epoch_s_full":1.7465,"extrapolated":false,"test_acc":null,"test_mse":0.0341,"samples_per_s":34355.2,"gflops":32.73,"run":1,"proc_wall_s":2.9,"peak_rss_mib":472.1,"load_before":1.17}',
  '{"lib":"pytorch-openblas","workload":"cnn","run":1,"error":"ModuleNotFoundError: No module named \'torch\'","proc_wall_s":0.1}',
].join('\n');

describe('PyTorch side by side', () => {
  it('reads the harness lines: samples/s, the test figure of each task, peak RSS, failures', () => {
    const [mlp, ae, cnn] = parseHarnessResults(`${LINES}\n`);
    expect(mlp).toMatchObject({ workload: 'mlp', samplesPerSecond: 114699.155, epochSeconds: 0.5231, testAccuracy: 0.9322, testMse: null, peakRssMiB: 453.04 });
    expect(mlp!.version).toContain('OpenBLAS');
    expect(ae).toMatchObject({ workload: 'autoencoder', testAccuracy: null, testMse: 0.0341 });
    expect(cnn!.error).toContain('torch');
    expect(cnn!.samplesPerSecond).toBeNaN();
  });

  it('prints one row per round with that round\'s ratio, and the median of the rounds', () => {
    const [mlp] = parseHarnessResults(LINES);
    const ours = (sps: number) => ({ workload: 'mlp', samplesPerSecond: sps, testAccuracy: 0.9346, peakRssMiB: 168, kernels: 'wasm-simd', threads: 2 });
    const text = formatSideBySide([
      { round: 1, torch: mlp!, ours: ours(126_169) },
      { round: 2, torch: { ...mlp!, samplesPerSecond: 100_000 }, ours: ours(150_000) },
      { round: 3, torch: mlp!, ours: ours(114_699.155) },
    ]);
    expect(text).toContain('1.10×');
    expect(text).toContain('1.50×');
    expect(text).toMatch(/ratio per round 1\.10× · 1\.50× · 1\.00×; median 1\.10×/);
    expect(text).toContain('453 · 168');
    expect(text).toContain('93.22 %');
  });

  it('finds the harness where LAYERWISE_PEERS_DIR says, and nowhere without run.sh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peers-'));
    expect(pytorchHarness({ LAYERWISE_PEERS_DIR: dir })).toBeNull();
    writeFileSync(join(dir, 'run.sh'), '#!/bin/bash\n');
    expect(pytorchHarness({ LAYERWISE_PEERS_DIR: dir })).toBe(dir);
  });
});
