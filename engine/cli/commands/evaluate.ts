/**
 * `layerwise evaluate --model DIR`: a saved model's accuracy and loss on a test set and
 * its confusion matrix — which digits it mistakes for which is what a student looks at
 * after the single accuracy number.
 */
import { resolve } from 'node:path';
import { reconstructionOf } from '../../data/reconstruction';
import { lossByName } from '../../losses';
import { loadModel } from '../../node/modelFiles';
import { evaluate } from '../../train/evaluate';
import { parseArgs } from '../args';
import { checkInputShape, loadData, printJson, printLine, required } from '../common';
import { group, measuresText, percent } from '../format';
import { headFor } from '../../train/taskHead';
import { EVALUATE_FLAGS } from '../usage';

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, EVALUATE_FLAGS, { command: 'evaluate' });
  const modelDir = resolve(required(flags.model, 'model', 'evaluate'));
  const { network, metadata } = await loadModel(modelDir);
  // An autoencoder is measured on what it was trained for: giving the images back.
  const loaded = await loadData(flags);
  const dataset = metadata?.dataset?.task?.kind === 'reconstruction' ? reconstructionOf(loaded) : loaded;
  const test = dataset.test;
  checkInputShape(network, dataset);

  // The loss the model was trained with, so the number matches its training history.
  const head = headFor(dataset.task, dataset.inputShape, network.outputSize);
  const loss = lossByName(metadata?.training?.config.loss ?? head.defaultLoss);
  const result = evaluate(network, test, head, loss);
  const correct = result.confusion ? result.confusion.reduce((sum, row, i) => sum + row[i]!, 0) : null;

  if (flags.json) {
    printJson({
      type: 'evaluation', model: modelDir, dataset: dataset.name, task: dataset.task.kind, count: result.count,
      ...result.measures, ...(correct === null ? {} : { correct, confusion: result.confusion }),
    });
    return 0;
  }
  const name = metadata?.name ? ` ("${metadata.name}")` : '';
  printLine(`Model ${modelDir}${name}: ${group(network.paramCount)} parameters`);
  printLine(`Test set: ${dataset.name}, ${group(result.count)} samples`);
  const m = result.measures;
  printLine(m.accuracy !== undefined && correct !== null
    ? `Accuracy ${percent(m.accuracy)} (${group(correct)} of ${group(result.count)} correct), loss ${m.loss.toFixed(4)}`
    : measuresText(m));
  if (result.confusion) {
    printLine();
    printLine(formatConfusion(result.confusion));
  }
  return 0;
}

/**
 * The matrix with right-aligned counts and, per true class, the share classified
 * correctly (recall), which points straight at the digits the model struggles with.
 */
export function formatConfusion(confusion: readonly (readonly number[])[]): string {
  const classes = confusion.length;
  const corner = 'true\\pred';
  const largest = Math.max(0, ...confusion.flat());
  const cell = Math.max(group(largest).length, String(classes - 1).length) + 2;
  const lines = [
    'Confusion matrix (rows: true class, columns: predicted class)',
    corner + Array.from({ length: classes }, (_, j) => String(j).padStart(cell)).join('') + '    correct',
  ];
  confusion.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const recall = total > 0 ? percent(row[i]! / total, 1).padStart(9) : '        –';
    lines.push(String(i).padStart(corner.length) + row.map((n) => group(n).padStart(cell)).join('') + `  ${recall}`);
  });
  return lines.join('\n');
}
