/**
 * What an initializer does, with numbers: the fans of the selected layer (as the engine
 * counts them, engine/core/initializers.ts) and the resulting uniform limit or normal
 * standard deviation, for the inspector's explanation.
 */
import { initializerSpread, kernelFans, type InitializerName, isShapeProblem, layerKind, isLayerType, type LayerSpec } from '$engine';

export interface Fans {
  /** Inputs feeding each output value: Dense inputs, or kernel height × width × input channels. */
  readonly fanIn: number;
  /** Dense units, or kernel height × width × filters. */
  readonly fanOut: number;
}

/** The fans of a layer with a kernel whose input shape is known (from the kernel its kind lists, as the engine counts them); null otherwise. */
export function fansOf(layer: LayerSpec, inputShape: readonly number[] | null | undefined): Fans | null {
  if (!inputShape || inputShape.length === 0 || !isLayerType(layer.type)) return null;
  const kind = layerKind(layer.type);
  if (kind.checkSettings(layer).length > 0 || isShapeProblem(kind.outputShape(layer, inputShape, 0))) return null;
  const kernel = kind.weights(layer, inputShape).find((w) => w.name === 'kernel');
  return kernel ? kernelFans(kernel.shape) : null;
}

/** The uniform limit (values in [−limit, limit]) or the normal σ an initializer uses, as the engine computes it; null for zeros. */
export function initializerScale(name: InitializerName, { fanIn, fanOut }: Fans): { symbol: 'limit' | 'sigma'; value: number } | null {
  const spread = initializerSpread(name, fanIn, fanOut);
  switch (spread.kind) {
    case 'uniform': return { symbol: 'limit', value: spread.limit };
    case 'normal': return { symbol: 'sigma', value: spread.sigma };
    case 'zeros': return null;
  }
}
