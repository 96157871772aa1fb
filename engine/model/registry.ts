import { initialize, isInitializerName, type InitializerName } from '../core/initializers';
import { jsKernels, type Kernels } from '../core/kernels';
import type { Rng } from '../core/rng';
import { ActivationLayer } from '../layers/activation';
import { activationFn, isActivationName, leakyRelu, type ActivationName } from '../layers/activations';
import { AveragePooling2D } from '../layers/averagePooling2d';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { Dropout } from '../layers/dropout';
import { Flatten } from '../layers/flatten';
import { BatchNormalization, BN_DEFAULTS } from '../layers/batchNormalization';
import { sizeOf, type Layer, type Param, type Shape, type StateTensor } from '../layers/layer';
import { MaxPooling2D } from '../layers/maxPooling2d';
import { windowAxis } from '../layers/padding';
import { Reshape } from '../layers/reshape';
import { msg, type Message } from '../messages';
import type { SpecFix } from './specError';
import { MAX_INPUT_RANK, pair, type LayerSpec, type LayerType } from './spec';

/**
 * The one registry from layer-type name to implementation: which settings a type takes,
 * how it checks them, what shape it outputs for a given input, how many parameters it
 * has, and how it builds into ops. The editor's palette, the saved model and the engine
 * all go through it.
 */
export interface LayerKind {
  readonly type: LayerType;
  /** Settings the type accepts besides `type` and `name`. */
  readonly settings: readonly string[];
  /** Problems with setting values (independent of the input shape). */
  checkSettings(spec: LayerSpec): Message[];
  /** Output shape for this input, or a problem that names the fix. */
  outputShape(spec: LayerSpec, input: Shape, index: number): Shape | ShapeProblem;
  /**
   * Every weight the layer holds, in the order the model file stores them (Keras's):
   * the trainable parameters, then any non-trainable state. The layer's parameter count
   * is their total size, as Keras's summary counts it.
   */
  weights(spec: LayerSpec, input: Shape): WeightShape[];
  /** The layer's statistics are the whole batch's: training never splits a batch into chunks. */
  readonly wholeBatch?: boolean;
  /**
   * One op, or two when an `activation` option follows the layer's linear part; their
   * parameters and buffers come from `kernels` (default: the scalar TypeScript kernels).
   */
  build(spec: LayerSpec, input: Shape, rng: Rng, kernels?: Kernels): Layer[];
}

export interface WeightShape {
  readonly name: Param['name'] | StateTensor['name'];
  readonly shape: readonly number[];
  /** False for state no optimizer touches (moving statistics). */
  readonly trainable: boolean;
}

/** How many numbers the weights hold: all of them, and the trainable ones. */
export function weightCounts(weights: readonly WeightShape[]): { total: number; trainable: number } {
  let total = 0, trainable = 0;
  for (const w of weights) {
    const n = sizeOf(w.shape);
    total += n;
    if (w.trainable) trainable += n;
  }
  return { total, trainable };
}

/** A kernel and, unless `use_bias` is false, a bias. */
function kernelAndBias(kernel: number[], units: number, useBias: unknown): WeightShape[] {
  const k: WeightShape = { name: 'kernel', shape: kernel, trainable: true };
  return useBias === false ? [k] : [k, { name: 'bias', shape: [units], trainable: true }];
}

const none = (): WeightShape[] => [];

export interface ShapeProblem {
  readonly problem: Message;
  readonly fix?: SpecFix;
}

export function isShapeProblem(x: Shape | ShapeProblem): x is ShapeProblem {
  return !Array.isArray(x);
}

const fmt = (s: Shape) => `[${s.join(', ')}]`;
/** A setting's value as the user wrote it, for "(got …)". */
const got = (v: unknown): string => String(JSON.stringify(v));

function needsImage(type: string, input: Shape, index: number): ShapeProblem | null {
  if (input.length === 3) return null;
  return {
    problem: msg('spec.needsImage', { type, shape: fmt(input) }),
    fix: { kind: 'removeLayer', index },
  };
}

function needsVector(type: string, input: Shape, index: number): ShapeProblem | null {
  if (input.length === 1) return null;
  return {
    problem: msg('spec.needsVector', { type, shape: fmt(input) }),
    fix: { kind: 'insertFlatten', index },
  };
}

const isPosInt = (v: unknown, max = 1e6): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max;

function checkPair(value: unknown, what: string, max: number): Message[] {
  const ok = isPosInt(value, max) ||
    (Array.isArray(value) && value.length === 2 && isPosInt(value[0], max) && isPosInt(value[1], max));
  return ok ? [] : [msg('spec.pairRange', { setting: what, max, got: got(value) })];
}

function checkActivation(v: unknown): Message[] {
  return v === undefined || isActivationName(v)
    ? []
    : [msg('spec.activationChoice', { got: got(v) })];
}

function checkInitializers(spec: { kernel_initializer?: unknown; bias_initializer?: unknown }): Message[] {
  const out: Message[] = [];
  for (const key of ['kernel_initializer', 'bias_initializer'] as const) {
    const v = spec[key];
    if (v !== undefined && !isInitializerName(v)) {
      out.push(msg('spec.initializerChoice', { setting: key, got: got(v) }));
    }
  }
  return out;
}

function checkBool(v: unknown, what: string): Message[] {
  return v === undefined || typeof v === 'boolean' ? [] : [msg('spec.boolean', { setting: what })];
}

function checkPadding(v: unknown): Message[] {
  return v === undefined || v === 'valid' || v === 'same' ? [] : [msg('spec.paddingChoice', { got: got(v) })];
}

/** Initialises a kernel and bias and appends the activation op, shared by Dense and Conv2D. */
function finishWeighted(
  layer: Dense | Conv2D, spec: { activation?: ActivationName; kernel_initializer?: InitializerName; bias_initializer?: InitializerName },
  fanIn: number, fanOut: number, rng: Rng, kernels: Kernels,
): Layer[] {
  initialize(spec.kernel_initializer ?? 'glorot_uniform', layer.kernel.value, fanIn, fanOut, rng);
  if (layer.bias) initialize(spec.bias_initializer ?? 'zeros', layer.bias.value, fanIn, fanOut, rng);
  const act = spec.activation ?? 'linear';
  if (act === 'linear') return [layer];
  return [layer, new ActivationLayer(layer.type, layer.outputShape, activationFn(act), kernels)];
}

const dense: LayerKind = {
  type: 'Dense',
  settings: ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer'],
  checkSettings(s) {
    const spec = s as Extract<LayerSpec, { type: 'Dense' }>;
    return [
      ...(isPosInt(spec.units) ? [] : [msg('spec.wholeRange', { setting: 'units', max: 1_000_000, got: got(spec.units) })]),
      ...checkActivation(spec.activation),
      ...checkBool(spec.use_bias, 'use_bias'),
      ...checkInitializers(spec),
    ];
  },
  outputShape(s, input, index) {
    return needsVector('Dense', input, index) ?? [(s as { units: number }).units];
  },
  weights(s, input) {
    const spec = s as Extract<LayerSpec, { type: 'Dense' }>;
    return kernelAndBias([sizeOf(input), spec.units], spec.units, spec.use_bias);
  },
  build(s, input, rng, kernels = jsKernels) {
    const spec = s as Extract<LayerSpec, { type: 'Dense' }>;
    const layer = new Dense(input, spec.units, spec.use_bias !== false, kernels);
    return finishWeighted(layer, spec, sizeOf(input), spec.units, rng, kernels);
  },
};

const conv2d: LayerKind = {
  type: 'Conv2D',
  settings: ['filters', 'kernel_size', 'strides', 'padding', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer'],
  checkSettings(s) {
    const spec = s as Extract<LayerSpec, { type: 'Conv2D' }>;
    return [
      ...(isPosInt(spec.filters, 4096) ? [] : [msg('spec.wholeRange', { setting: 'filters', max: 4096, got: got(spec.filters) })]),
      ...checkPair(spec.kernel_size, 'kernel_size', 1024),
      ...(spec.strides === undefined ? [] : checkPair(spec.strides, 'strides', 1024)),
      ...checkPadding(spec.padding),
      ...checkActivation(spec.activation),
      ...checkBool(spec.use_bias, 'use_bias'),
      ...checkInitializers(spec),
    ];
  },
  outputShape(s, input, index) {
    const notImage = needsImage('Conv2D', input, index);
    if (notImage) return notImage;
    const spec = s as Extract<LayerSpec, { type: 'Conv2D' }>;
    const [kh, kw] = pair(spec.kernel_size);
    const [sh, sw] = pair(spec.strides ?? 1);
    const padding = spec.padding ?? 'valid';
    const rows = windowAxis(input[0]!, kh, sh, padding), cols = windowAxis(input[1]!, kw, sw, padding);
    if (rows.out <= 0 || cols.out <= 0) {
      return {
        problem: msg('spec.kernelTooBig', { kernel: `${kh}×${kw}`, size: `${input[0]}×${input[1]}` }),
        fix: { kind: 'setPadding', index, padding: 'same' },
      };
    }
    return [rows.out, cols.out, spec.filters];
  },
  weights(s, input) {
    const spec = s as Extract<LayerSpec, { type: 'Conv2D' }>;
    return kernelAndBias([...pair(spec.kernel_size), input[2]!, spec.filters], spec.filters, spec.use_bias);
  },
  build(s, input, rng, kernels = jsKernels) {
    const spec = s as Extract<LayerSpec, { type: 'Conv2D' }>;
    const kernelSize = pair(spec.kernel_size);
    const layer = new Conv2D(input, {
      filters: spec.filters, kernelSize, strides: pair(spec.strides ?? 1),
      padding: spec.padding ?? 'valid', useBias: spec.use_bias !== false,
    }, kernels);
    const area = kernelSize[0] * kernelSize[1];
    return finishWeighted(layer, spec, area * input[2]!, area * spec.filters, rng, kernels);
  },
};

function pooling(type: 'MaxPooling2D' | 'AveragePooling2D'): LayerKind {
  const options = (s: LayerSpec) => {
    const spec = s as Extract<LayerSpec, { type: typeof type }>;
    const poolSize = pair(spec.pool_size ?? 2);
    return { poolSize, strides: pair(spec.strides ?? poolSize), padding: spec.padding ?? ('valid' as const) };
  };
  return {
    type,
    settings: ['pool_size', 'strides', 'padding'],
    checkSettings(s) {
      const spec = s as Extract<LayerSpec, { type: typeof type }>;
      return [
        ...(spec.pool_size === undefined ? [] : checkPair(spec.pool_size, 'pool_size', 1024)),
        ...(spec.strides === undefined || spec.strides === null ? [] : checkPair(spec.strides, 'strides', 1024)),
        ...checkPadding(spec.padding),
      ];
    },
    outputShape(s, input, index) {
      const notImage = needsImage(type, input, index);
      if (notImage) return notImage;
      const o = options(s);
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
    weights: none,
    build(s, input, _rng, kernels = jsKernels) {
      return [type === 'MaxPooling2D' ? new MaxPooling2D(input, options(s), kernels) : new AveragePooling2D(input, options(s), kernels)];
    },
  };
}

function activationKind(type: 'Activation' | 'ReLU' | 'LeakyReLU' | 'Softmax'): LayerKind {
  return {
    type,
    settings: type === 'Activation' ? ['activation'] : type === 'LeakyReLU' ? ['alpha'] : [],
    checkSettings(s) {
      if (s.type === 'Activation') {
        return s.activation === undefined ? [msg('spec.activationRequired')] : checkActivation(s.activation);
      }
      if (s.type === 'LeakyReLU' && s.alpha !== undefined && !(typeof s.alpha === 'number' && s.alpha >= 0 && s.alpha <= 1)) {
        return [msg('spec.alphaRange', { got: got(s.alpha) })];
      }
      return [];
    },
    outputShape: (_s, input) => input,
    weights: none,
    build(s, input, _rng, kernels = jsKernels) {
      const fn = s.type === 'Activation' ? activationFn(s.activation)
        : s.type === 'LeakyReLU' ? leakyRelu(s.alpha ?? 0.3)
        : activationFn(s.type === 'ReLU' ? 'relu' : 'softmax');
      return [new ActivationLayer(type, input, fn, kernels)];
    },
  };
}

const reshape: LayerKind = {
  type: 'Reshape',
  settings: ['target_shape'],
  checkSettings(s) {
    const target = (s as { target_shape: unknown }).target_shape;
    const ok = Array.isArray(target) && target.length >= 1 && target.length <= MAX_INPUT_RANK && Array.from(target).every((d) => isPosInt(d));
    return ok ? [] : [msg('spec.targetShape', { got: got(target) })];
  },
  outputShape(s, input) {
    const target = (s as Extract<LayerSpec, { type: 'Reshape' }>).target_shape;
    if (sizeOf(target) === sizeOf(input)) return [...target];
    // No one-click fix: only the student knows which shape they meant.
    return { problem: msg('spec.reshapeSize', { shape: target.join('×'), size: sizeOf(target), input: input.join('×'), inputSize: sizeOf(input) }) };
  },
  weights: none,
  build: (s, input) => [new Reshape(input, [...(s as Extract<LayerSpec, { type: 'Reshape' }>).target_shape])],
};

/** Over the last axis: one gamma, beta, moving mean and moving variance per feature (or channel). */
const batchNormalization: LayerKind = {
  type: 'BatchNormalization',
  settings: ['momentum', 'epsilon'],
  wholeBatch: true,
  checkSettings(s) {
    const spec = s as { momentum?: unknown; epsilon?: unknown };
    const m = spec.momentum, e = spec.epsilon;
    return [
      ...(m === undefined || (typeof m === 'number' && m > 0 && m < 1) ? [] : [msg('spec.momentumRange', { got: got(m) })]),
      ...(e === undefined || (typeof e === 'number' && e > 0 && Number.isFinite(e)) ? [] : [msg('spec.epsilonRange', { got: got(e) })]),
    ];
  },
  outputShape: (_s, input) => input,
  weights(_s, input) {
    const features = [input[input.length - 1]!];
    return [
      { name: 'gamma', shape: features, trainable: true },
      { name: 'beta', shape: features, trainable: true },
      { name: 'moving_mean', shape: features, trainable: false },
      { name: 'moving_variance', shape: features, trainable: false },
    ];
  },
  build(s, input, _rng, kernels = jsKernels) {
    const spec = s as Extract<LayerSpec, { type: 'BatchNormalization' }>;
    return [new BatchNormalization(input, spec.momentum ?? BN_DEFAULTS.momentum, spec.epsilon ?? BN_DEFAULTS.epsilon, kernels)];
  },
};

const REGISTRY: Record<LayerType, LayerKind> = {
  Dense: dense,
  Conv2D: conv2d,
  MaxPooling2D: pooling('MaxPooling2D'),
  AveragePooling2D: pooling('AveragePooling2D'),
  Flatten: {
    type: 'Flatten',
    settings: [],
    checkSettings: () => [],
    outputShape: (_s, input) => [sizeOf(input)],
    weights: none,
    build: (_s, input) => [new Flatten(input)],
  },
  Dropout: {
    type: 'Dropout',
    settings: ['rate'],
    checkSettings(s) {
      const rate = (s as { rate: unknown }).rate;
      return typeof rate === 'number' && rate >= 0 && rate < 1 ? [] : [msg('spec.rateRange', { got: got(rate) })];
    },
    outputShape: (_s, input) => input,
    weights: none,
    build: (s, input, rng, kernels = jsKernels) => [new Dropout(input, (s as { rate: number }).rate, rng.fork(), kernels)],
  },
  Activation: activationKind('Activation'),
  ReLU: activationKind('ReLU'),
  LeakyReLU: activationKind('LeakyReLU'),
  Softmax: activationKind('Softmax'),
  Reshape: reshape,
  BatchNormalization: batchNormalization,
};

export function layerKind(type: LayerType): LayerKind {
  return REGISTRY[type];
}

/** Every parameter of a built op list, in order (kernel before bias, layer by layer). */
export function paramsOf(ops: readonly Layer[]): Param[] {
  return ops.flatMap((op) => op.params);
}
