import { jsKernels } from '../core/kernels';
import { msg } from '../messages';
import { AveragePooling2D } from './averagePooling2d';
import { defineKind, type LayerKind, type SpecBase } from './kind';
import { checkPadding, checkPair, intControl, needsImage, noWeights, normalPair, paddingControl, paddingFromConfig } from './kindHelpers';
import { sizeOf } from './layer';
import { MaxPooling2D } from './maxPooling2d';
import { windowAxis, type Padding } from './padding';
import { pair, type IntPair } from './shapes';
import { py } from '../export/python';
import { samePads, symmetric } from '../export/torchPadding';

export interface Pooling2DSpec<T extends 'MaxPooling2D' | 'AveragePooling2D' = 'MaxPooling2D' | 'AveragePooling2D'> extends SpecBase {
  type: T;
  /** Default 2. */
  pool_size?: IntPair;
  /** Default: the pool size. */
  strides?: IntPair | null;
  padding?: Padding;
}

function options(spec: Pooling2DSpec) {
  const poolSize = pair(spec.pool_size ?? 2);
  return { poolSize, strides: pair(spec.strides ?? poolSize), padding: spec.padding ?? ('valid' as const) };
}

/** Max or average over each window of each channel; no weights. */
function poolingKind<T extends 'MaxPooling2D' | 'AveragePooling2D'>(type: T, alias: string, stem: string): LayerKind<Pooling2DSpec<T>> {
  return defineKind<Pooling2DSpec<T>>({
    type,
    controls: [intControl('pool_size', 1, 28, false, true, 2), intControl('strides', 1, 28, false, true, null), paddingControl],
    checkSettings: (spec) => [
      ...(spec.pool_size === undefined ? [] : checkPair(spec.pool_size, 'pool_size', 1024)),
      ...(spec.strides === undefined || spec.strides === null ? [] : checkPair(spec.strides, 'strides', 1024)),
      ...checkPadding(spec.padding),
    ],
    outputShape(spec, input, index) {
      const notImage = needsImage(type, input, index);
      if (notImage) return notImage;
      const o = options(spec);
      const rows = windowAxis(input[0]!, o.poolSize[0], o.strides[0], o.padding);
      const cols = windowAxis(input[1]!, o.poolSize[1], o.strides[1], o.padding);
      if (rows.out <= 0 || cols.out <= 0) {
        return {
          problem: msg('spec.poolTooBig', { pool: `${o.poolSize[0]}×${o.poolSize[1]}`, size: `${input[0]}×${input[1]}` }),
          fix: { kind: 'removeLayer', index },
        };
      }
      return [rows.out, cols.out, input[2]!];
    },
    weights: noWeights,
    build: (spec, input, _rng, kernels = jsKernels) =>
      [type === 'MaxPooling2D' ? new MaxPooling2D(input, options(spec), kernels) : new AveragePooling2D(input, options(spec), kernels)],
    // Max pooling keeps where each maximum came from beside its outputs.
    floats: (_spec, input, output) => ({ forward: (type === 'MaxPooling2D' ? 2 : 1) * sizeOf(output), backward: sizeOf(input) }),
    keras: {
      className: type,
      aliases: [alias],
      stem,
      toConfig(spec) {
        const poolSize = pair(spec.pool_size ?? 2);
        return { pool_size: poolSize, padding: spec.padding ?? 'valid', strides: pair(spec.strides ?? poolSize), data_format: 'channels_last' };
      },
      fromConfig(r) {
        const poolSize = r.get('pool_size') === undefined || r.get('pool_size') === null ? 2 : normalPair(r.get('pool_size'));
        const strides = r.get('strides') === undefined || r.get('strides') === null ? poolSize : normalPair(r.get('strides'));
        return {
          ...(poolSize === 2 ? {} : { pool_size: poolSize }),
          ...(JSON.stringify(strides) === JSON.stringify(poolSize) ? {} : { strides }), ...paddingFromConfig(r.get('padding')),
        };
      },
    },
    code: {
      torch(spec, input) {
        const o = options(spec);
        const pads = samePads(input, o.poolSize, o.strides, o.padding);
        const pool = `${type === 'MaxPooling2D' ? 'nn.MaxPool2d' : 'nn.AvgPool2d'}(${py(o.poolSize)}, stride=${py(o.strides)}`;
        if (pads === null) return { modules: [`${pool})`] };
        // Padding never wins a max: -inf borders are Keras's "same" exactly.
        if (type === 'MaxPooling2D') return { modules: [`nn.ConstantPad2d(${py(pads)}, float("-inf"))`, `${pool})`], weighted: 1 };
        // Keras averages over the real pixels only; PyTorch can leave padding out of the count only when it is symmetric.
        if (symmetric(pads) && 2 * pads[0] <= o.poolSize[1] && 2 * pads[2] <= o.poolSize[0]) {
          return { modules: [`${pool}, padding=${py([pads[2], pads[0]])}, count_include_pad=False)`] };
        }
        return msg('export.poolPadding');
      },
      keras(spec) {
        const o = options(spec);
        return `layers.${type}(pool_size=${py(o.poolSize)}, strides=${py(o.strides)}${o.padding === 'same' ? ', padding="same"' : ''})`;
      },
    },
    palette: { family: 'pool', group: 'pooling', items: [{ id: type, create: () => ({ type, pool_size: 2 }) }] },
  });
}

export const maxPooling2dKind = poolingKind('MaxPooling2D', 'MaxPool2D', 'max_pooling2d');
export const averagePooling2dKind = poolingKind('AveragePooling2D', 'AvgPool2D', 'average_pooling2d');
