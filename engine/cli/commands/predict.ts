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
import { checkInputShape, printLine, required } from '../common';
import { group, percent, round } from '../format';
import { PREDICT_FLAGS } from '../usage';

/** Images converted to floats and written out at a time: bounds memory for a 60,000-image file. */
const CHUNK = 256;

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, PREDICT_FLAGS, { command: 'predict' });
  const modelDir = resolve(required(flags.model, 'model', 'predict'));
  const imagesPath = required(flags.images, 'images', 'predict');
  const { network } = await loadModel(modelDir);
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
    for (let i = 0; i < src.length; i++) x[i] = src[i]! / 255;
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

/** Index of the largest value; the first on ties, like the trainer's accuracy count. */
function argmax(values: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j]! > values[best]!) best = j;
  return best;
}
