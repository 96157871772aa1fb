/**
 * What an initializer does, with numbers: the fans of the selected layer (as the engine
 * counts them, engine/core/initializers.ts) and the resulting uniform limit or normal
 * standard deviation, for the inspector's explanation.
 */
import type { InitializerName } from '../../../../engine/core/initializers';
import type { LayerSpec } from '../../../../engine/model/spec';

export interface Fans {
  /** Inputs feeding each output value: Dense inputs, or kernel height × width × input channels. */
  readonly fanIn: number;
  /** Dense units, or kernel height × width × filters. */
  readonly fanOut: number;
}

/** The fans of a Dense or Conv2D layer whose input shape is known; null otherwise. */
export function fansOf(layer: LayerSpec, inputShape: readonly number[] | null | undefined): Fans | null {
  if (!inputShape || inputShape.length === 0) return null;
  const l = layer as { type: string; units?: unknown; filters?: unknown; kernel_size?: unknown };
  if (l.type === 'Dense' && typeof l.units === 'number') return { fanIn: inputShape.at(-1)!, fanOut: l.units };
  if (l.type === 'Conv2D' && typeof l.filters === 'number' && inputShape.length === 3) {
    const k = l.kernel_size;
    const [kh, kw] = typeof k === 'number' ? [k, k] : Array.isArray(k) && k.length === 2 ? (k as [number, number]) : [NaN, NaN];
    if (!Number.isInteger(kh) || !Number.isInteger(kw)) return null;
    return { fanIn: kh * kw * inputShape[2]!, fanOut: kh * kw * l.filters };
  }
  return null;
}

/** The uniform limit (values in [−limit, limit]) or the normal σ an initializer uses; null for zeros. */
export function initializerScale(name: InitializerName, { fanIn, fanOut }: Fans): { symbol: 'limit' | 'sigma'; value: number } | null {
  switch (name) {
    case 'glorot_uniform': return { symbol: 'limit', value: Math.sqrt(6 / (fanIn + fanOut)) };
    case 'he_uniform': return { symbol: 'limit', value: Math.sqrt(6 / fanIn) };
    case 'glorot_normal': return { symbol: 'sigma', value: Math.sqrt(2 / (fanIn + fanOut)) };
    case 'he_normal': return { symbol: 'sigma', value: Math.sqrt(2 / fanIn) };
    case 'zeros': return null;
  }
}
