/**
 * Whether a layer type can work anywhere in a network, for the builder's palette: asked of
 * the layer's own kind (its `outputShape`), never of a rule written elsewhere.
 */
import { isShapeProblem } from '../layers/kind';
import type { Message } from '../messages';
import type { NetworkAnalysis } from './analyze';
import { isLayerType, layerKind } from './registry';
import type { LayerSpec } from './spec';

/**
 * Why a fresh `layer` (a palette item's block) cannot work in this network, or null when
 * it can. It can when some shape the network carries (its input, or a layer's known
 * output) suits it, or when its problem there can be fixed in place (a Flatten before
 * Dense, padding 'same', another Reshape target). It cannot when every such shape gives a
 * problem whose fix is removing the layer: Conv2D or pooling where every shape is a vector (points of the
 * plane). The reason is the kind's own message for the network's input.
 */
export function unavailableReason(layer: LayerSpec, analysis: NetworkAnalysis): Message | null {
  if (!isLayerType(layer.type)) return null;
  const kind = layerKind(layer.type);
  const shapes = [analysis.inputShape, ...analysis.layers.flatMap((l) => (l.outputShape ? [l.outputShape] : []))];
  let reason: Message | null = null;
  for (const shape of shapes) {
    const out = kind.outputShape(layer, shape, 0);
    if (!isShapeProblem(out)) return null;
    // A problem its settings or a layer before it can fix (a Reshape's target, a Flatten before Dense) is not a reason.
    if (out.fix?.kind !== 'removeLayer') return null;
    reason ??= out.problem;
  }
  return reason;
}
