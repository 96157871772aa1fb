/**
 * What several layer kinds share: setting checks, the image/vector shape requirements,
 * kernel-and-bias weights, the inspector controls of common settings, and the Keras
 * spelling of activations and initializers.
 */
import { INITIALIZERS, initialize, isInitializerName, kernelFans, type InitializerName } from '../core/initializers';
import { jsKernels, type Kernels } from '../core/kernels';
import type { Rng } from '../core/rng';
import { msg, type Message } from '../messages';
import { ActivationLayer } from './activation';
import { ACTIVATIONS, activationFn, isActivationName, type ActivationName } from './activations';
import type { Conv2D } from './conv2d';
import type { Dense } from './dense';
import type { IntSetting, SelectSetting, SettingDescriptor, ShapeProblem, WeightShape } from './kind';
import type { Layer, Shape } from './layer';

export const fmtShape = (s: Shape) => `[${s.join(', ')}]`;
/** A setting's value as the user wrote it, for "(got …)". */
export const got = (v: unknown): string => String(JSON.stringify(v));

export function needsImage(type: string, input: Shape, index: number): ShapeProblem | null {
  if (input.length === 3) return null;
  return { problem: msg('spec.needsImage', { type, shape: fmtShape(input) }), fix: { kind: 'removeLayer', index } };
}

export function needsVector(type: string, input: Shape, index: number): ShapeProblem | null {
  if (input.length === 1) return null;
  return { problem: msg('spec.needsVector', { type, shape: fmtShape(input) }), fix: { kind: 'insertFlatten', index } };
}

export const isPosInt = (v: unknown, max = 1e6): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max;

export function checkWhole(value: unknown, setting: string, max: number): Message[] {
  return isPosInt(value, max) ? [] : [msg('spec.wholeRange', { setting, max, got: got(value) })];
}

export function checkPair(value: unknown, what: string, max: number): Message[] {
  const ok = isPosInt(value, max) ||
    (Array.isArray(value) && value.length === 2 && isPosInt(value[0], max) && isPosInt(value[1], max));
  return ok ? [] : [msg('spec.pairRange', { setting: what, max, got: got(value) })];
}

export function checkActivation(v: unknown): Message[] {
  return v === undefined || isActivationName(v) ? [] : [msg('spec.activationChoice', { got: got(v) })];
}

export function checkBool(v: unknown, what: string): Message[] {
  return v === undefined || typeof v === 'boolean' ? [] : [msg('spec.boolean', { setting: what })];
}

export function checkPadding(v: unknown): Message[] {
  return v === undefined || v === 'valid' || v === 'same' ? [] : [msg('spec.paddingChoice', { got: got(v) })];
}

/** Dense's and Conv2D's settings after their size: activation, bias, initializers. */
export interface WeightOptions {
  activation?: ActivationName;
  use_bias?: boolean;
  kernel_initializer?: InitializerName;
  bias_initializer?: InitializerName;
}

export function checkWeightOptions(spec: WeightOptions): Message[] {
  const out = [...checkActivation(spec.activation), ...checkBool(spec.use_bias, 'use_bias')];
  for (const key of ['kernel_initializer', 'bias_initializer'] as const) {
    const v = spec[key];
    if (v !== undefined && !isInitializerName(v)) out.push(msg('spec.initializerChoice', { setting: key, got: got(v) }));
  }
  return out;
}

/** A kernel and, unless `use_bias` is false, a bias. */
export function kernelAndBias(kernel: number[], units: number, useBias: unknown): WeightShape[] {
  const k: WeightShape = { name: 'kernel', shape: kernel, trainable: true };
  return useBias === false ? [k] : [k, { name: 'bias', shape: [units], trainable: true }];
}

export const noWeights = (): WeightShape[] => [];

/** Initialises a kernel and bias (fans from the kernel's shape) and appends the activation op, shared by Dense and Conv2D. */
export function finishWeighted(layer: Dense | Conv2D, spec: WeightOptions, rng: Rng, kernels: Kernels = jsKernels): Layer[] {
  const { fanIn, fanOut } = kernelFans(layer.kernel.shape);
  initialize(spec.kernel_initializer ?? 'glorot_uniform', layer.kernel.value, fanIn, fanOut, rng);
  if (layer.bias) initialize(spec.bias_initializer ?? 'zeros', layer.bias.value, fanIn, fanOut, rng);
  const act = spec.activation ?? 'linear';
  if (act === 'linear') return [layer];
  return [layer, new ActivationLayer(layer.type, layer.outputShape, activationFn(act), kernels)];
}

export const intControl = (key: string, min: number, max: number, required: boolean, pair = false, fallback?: number | null): IntSetting =>
  ({ key, control: 'int', min, max, required, pair, ...(fallback !== undefined ? { fallback } : {}) });

export const activationControl = (required = false): SelectSetting =>
  ({ key: 'activation', control: 'select', options: ACTIVATIONS, required, fallback: 'linear' });

export const paddingControl: SelectSetting = { key: 'padding', control: 'select', options: ['valid', 'same'], required: false, fallback: 'valid' };

/** activation, use_bias and both initializers, in that order. */
export const WEIGHT_CONTROLS: readonly SettingDescriptor[] = [
  activationControl(),
  { key: 'use_bias', control: 'bool', required: false, fallback: true },
  { key: 'kernel_initializer', control: 'select', options: INITIALIZERS, required: false, fallback: 'glorot_uniform' },
  { key: 'bias_initializer', control: 'select', options: INITIALIZERS, required: false, fallback: 'zeros' },
];

type Json = Record<string, unknown>;

/** Keras/tfjs spell our initializers as VarianceScaling; tfjs's "normal" is the truncated normal we draw. */
export const INIT_JSON: Record<InitializerName, { class_name: string; config: Json }> = {
  glorot_uniform: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } },
  glorot_normal: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
  he_uniform: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null } },
  he_normal: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: null } },
  pytorch_uniform: { class_name: 'VarianceScaling', config: { scale: 1 / 3, mode: 'fan_in', distribution: 'uniform', seed: null } },
  zeros: { class_name: 'Zeros', config: {} },
};

/** The Keras config keys of `WeightOptions`, as TF.js writes them. */
export function weightOptionsConfig(s: WeightOptions): Json {
  return {
    activation: s.activation ?? 'linear',
    use_bias: s.use_bias ?? true,
    kernel_initializer: INIT_JSON[s.kernel_initializer ?? 'glorot_uniform'],
    bias_initializer: INIT_JSON[s.bias_initializer ?? 'zeros'],
    kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
  };
}

/** A value as the file writes it, for a message. */
export const quoted = (v: unknown): string => String(JSON.stringify(v));

/** [n, n] → n so `kernel_size: 5` survives a round trip; anything odd is kept for analyzeNetwork to report. */
export function normalPair(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 2 && v[0] === v[1] && typeof v[0] === 'number') return v[0];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') return v[0];
  return v;
}

export function paddingFromConfig(v: unknown): Json {
  return v === undefined || v === null || v === 'valid' ? {} : { padding: v };
}

/** Keras 2 may write an axis as a one-element list; -1 or the input's rank (the batch counts) is the last axis. */
export function isLastAxis(raw: unknown, inputRank: number | undefined): boolean {
  const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  return axis === -1 || (inputRank !== undefined && axis === inputRank);
}
