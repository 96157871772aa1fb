import type { Rng } from './rng';

/**
 * Weight initializers with Keras names and semantics. Fans follow Keras: a Dense kernel
 * `[in, out]` has fanIn = in, fanOut = out; a Conv2D kernel `[kh, kw, inC, filters]`
 * has fanIn = kh·kw·inC and fanOut = kh·kw·filters.
 *
 *   glorot_uniform  U(±√(6 / (fanIn + fanOut)))
 *   glorot_normal   truncated N(0, σ² = 2 / (fanIn + fanOut))
 *   he_uniform      U(±√(6 / fanIn))
 *   he_normal       truncated N(0, σ² = 2 / fanIn)
 *   zeros           0
 *
 * The "normal" variants are truncated at two standard deviations, as in Keras, with the
 * standard deviation divided by 0.8796… so the variance after truncation is σ².
 */
export const INITIALIZERS = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'zeros'] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

const TRUNCATED_NORMAL_STD_CORRECTION = 0.87962566103423978;

export function isInitializerName(name: unknown): name is InitializerName {
  return typeof name === 'string' && (INITIALIZERS as readonly string[]).includes(name);
}

/**
 * A kernel's fans, Keras's way, from its shape: the last axis is the outputs, the one
 * before it the inputs, and any axes before those the receptive field (kh·kw) both count.
 */
export function kernelFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  let field = 1;
  for (let i = 0; i < shape.length - 2; i++) field *= shape[i]!;
  return { fanIn: (shape.at(-2) ?? 1) * field, fanOut: (shape.at(-1) ?? 1) * field };
}

export function initialize(
  name: InitializerName, values: Float32Array, fanIn: number, fanOut: number, rng: Rng,
): void {
  switch (name) {
    case 'zeros':
      values.fill(0);
      return;
    case 'glorot_uniform':
      return fillUniform(values, Math.sqrt(6 / (fanIn + fanOut)), rng);
    case 'he_uniform':
      return fillUniform(values, Math.sqrt(6 / fanIn), rng);
    case 'glorot_normal':
      return fillTruncatedNormal(values, Math.sqrt(2 / (fanIn + fanOut)) / TRUNCATED_NORMAL_STD_CORRECTION, rng);
    case 'he_normal':
      return fillTruncatedNormal(values, Math.sqrt(2 / fanIn) / TRUNCATED_NORMAL_STD_CORRECTION, rng);
  }
}

function fillUniform(values: Float32Array, limit: number, rng: Rng): void {
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
}

function fillTruncatedNormal(values: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < values.length; i++) {
    let z = rng.normal();
    while (z < -2 || z > 2) z = rng.normal();
    values[i] = z * std;
  }
}
