/**
 * What `npm run bench` reports (engine/bench/bench.ts measures it): one workload's figures,
 * and the tables and lines the human-readable output prints.
 */
import os from 'node:os';
import type { WorkloadName } from '../model/presets';
import { group, percent } from '../cli/format';
import type { PassProfile } from './passProfile';
import type { PeerResult } from './peers';

/** The epoch every figure refers to: all of MNIST's training images. */
export const EPOCH_SAMPLES = 60_000;

export interface BenchResult {
  workload: WorkloadName;
  /** Seconds for one epoch of 60,000 images (extrapolated when fewer were trained). */
  epochSeconds: number;
  samplesPerSecond: number;
  /** Classifiers' figure; an autoencoder has `testMse` instead. */
  testAccuracy?: number;
  /** The autoencoder's: mean squared error of its images against the clean test images. */
  testMse?: number;
  /** The autoencoder's code space, timed (engine/codes): PCA, t-SNE and k-means of its test codes. */
  codes?: CodeSpaceTimings;
  peakRssMiB: number;
  gflops: number;
  /** The kernels that ran ('wasm-simd' or 'js') and on how many threads. */
  kernels: string;
  threads: number;
  extrapolated?: true;
  /** With --inside: how many times the statistics were measured during the epoch, and the seconds that took in all. */
  insideMeasurements?: number;
  insideSeconds?: number;
  /** With --profile: the epoch per pass and per kernel (its own timers slow it a little). */
  profile?: PassProfile;
}

export interface CodeSpaceTimings {
  pcaCount: number;
  pcaSeconds: number;
  tsneCount: number;
  tsneIterations: number;
  tsneSeconds: number;
  kmeansCount: number;
  kmeansRestarts: number;
  kmeansSeconds: number;
  /** k-means (k = 10) purity of the codes against the digits' labels. */
  purity: number;
  /** The process's peak RSS once the code space is computed too (the workload's own, peakRssMiB, is the training's). */
  peakRssMiB: number;
}

export const COLUMNS = [
  ['workload', 12], ['s/epoch', 9], ['samples/s', 11], ['GFLOP/s', 9], ['test acc', 12], ['peak RSS', 10],
] as const;

export function tableRow(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i]![1]) : c.padStart(COLUMNS[i]![1]))).join('');
}

export function formatResult(r: BenchResult): string {
  const mark = r.extrapolated ? '*' : '';
  return tableRow([
    r.workload, `${r.epochSeconds.toFixed(2)}${mark}`, group(r.samplesPerSecond), r.gflops.toFixed(2),
    r.testMse !== undefined ? `MSE ${r.testMse.toFixed(4)}` : percent(r.testAccuracy ?? NaN), `${group(r.peakRssMiB)} MiB`,
  ]);
}

export function formatCodeSpace(c: CodeSpaceTimings): string {
  return `autoencoder codes: PCA of ${group(c.pcaCount)} in ${c.pcaSeconds.toFixed(2)} s; t-SNE of ${group(c.tsneCount)} (${group(c.tsneIterations)} iterations) `
    + `in ${c.tsneSeconds.toFixed(1)} s; k-means of ${group(c.kmeansCount)} (k = 10, ${c.kmeansRestarts} restarts) in ${c.kmeansSeconds.toFixed(1)} s, purity ${c.purity.toFixed(3)}; `
    + `peak RSS with the code space ${group(c.peakRssMiB)} MiB`;
}

/** Where one workload's epoch went: passes, then kernels, in ms and as shares of the epoch. */
export function formatProfile(r: BenchResult): string {
  const p = r.profile!;
  const total = p.loopMs;
  const line = (x: { what: string; calls: number; ms: number }) =>
    `  ${x.what.padEnd(40)}${group(x.calls).padStart(8)}${x.ms.toFixed(1).padStart(10)} ms${percent(x.ms / total).padStart(8)}`;
  const inPasses = p.passes.reduce((s, x) => s + x.ms, 0);
  return [`\n${r.workload}: per pass (the profiled loop: ${(total / 1000).toFixed(2)} s)`, ...p.passes.map(line),
    line({ what: 'everything else in the loop', calls: 0, ms: Math.max(0, total - inPasses) }),
    `${r.workload}: per kernel`, ...p.kernels.slice(0, 20).map(line)].join('\n');
}

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'} · ${cpus.length} cores · Node ${process.version} · `
    + `${process.platform}-${process.arch} · ${new Date().toISOString().slice(0, 10)}`;
}

export const PEER_COLUMNS = [['peer', 11], ['workload', 10], ['s/epoch', 10], ['samples/s', 11], ['test acc', 10], ['Layerwise ×', 13]] as const;

export function peerRow(cells: readonly string[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(PEER_COLUMNS[i]![1]) : c.padStart(PEER_COLUMNS[i]![1]))).join('');
}

export function formatPeer(r: PeerResult, ours: BenchResult | undefined): string {
  if (r.error) return peerRow([r.peer, r.workload, 'n/a', '', '', '']) + `   cannot train: ${r.error}`;
  const mark = r.trained < EPOCH_SAMPLES ? '*' : '';
  const ratio = ours ? `${(ours.samplesPerSecond / r.samplesPerSecond).toFixed(1)}×` : '';
  return peerRow([r.peer, r.workload, `${r.epochSeconds.toFixed(1)}${mark}`, group(r.samplesPerSecond), percent(r.testAccuracy), ratio]);
}
