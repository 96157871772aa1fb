/**
 * `layerwise predict --model DIR --images FILE`: the class probabilities a saved model
 * gives each image of an IDX file, and its prediction. With --json one object per image
 * and line, for piping into other tools.
 */
import { basename, resolve } from 'node:path';
import { parseImages } from '../../data/idx';
import { predictProbs } from '../../model/predict';
import { readIdxFile } from '../../node/idxFile';
import { loadModel } from '../../node/modelFiles';
import { parseArgs } from '../args';
import { checkInputShape, CliError, printLine, required } from '../common';
import { argmax } from '../../core/argmax';
import { parseCsv, tableSamples } from '../../data/csv';
import { PIXEL_SCALE } from '../../data/dataset';
import { readTextFile } from '../../node/dataSources';
import { group, percent, round } from '../format';
import { PREDICT_FLAGS } from '../usage';

/** Images converted to floats and written out at a time: bounds memory for a 60,000-image file. */
const CHUNK = 256;

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, PREDICT_FLAGS, { command: 'predict' });
  const modelDir = resolve(required(flags.model, 'model', 'predict'));
  if (flags.data !== undefined) return predictRows(flags, modelDir);
  const imagesPath = required(flags.images, 'images', 'predict');
  const { network, metadata } = await loadModel(modelDir);
  if (metadata?.dataset?.task?.kind === 'reconstruction') {
    throw new CliError(`the model at ${modelDir} reconstructs images (an autoencoder) rather than predicting classes: `
      + 'use "layerwise evaluate" for its reconstruction error, "layerwise codes" for its codes');
  }
  const images = parseImages(await readIdxFile(imagesPath), imagesPath);
  checkInputShape(network, { name: `the images in ${imagesPath}`, inputShape: [images.rows, images.cols, 1] });

  const count = Math.min(images.count, flags.limit ?? images.count);
  const px = images.rows * images.cols;
  const classes = network.outputSize;
  const indexWidth = String(Math.max(0, count - 1)).length;
  if (!flags.json) {
    printLine(`${group(count)} of ${group(images.count)} images in ${basename(imagesPath)} (${images.rows}×${images.cols}), model ${modelDir}`);
  }
  const x = new Float32Array(Math.min(CHUNK, Math.max(1, count)) * px);
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const src = images.images.subarray(start * px, (start + n) * px);
    // Pixels scaled to [0, 1], as in training.
    for (let i = 0; i < src.length; i++) x[i] = src[i]! * PIXEL_SCALE;
    const probs = predictProbs(network, x, n);
    let text = '';
    for (let b = 0; b < n; b++) {
      const p = Array.from(probs.subarray(b * classes, (b + 1) * classes));
      const predicted = argmax(p);
      const index = start + b;
      text += flags.json
        ? `${JSON.stringify({ index, probs: p.map((v) => round(v, 6)), predicted })}\n`
        : `image ${String(index).padStart(indexWidth)}: ${predicted}  (${percent(p[predicted]!, 1).padStart(7)})   `
          + `${p.map((v, j) => `${j}:${v.toFixed(3)}`).join(' ')}\n`;
    }
    // One write per chunk rather than per line: a 10,000-line pipe stays fast.
    process.stdout.write(text);
  }
  return 0;
}

/**
 * The rows of a CSV file through a model trained on a table or the plane: per row the class
 * probabilities and the predicted class (named as in the training data), or the predicted
 * values. A row may carry its label column too (the last one, or --label): it is left out.
 */
async function predictRows(flags: { data?: string; label?: string; limit?: number; json?: boolean }, modelDir: string): Promise<number> {
  const { network, metadata } = await loadModel(modelDir);
  const table = parseCsv(await readTextFile(flags.data!));
  const inputs = network.inputSize;
  const label = flags.label !== undefined ? columnIndex(table, flags.label) : table.columns.length === inputs + 1 ? table.columns.length - 1 : null;
  const features = table.columns.map((_, j) => j).filter((j) => j !== label);
  if (network.inputShape.length !== 1 || features.length !== inputs) {
    throw new CliError(`the model takes ${inputs} numbers per sample but the rows of ${basename(flags.data!)} have ${features.length} feature columns`);
  }
  const count = Math.min(table.rows.length, flags.limit ?? table.rows.length);
  // The label column is only left out: read as values, whatever it holds.
  const rows = tableSamples({ ...table, rows: table.rows.slice(0, count).map((r) => (label === null ? [...r, '0'] : r.map((c, j) => (j === label ? '0' : c)))), lines: table.lines.slice(0, count), columns: label === null ? [...table.columns, 'none'] : table.columns },
    { label: label ?? table.columns.length, features, task: 'regression' });
  const task = metadata?.dataset?.task;
  const classNames = task?.kind === 'classification' || task?.kind === 'binary' ? task.classNames : null;
  const width = network.outputSize;
  let text = '';
  if (task?.kind === 'regression') {
    const raw = network.forward(rows.inputs, count, { training: false });
    for (let b = 0; b < count; b++) {
      const v = Array.from(raw.subarray(b * width, (b + 1) * width)).map((x) => round(x, 6));
      text += flags.json ? `${JSON.stringify({ index: b, values: v })}\n` : `row ${b + 1}: ${v.join(', ')}\n`;
    }
  } else {
    // One output unit is two classes as one probability (binary): p for the second class.
    const single = width === 1 ? network.forward(rows.inputs, count, { training: false }).slice() : null;
    const sigmoidOut = network.finalActivation === 'sigmoid';
    const probs = single ? null : predictProbs(network, rows.inputs, count);
    for (let b = 0; b < count; b++) {
      const p1 = single ? (sigmoidOut ? single[b]! : 1 / (1 + Math.exp(-single[b]!))) : 0;
      const p = single ? [1 - p1, p1] : Array.from(probs!.subarray(b * width, (b + 1) * width));
      const predicted = argmax(p);
      const name = classNames?.[predicted] ?? String(predicted);
      text += flags.json
        ? `${JSON.stringify({ index: b, probs: p.map((v) => round(v, 6)), predicted, class: name })}\n`
        : `row ${b + 1}: ${name}  (${percent(p[predicted]!, 1)})\n`;
    }
  }
  process.stdout.write(text);
  return 0;
}

function columnIndex(table: { columns: readonly string[] }, label: string): number {
  let index = table.columns.indexOf(label);
  if (index < 0 && /^\d+$/.test(label)) index = Number(label) - 1;
  if (index < 0 || index >= table.columns.length) throw new CliError(`there is no column "${label}" (the columns are: ${table.columns.join(', ')})`);
  return index;
}
