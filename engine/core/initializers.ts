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
 *   pytorch_uniform U(±√(1 / fanIn))  PyTorch's default for Linear and Conv2d weights and biases
 *                                     (Keras: VarianceScaling, scale 1/3, fan_in, uniform)
 *   zeros           0
 *
 * The "normal" variants are truncated at two standard deviations, as in Keras, with the
 * standard deviation divided by 0.8796… so the variance after truncation is σ².
 */
export const INITIALIZERS = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'pytorch_uniform', 'zeros'] as const;
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

/**
 * What an initializer draws from for a kernel with these fans: a uniform on [−limit, limit], a
 * normal of standard deviation σ (before the truncation correction), or zeros. The one place the
 * formulas live: `initialize` draws from it and the inspector shows it.
 */
export type InitializerSpread =
  | { readonly kind: 'uniform'; readonly limit: number }
  | { readonly kind: 'normal'; readonly sigma: number }
  | { readonly kind: 'zeros' };

export function initializerSpread(name: InitializerName, fanIn: number, fanOut: number): InitializerSpread {
  switch (name) {
    case 'zeros': return { kind: 'zeros' };
    case 'glorot_uniform': return { kind: 'uniform', limit: Math.sqrt(6 / (fanIn + fanOut)) };
    case 'he_uniform': return { kind: 'uniform', limit: Math.sqrt(6 / fanIn) };
    case 'pytorch_uniform': return { kind: 'uniform', limit: Math.sqrt(1 / fanIn) };
    case 'glorot_normal': return { kind: 'normal', sigma: Math.sqrt(2 / (fanIn + fanOut)) };
    case 'he_normal': return { kind: 'normal', sigma: Math.sqrt(2 / fanIn) };
  }
}

export function initialize(
  name: InitializerName, values: Float32Array, fanIn: number, fanOut: number, rng: Rng,
): void {
  const spread = initializerSpread(name, fanIn, fanOut);
  switch (spread.kind) {
    case 'zeros':
      values.fill(0);
      return;
    case 'uniform':
      return fillUniform(values, spread.limit, rng);
    case 'normal':
      return fillTruncatedNormal(values, spread.sigma / TRUNCATED_NORMAL_STD_CORRECTION, rng);
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
