import { Flatten } from './flatten';
import { defineKind, type SpecBase } from './kind';
import { noWeights } from './kindHelpers';
import { sizeOf } from './layer';

export interface FlattenSpec extends SpecBase {
  type: 'Flatten';
}

/** Any shape → one vector, in Keras's order (a view: no buffers). */
export const flattenKind = defineKind<FlattenSpec>({
  type: 'Flatten',
  controls: [],
  checkSettings: () => [],
  outputShape: (_s, input) => [sizeOf(input)],
  weights: noWeights,
  build: (_s, input) => [new Flatten(input)],
  floats: () => ({ forward: 0, backward: 0 }),
  outputEffect: () => 'through',
  keras: { className: 'Flatten', stem: 'flatten', toConfig: () => ({}), fromConfig: () => ({}) },
  // Channels first in PyTorch: the Dense after it gets its weights' columns permuted (engine/export/torchWeights.ts).
  code: { torch: () => ({ modules: ['nn.Flatten()'] }), keras: () => 'layers.Flatten()' },
  palette: { family: 'reshape', group: 'utility', items: [{ id: 'Flatten', create: () => ({ type: 'Flatten' }) }] },
});
