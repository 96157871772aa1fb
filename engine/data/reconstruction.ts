import type { Dataset } from './dataset';

/**
 * The same samples asked to be given back: an autoencoder's dataset. The target of each
 * sample is its own clean input (the reconstruction head reads it from the inputs, so no
 * copy is made); labels are kept, though training does not use them, for what comes after:
 * colouring the code space by class, the purity of k-means clusters, a classifier on the codes.
 */
export function reconstructionOf(dataset: Dataset): Dataset {
  return { ...dataset, task: { kind: 'reconstruction' } };
}
