/**
 * PyTorch + OpenBLAS side by side (`npm run bench -- --pytorch`, and `--peers`): one round
 * of the reference harness (shared/peers/run.sh: `RUNS=1 LIBS=pytorch-openblas`, which
 * installs what it needs: Debian's python3-torch, OpenBLAS unpacked in its own folder),
 * read from the JSON lines it writes, so that the bench can alternate PyTorch's round with
 * its own and take every ratio from one round.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkloadName } from '../model/presets';

export interface PytorchResult {
  workload: WorkloadName;
  samplesPerSecond: number;
  epochSeconds: number;
  testAccuracy: number | null;
  testMse: number | null;
  peakRssMiB: number;
  /** 'torch 1.13…, blas=OpenBLAS …' as the harness reports it. */
  version: string;
  error?: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The harness's folder: `LAYERWISE_PEERS_DIR`, else `../shared/peers` beside the
 * repository (where this project keeps it); null when there is no run.sh there.
 */
export function pytorchHarness(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env.LAYERWISE_PEERS_DIR ? (isAbsolute(env.LAYERWISE_PEERS_DIR) ? env.LAYERWISE_PEERS_DIR : resolve(env.LAYERWISE_PEERS_DIR)) : join(ROOT, '..', 'shared', 'peers');
  return existsSync(join(dir, 'run.sh')) ? dir : null;
}

/** Parses the harness's results.jsonl lines (one per workload) into our figures. */
export function parseHarnessResults(text: string): PytorchResult[] {
  const out: PytorchResult[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    const workload = r.workload as WorkloadName;
    if (typeof r.error === 'string') {
      out.push({ workload, samplesPerSecond: NaN, epochSeconds: NaN, testAccuracy: null, testMse: null, peakRssMiB: NaN, version: '', error: r.error });
      continue;
    }
    out.push({
      workload, samplesPerSecond: Number(r.samples_per_s), epochSeconds: Number(r.epoch_s_full),
      testAccuracy: typeof r.test_acc === 'number' ? r.test_acc : null, testMse: typeof r.test_mse === 'number' ? r.test_mse : null,
      peakRssMiB: Number(r.peak_rss_mib), version: String(r.version ?? ''),
    });
  }
  return out;
}

/** Runs one round of PyTorch + OpenBLAS (2 threads) on `workloads` through the harness. */
export function runPytorchRound(dir: string, workloads: readonly WorkloadName[]): Promise<PytorchResult[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', [join(dir, 'run.sh')], {
      cwd: dir, stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, RUNS: '1', LIBS: 'pytorch-openblas', WORKLOADS: workloads.join(' ') },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const path = /# raw results: (\S+)/.exec(stderr)?.[1];
      if (code !== 0 || !path) {
        reject(new Error(`the PyTorch harness failed (exit code ${code}): ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
        return;
      }
      resolvePromise(parseHarnessResults(readFileSync(path, 'utf8')));
    });
  });
}
