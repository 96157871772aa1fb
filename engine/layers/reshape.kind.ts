import { msg } from '../messages';
import { defineKind, type SpecBase } from './kind';
import { got, isPosInt, noWeights } from './kindHelpers';
import { sizeOf } from './layer';
import { Reshape } from './reshape';
import { MAX_INPUT_RANK } from './shapes';
import { py } from '../export/python';

export interface ReshapeSpec extends SpecBase {
  type: 'Reshape';
  /** Per-sample output shape, 1 to 3 whole numbers whose product is the input's size (e.g. 784 → [28, 28, 1]). */
  target_shape: readonly number[];
}

/** The same values under another shape (a view: no buffers). */
export const reshapeKind = defineKind<ReshapeSpec>({
  type: 'Reshape',
  // As large as the engine takes: a whole feature map laid out as one vector ([10816]) is a fair target.
  controls: [{ key: 'target_shape', control: 'shape', maxRank: MAX_INPUT_RANK, max: 1_000_000, required: true }],
  checkSettings({ target_shape: target }) {
    const ok = Array.isArray(target) && target.length >= 1 && target.length <= MAX_INPUT_RANK && Array.from(target).every((d) => isPosInt(d));
    return ok ? [] : [msg('spec.targetShape', { got: got(target) })];
  },
  outputShape(spec, input) {
    const target = spec.target_shape;
    if (sizeOf(target) === sizeOf(input)) return [...target];
    // No one-click fix: only the student knows which shape they meant.
    return { problem: msg('spec.reshapeSize', { shape: target.join('×'), size: sizeOf(target), input: input.join('×'), inputSize: sizeOf(input) }) };
  },
  weights: noWeights,
  build: (spec, input) => [new Reshape(input, [...spec.target_shape])],
  floats: () => ({ forward: 0, backward: 0 }),
  outputEffect: () => 'through',
  keras: {
    className: 'Reshape',
    stem: 'reshape',
    toConfig: (spec) => ({ target_shape: [...spec.target_shape] }),
    fromConfig: (r) => ({ target_shape: knownShape(r.get('target_shape'), r.inputSize) }),
  },
  // 784 numbers back into a digit's image: what an autoencoder's decoder ends with.
  code: {
    torch(spec, input) {
      const target = spec.target_shape;
      // Ours lays images out channels last: a vector reads the same in PyTorch only as one-channel images.
      if (target.length === 1) return { modules: [input.length === 1 ? 'nn.Identity()' : 'nn.Flatten()'] };
      if (input.length === 1 && target.length === 3 && target[2] === 1) return { modules: [`nn.Unflatten(1, ${py([1, target[0]!, target[1]!])})`] };
      if (input.length === 1 && target.length === 2) return { modules: [`nn.Unflatten(1, ${py([...target])})`] };
      return msg('export.reshape');
    },
    keras: (spec) => `layers.Reshape(${py([...spec.target_shape])})`,
  },
  palette: { family: 'reshape', group: 'utility', items: [{ id: 'Reshape', create: () => ({ type: 'Reshape', target_shape: [28, 28, 1] }) }] },
});

/** A target shape with its one -1 or null (Keras, tfjs) replaced by what the input's size implies; anything else as it is, for the analysis to report. */
function knownShape(target: unknown, inputSize: number | undefined): unknown {
  if (!Array.isArray(target) || inputSize === undefined) return target;
  const unknown = target.filter((d) => d === -1 || d === null).length;
  const known = target.filter((d) => Number.isInteger(d) && d >= 1) as number[];
  if (unknown !== 1 || known.length !== target.length - 1) return target;
  const product = known.reduce((a, b) => a * b, 1);
  return inputSize % product === 0 ? target.map((d) => (d === -1 || d === null ? inputSize / product : d)) : target;
}
