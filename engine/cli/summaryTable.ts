/**
 * The Keras `model.summary()` table for a network analysis, as plain text. Pure (no I/O)
 * so the CLI, tests and anything else that wants the text version of the app's summary
 * panel can share it. Layout follows Keras 2's ASCII summary, which students meet in
 * every tutorial; parameter counts get thousands separators because 100480 is hard to
 * read at a glance.
 */
import type { LayerInfo, NetworkAnalysis } from '../model/analyze';
import type { SpecIssue } from '../model/specError';
import { group, memorySize } from './format';

/** What the table needs: the analysis fields, so a hand-made row list works too. */
export type SummaryInput = Pick<NetworkAnalysis, 'inputShape' | 'layers' | 'totalParams'> & Partial<Pick<NetworkAnalysis, 'trainableParams'>>;

export interface SummaryTableOptions {
  /** Shown as `Model: "<title>"` above the table. */
  title?: string;
}

/** Per-sample shape with Keras' batch placeholder: `(None, 24, 24, 8)`; `?` when unknown. */
export function formatShape(shape: readonly number[] | null): string {
  return shape ? `(None, ${shape.join(', ')})` : '?';
}

/** Bytes of a float32 weight. */
const BYTES_PER_PARAM = 4;

export function formatSummaryTable(analysis: SummaryInput, opts: SummaryTableOptions = {}): string {
  const rows: [string, string, string][] = [
    // Keras' Sequential omits the input row, but seeing where (None, 28, 28, 1) enters
    // is what makes the shape column readable for a beginner.
    ['input (InputLayer)', formatShape(analysis.inputShape), '0'],
    ...analysis.layers.map((l: LayerInfo): [string, string, string] =>
      [`${l.name} (${l.type})`, formatShape(l.outputShape), group(l.params)]),
  ];
  const head: [string, string, string] = ['Layer (type)', 'Output Shape', 'Param #'];
  const w0 = Math.max(28, ...rows.map((r) => r[0].length + 2));
  const w1 = Math.max(24, ...rows.map((r) => r[1].length + 2));
  const w2 = Math.max(head[2].length, ...rows.map((r) => r[2].length));
  const line = (r: readonly [string, string, string]) => ` ${r[0].padEnd(w0)}${r[1].padEnd(w1)}${r[2].padStart(w2)}`;
  const width = 1 + w0 + w1 + w2;
  const total = analysis.totalParams;
  const out: string[] = [];
  if (opts.title !== undefined) out.push(`Model: "${opts.title}"`);
  out.push('_'.repeat(width));
  // The header's "Param #" is right-aligned over the numbers, as Keras 3 does.
  out.push(line(head));
  out.push('='.repeat(width));
  rows.forEach((r, i) => {
    if (i > 0) out.push('');
    out.push(line(r));
  });
  out.push('='.repeat(width));
  out.push(`Total params: ${group(total)} (${memorySize(total * BYTES_PER_PARAM)})`);
  // Only BatchNormalization's moving statistics are not trained, as in Keras.
  const trainable = analysis.trainableParams ?? total;
  out.push(`Trainable params: ${group(trainable)} (${memorySize(trainable * BYTES_PER_PARAM)})`);
  out.push(`Non-trainable params: ${group(total - trainable)} (${memorySize((total - trainable) * BYTES_PER_PARAM)})`);
  out.push('_'.repeat(width));
  return out.join('\n');
}

/** One problem as a line: `Layer 3 (dense_1): Dense needs a flat vector …`, matching SpecError's wording. */
export function formatIssue(issue: SpecIssue): string {
  return issue.layerIndex !== null && issue.layerName !== null
    ? `Layer ${issue.layerIndex + 1} (${issue.layerName}): ${issue.message}`
    : issue.message;
}
