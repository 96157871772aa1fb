/**
 * Shape values the spec and the layer kinds share: a size given once or per axis, and the
 * ranks and sizes an input may have. A leaf module, so that any layer kind may use it.
 */
export type IntPair = number | readonly [number, number];

export function pair(v: IntPair): [number, number] {
  return typeof v === 'number' ? [v, v] : [v[0], v[1]];
}

/** Most values along one input axis, and the ranks an input may have. */
export const MAX_INPUT_DIM = 4096;
export const MAX_INPUT_RANK = 3;
