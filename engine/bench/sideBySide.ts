/**
 * The side-by-side table of `npm run bench -- --pytorch`: for every round and workload,
 * PyTorch + OpenBLAS's samples per second and ours, the ratio of that one round, the test
 * figure (accuracy, or the autoencoder's MSE) and peak RSS of both; then each workload's
 * median ratio over the rounds.
 */
import type { PytorchResult } from './pytorchPeer';
import { group, percent } from '../cli/format';

interface Ours {
  workload: string;
  samplesPerSecond: number;
  testAccuracy?: number;
  testMse?: number;
  peakRssMiB: number;
  kernels: string;
  threads: number;
}

const test = (acc: number | null | undefined, mse: number | null | undefined) =>
  mse !== null && mse !== undefined ? `MSE ${mse.toFixed(4)}` : acc !== null && acc !== undefined ? percent(acc) : '–';

export function formatSideBySide(rows: readonly { round: number; torch: PytorchResult; ours: Ours }[]): string {
  const head = ['round', 'workload', 'PyTorch/s', 'Layerwise/s', 'ratio', 'PyTorch test', 'Layerwise test', 'RSS MiB (PyTorch · ours)'];
  const widths = [6, 12, 11, 13, 8, 14, 16, 26];
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('');
  const out = ['', `Side by side with ${rows[0]?.torch.version || 'PyTorch + OpenBLAS'} (2 threads); ours: ${rows[0]?.ours.kernels}, ${rows[0]?.ours.threads} threads.`, '', line(head)];
  const ratios = new Map<string, number[]>();
  for (const { round, torch, ours } of rows) {
    if (torch.error) {
      out.push(line([String(round), ours.workload, 'failed', group(ours.samplesPerSecond), '', '', '', '']) + `  ${torch.error}`);
      continue;
    }
    const ratio = ours.samplesPerSecond / torch.samplesPerSecond;
    ratios.set(ours.workload, [...(ratios.get(ours.workload) ?? []), ratio]);
    out.push(line([
      String(round), ours.workload, group(Math.round(torch.samplesPerSecond)), group(Math.round(ours.samplesPerSecond)), `${ratio.toFixed(2)}×`,
      test(torch.testAccuracy, torch.testMse), test(ours.testAccuracy, ours.testMse), `${Math.round(torch.peakRssMiB)} · ${Math.round(ours.peakRssMiB)}`,
    ]));
  }
  out.push('');
  for (const [workload, rs] of ratios) {
    const sorted = [...rs].sort((a, b) => a - b);
    out.push(`${workload.padEnd(12)} ratio per round ${rs.map((r) => `${r.toFixed(2)}×`).join(' · ')}; median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}×`);
  }
  return out.join('\n');
}
