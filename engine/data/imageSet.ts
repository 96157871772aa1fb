/**
 * A labelled set of greyscale images kept as bytes, as the IDX files store them:
 * full MNIST is 47 MB this way instead of 188 MB of floats. Batches are converted to
 * floats in [0, 1] only when they are used.
 */
export interface ImageSet {
  /** `[count, rows, cols]` pixel bytes, 0 = background, 255 = ink. */
  readonly images: Uint8Array;
  /** `[count]` class indices. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/** The samples `[start, end)` of a set, sharing its bytes. */
export function sliceImageSet(set: ImageSet, start: number, end: number): ImageSet {
  const px = set.rows * set.cols;
  return {
    images: set.images.subarray(start * px, end * px),
    labels: set.labels.subarray(start, end),
    count: end - start,
    rows: set.rows,
    cols: set.cols,
  };
}
