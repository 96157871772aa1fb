import { Rng } from '../core/rng';
import { imageDataset, type Dataset } from '../data/dataset';
import type { ImageSet } from '../data/imageSet';
import { numberedClasses } from '../data/task';
import type { TrainData } from '../train/trainer';

/**
 * A tiny learnable image set for fast "it learns" tests: `size`×`size` images of one
 * bright bar on faint noise — class 0 horizontal, 1 vertical, 2 diagonal — at a random
 * position.
 */
export function barsImageSet(count: number, rng: Rng, size = 8): ImageSet {
  const px = size * size;
  const images = new Uint8Array(count * px);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const label = rng.int(3);
    labels[n] = label;
    const at = rng.int(size);
    for (let p = 0; p < px; p++) images[n * px + p] = rng.int(40);
    for (let i = 0; i < size; i++) {
      const [y, x] = label === 0 ? [at, i] : label === 1 ? [i, at] : [i, (i + at) % size];
      images[n * px + y * size + x] = 200 + rng.int(56);
    }
  }
  return { images, labels, count, rows: size, cols: size };
}

/** The bars task as a dataset value: `trainCount` training and `testCount` test images from two seeds. */
export function barsDataset(trainCount: number, testCount: number, trainSeed = 100, testSeed = 200, size = 8): Dataset {
  return imageDataset('bars', barsImageSet(trainCount, new Rng(trainSeed), size), barsImageSet(testCount, new Rng(testSeed), size));
}

/**
 * Images as what a run trains on (engine/train/trainer.ts `TrainData`): a classification over
 * `classes` classes (by default as many as the labels show, at least 2), with a test set or none.
 */
export function imageTrainData(train: ImageSet, test: ImageSet | null = null, classes?: number): TrainData {
  const d = imageDataset('images', train, test ?? train, classes === undefined ? undefined : numberedClasses(classes));
  return { inputShape: d.inputShape, task: d.task, train: d.train, test: test ? d.test : null };
}
