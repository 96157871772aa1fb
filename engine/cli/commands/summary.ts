/**
 * `layerwise summary --arch ARCH`: the Keras-style table of layers, output shapes and
 * parameter counts, or — for a network that cannot be built — every problem, one per
 * line, each naming the layer and the fix (the same messages the editor shows). Warnings
 * (a network that trains, but badly) follow the table.
 */
import { analyzeNetwork } from '../../model/analyze';
import type { Task } from '../../data/task';
import { parseArgs } from '../args';
import { loadArch, loadData, printErr, printJson, printLine, required } from '../common';
import { analyzeOptionsFor } from '../../train/taskHead';
import { formatIssue, formatSummaryTable } from '../summaryTable';
import { SUMMARY_FLAGS } from '../usage';

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, SUMMARY_FLAGS, { command: 'summary' });
  const { spec, label } = await loadArch(required(flags.arch, 'arch', 'summary'));
  // The output a network must end with depends on its data: given with --data, else MNIST's
  // 10 classes for an MNIST-shaped input, else any output (the shapes are still checked).
  const task: Task | null = flags.task === 'reconstruction' ? { kind: 'reconstruction' } : flags.data !== undefined ? (await loadData(flags)).task : null;
  const analysis = analyzeNetwork(spec, task ? analyzeOptionsFor(task) : { numClasses: spec.input_shape.join('×') === '28×28×1' ? 10 : null });

  if (flags.json) {
    printJson({
      name: label,
      valid: analysis.issues.length === 0,
      inputShape: analysis.inputShape,
      outputShape: analysis.outputShape,
      totalParams: analysis.totalParams,
      trainableParams: analysis.trainableParams,
      layers: analysis.layers.map((l) => ({ name: l.name, type: l.type, outputShape: l.outputShape, params: l.params })),
      issues: analysis.issues.map((i) => ({ layerIndex: i.layerIndex, layerName: i.layerName, message: i.message })),
      warnings: analysis.warnings.map((i) => ({ layerIndex: i.layerIndex, layerName: i.layerName, message: i.message })),
    });
    return analysis.issues.length === 0 ? 0 : 1;
  }
  if (analysis.issues.length > 0) {
    // Every problem at once, so a hand-written spec can be fixed in one pass.
    for (const issue of analysis.issues) printErr(formatIssue(issue));
    return 1;
  }
  printLine(formatSummaryTable(analysis, { title: label }));
  // On stderr, so that stdout stays the table alone; the exit code stays 0: the network trains.
  for (const warning of analysis.warnings) printErr(`Warning: ${formatIssue(warning)}`);
  return 0;
}
