import type { InitializerName } from '../core/initializers';
import { isActivationName } from '../layers/activations';
import { BN_DEFAULTS } from '../layers/batchNormalization';
import type { Shape } from '../layers/layer';
import { layerNames } from '../model/analyze';
import { pair, type LayerSpec } from '../model/spec';
import { LocalizedError, msg, type Message } from '../messages';

/**
 * One spec layer ⇄ one Keras layer `{class_name, config}` as TensorFlow.js 4.22 writes it
 * (snake_case config, every key its `getConfig()` emits), so tfjs and Keras load our files
 * and we load theirs. Import refuses whatever we could not reproduce exactly rather than
 * loading a model that would predict differently from the one that was saved.
 */
export class ModelFileError extends LocalizedError {
  constructor(message: string | Message) {
    super(message);
    this.name = 'ModelFileError';
  }
}

export interface KerasLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** Own properties only: a file's `"constructor"` or a missing key must never reach Object.prototype. */
export function own(o: unknown, key: string): unknown {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, key) ? (o as Json)[key] : undefined;
}

export function isObject(o: unknown): o is Json {
  return o !== null && typeof o === 'object' && !Array.isArray(o);
}

const CLASS_OF: Record<LayerSpec['type'], string> = {
  Dense: 'Dense', Conv2D: 'Conv2D', MaxPooling2D: 'MaxPooling2D', AveragePooling2D: 'AveragePooling2D', Flatten: 'Flatten',
  Dropout: 'Dropout', Activation: 'Activation', ReLU: 'ReLU', LeakyReLU: 'LeakyReLU', Softmax: 'Softmax',
  Reshape: 'Reshape', BatchNormalization: 'BatchNormalization',
};
const ALIASES: Record<string, LayerSpec['type']> = { MaxPool2D: 'MaxPooling2D', AvgPool2D: 'AveragePooling2D' };
const SUPPORTED = Object.keys(CLASS_OF).join(', ');

/** Keras/tfjs spell our initializers as VarianceScaling; tfjs's "normal" is the truncated normal we draw. */
const INIT_JSON: Record<InitializerName, { class_name: string; config: Json }> = {
  glorot_uniform: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } },
  glorot_normal: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
  he_uniform: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null } },
  he_normal: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: null } },
  zeros: { class_name: 'Zeros', config: {} },
};

/** tfjs refuses weight names outside this pattern, and a layer name becomes `<name>/kernel`. */
const TENSOR_NAME = /^[A-Za-z0-9][-A-Za-z0-9._]*$/;

/** The names layers get in the file: the spec's (or generated) names, made valid and unique for tfjs. */
export function kerasNames(layers: readonly LayerSpec[]): string[] {
  const taken = new Set<string>();
  return layerNames(layers).map((n) => {
    let name = TENSOR_NAME.test(n) ? n : `layer_${n.replace(/[^-A-Za-z0-9._]/g, '_')}`;
    for (let k = 2; taken.has(name); k++) name = `${name.replace(/_\d+$/, '')}_${k}`;
    taken.add(name);
    return name;
  });
}

export function toKerasLayer(spec: LayerSpec, name: string, inputShape?: Shape): KerasLayerJson {
  const weights = (s: { activation?: string; use_bias?: boolean; kernel_initializer?: InitializerName; bias_initializer?: InitializerName }) => ({
    activation: s.activation ?? 'linear',
    use_bias: s.use_bias ?? true,
    kernel_initializer: INIT_JSON[s.kernel_initializer ?? 'glorot_uniform'],
    bias_initializer: INIT_JSON[s.bias_initializer ?? 'zeros'],
    kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
  });
  let config: Json;
  switch (spec.type) {
    case 'Dense': config = { units: spec.units, ...weights(spec) }; break;
    case 'Conv2D':
      config = {
        filters: spec.filters, kernel_size: pair(spec.kernel_size), strides: pair(spec.strides ?? 1),
        padding: spec.padding ?? 'valid', data_format: 'channels_last', dilation_rate: [1, 1], ...weights(spec),
      };
      break;
    case 'MaxPooling2D': case 'AveragePooling2D': {
      const poolSize = pair(spec.pool_size ?? 2);
      config = { pool_size: poolSize, padding: spec.padding ?? 'valid', strides: pair(spec.strides ?? poolSize), data_format: 'channels_last' };
      break;
    }
    case 'Flatten': config = {}; break;
    case 'Dropout': config = { rate: spec.rate, noise_shape: null, seed: null }; break;
    case 'Activation': config = { activation: spec.activation }; break;
    case 'ReLU': config = { max_value: null }; break;
    case 'LeakyReLU': config = { alpha: spec.alpha ?? 0.3 }; break;
    // -1 (the last axis, what our softmax does) whatever the rank; tfjs's own default 1 is only right for vectors.
    case 'Softmax': config = { axis: -1 }; break;
    case 'Reshape': config = { target_shape: [...spec.target_shape] }; break;
    case 'BatchNormalization':
      config = {
        axis: -1, momentum: spec.momentum ?? BN_DEFAULTS.momentum, epsilon: spec.epsilon ?? BN_DEFAULTS.epsilon, center: true, scale: true,
        beta_initializer: INIT_JSON.zeros, gamma_initializer: { class_name: 'Ones', config: {} },
        moving_mean_initializer: INIT_JSON.zeros, moving_variance_initializer: { class_name: 'Ones', config: {} },
        beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
      };
      break;
  }
  config.name = name;
  config.trainable = true;
  if (inputShape) config.batch_input_shape = [null, ...inputShape];
  config.dtype = 'float32';
  return { class_name: CLASS_OF[spec.type], config };
}

/** A layer's declared input shape without the batch axis: undefined when it declares none. */
export function declaredInputShape(json: unknown): unknown[] | undefined {
  const config = own(json, 'config');
  const shape = own(config, 'batch_input_shape') ?? own(config, 'batch_shape');
  if (shape === undefined || shape === null) return undefined;
  return Array.isArray(shape) ? shape.slice(1) : [shape];
}

/**
 * A Keras layer as a spec layer, or 'input' for an InputLayer. `inputRank` (per-sample rank
 * of the layer's input, when known) lets a Softmax or BatchNormalization written with a
 * positive axis be recognised as the last axis; `inputSize` (values per sample) fills in a
 * Reshape's one unknown dimension (Keras -1, tfjs null). Values are passed through unchecked where analyzeNetwork
 * checks them later; what it cannot see (Keras options we lack) is refused here.
 */
export function fromKerasLayer(json: unknown, index: number, inputRank?: number, inputSize?: number): LayerSpec | 'input' {
  const cls = own(json, 'class_name');
  const c = own(json, 'config');
  const rawName = own(c, 'name');
  const layer = typeof rawName === 'string' ? msg('modelFile.layerNamed', { n: index + 1, name: rawName }) : msg('modelFile.layer', { n: index + 1 });
  const refuse: (why: Message) => never = (why) => {
    throw new ModelFileError(msg('modelFile.layerRefused', { layer, why }));
  };
  if (typeof cls !== 'string') refuse(msg('modelFile.why.noClassName'));
  if (!isObject(c)) refuse(msg('modelFile.why.noConfig'));
  const config = c as Json;
  if (cls === 'InputLayer') return 'input';
  const type = ALIASES[cls as string] ?? (Object.hasOwn(CLASS_OF, cls as string) ? (cls as LayerSpec['type']) : null);
  if (type === null) refuse(msg('modelFile.why.unsupported', { cls: cls as string, supported: SUPPORTED }));
  const get = (k: string) => own(config, k);
  // Keras 3 writes a DTypePolicy object where Keras 2 and tfjs write a string.
  const dtype = isObject(get('dtype')) ? own(own(get('dtype'), 'config'), 'name') : get('dtype');
  if (typeof dtype === 'string' && dtype !== 'float32') refuse(msg('modelFile.why.dtype', { dtype }));
  const fmt = get('data_format');
  if (fmt !== undefined && fmt !== null && fmt !== 'channels_last') {
    refuse(msg('modelFile.why.dataFormat', { format: quoted(fmt) }));
  }
  const activation = (key: string, required = false): Json => {
    const a = get(key);
    if (a === undefined || a === null) return required ? refuse(msg('modelFile.why.noSetting', { key })) : {};
    if (!isActivationName(a)) refuse(msg('modelFile.why.activation', { activation: quoted(a) }));
    return a === 'linear' && !required ? {} : { activation: a };
  };
  const spec: Json = { type, ...(typeof rawName === 'string' && rawName !== '' ? { name: rawName } : {}) };
  const initializers = (): Json => ({ ...initializer(get('kernel_initializer'), 'kernel_initializer', 'glorot_uniform'), ...initializer(get('bias_initializer'), 'bias_initializer', 'zeros') });
  const useBias = get('use_bias') === false ? { use_bias: false } : get('use_bias') === undefined || get('use_bias') === true ? {} : { use_bias: get('use_bias') };
  switch (type) {
    case 'Dense':
      if (get('lora_rank') !== undefined && get('lora_rank') !== null) refuse(msg('modelFile.why.lora'));
      return { ...spec, units: get('units'), ...activation('activation'), ...useBias, ...initializers() } as unknown as LayerSpec;
    case 'Conv2D': {
      const dilation = normalPair(get('dilation_rate') ?? 1);
      if (dilation !== 1) refuse(msg('modelFile.why.dilation', { value: quoted(get('dilation_rate')) }));
      const groups = get('groups');
      if (groups !== undefined && groups !== null && groups !== 1) refuse(msg('modelFile.why.groups', { value: quoted(groups) }));
      const strides = normalPair(get('strides') ?? 1);
      return {
        ...spec, filters: get('filters'), kernel_size: normalPair(get('kernel_size')), ...(strides === 1 ? {} : { strides }), ...padding(get('padding')),
        ...activation('activation'), ...useBias, ...initializers(),
      } as unknown as LayerSpec;
    }
    case 'MaxPooling2D': case 'AveragePooling2D': {
      const poolSize = get('pool_size') === undefined || get('pool_size') === null ? 2 : normalPair(get('pool_size'));
      const strides = get('strides') === undefined || get('strides') === null ? poolSize : normalPair(get('strides'));
      return {
        ...spec, ...(poolSize === 2 ? {} : { pool_size: poolSize }),
        ...(JSON.stringify(strides) === JSON.stringify(poolSize) ? {} : { strides }), ...padding(get('padding')),
      } as unknown as LayerSpec;
    }
    case 'Flatten': return spec as unknown as LayerSpec;
    case 'Dropout': {
      const noise = get('noise_shape');
      if (noise !== undefined && noise !== null) refuse(msg('modelFile.why.noiseShape'));
      return { ...spec, rate: get('rate') } as unknown as LayerSpec;
    }
    case 'Activation': return { ...spec, ...activation('activation', true) } as unknown as LayerSpec;
    case 'ReLU': {
      const max = get('max_value'), threshold = get('threshold') ?? 0, slope = get('negative_slope') ?? 0;
      if (max !== undefined && max !== null) refuse(msg('modelFile.why.maxValue', { value: quoted(max) }));
      if (threshold !== 0) refuse(msg('modelFile.why.threshold', { value: quoted(threshold) }));
      if (slope !== 0) refuse(msg('modelFile.why.negativeSlope', { value: quoted(slope) }));
      return spec as unknown as LayerSpec;
    }
    case 'LeakyReLU': {
      const alpha = get('alpha') ?? get('negative_slope') ?? 0.3;
      return (alpha === 0.3 ? spec : { ...spec, alpha }) as unknown as LayerSpec;
    }
    case 'Reshape': return { ...spec, target_shape: knownShape(get('target_shape'), inputSize) } as unknown as LayerSpec;
    case 'BatchNormalization': {
      // Keras 2 may write the axis as a list; the last axis counts the batch's, so it is the input's rank.
      const raw = get('axis') ?? -1;
      const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (axis !== -1 && !(inputRank !== undefined && axis === inputRank)) refuse(msg('modelFile.why.bnAxis', { axis: quoted(raw) }));
      for (const key of ['center', 'scale']) {
        if (get(key) !== undefined && get(key) !== true) refuse(msg('modelFile.why.bnCenterScale', { key, value: quoted(get(key)) }));
      }
      for (const key of ['renorm', 'synchronized']) {
        if (get(key) !== undefined && get(key) !== false && get(key) !== null) refuse(msg('modelFile.why.bnOption', { key, value: quoted(get(key)) }));
      }
      for (const key of ['virtual_batch_size', 'adjustment']) {
        if (get(key) !== undefined && get(key) !== null) refuse(msg('modelFile.why.bnOption', { key, value: quoted(get(key)) }));
      }
      const momentum = get('momentum') ?? BN_DEFAULTS.momentum, epsilon = get('epsilon') ?? BN_DEFAULTS.epsilon;
      return {
        ...spec, ...(momentum === BN_DEFAULTS.momentum ? {} : { momentum }), ...(epsilon === BN_DEFAULTS.epsilon ? {} : { epsilon }),
      } as unknown as LayerSpec;
    }
    case 'Softmax': {
      const raw = get('axis') ?? -1;
      const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (axis !== -1 && !(inputRank !== undefined && axis === inputRank)) {
        refuse(msg('modelFile.why.softmaxAxis', { axis: quoted(raw) }));
      }
      return spec as unknown as LayerSpec;
    }
  }
  return refuse(msg('modelFile.why.unreadable'));
}

/** A target shape with its one -1 or null replaced by what the input's size implies; anything else as it is, for analyzeNetwork to report. */
function knownShape(target: unknown, inputSize: number | undefined): unknown {
  if (!Array.isArray(target) || inputSize === undefined) return target;
  const unknown = target.filter((d) => d === -1 || d === null).length;
  const known = target.filter((d) => Number.isInteger(d) && d >= 1) as number[];
  if (unknown !== 1 || known.length !== target.length - 1) return target;
  const product = known.reduce((a, b) => a * b, 1);
  return inputSize % product === 0 ? target.map((d) => (d === -1 || d === null ? inputSize / product : d)) : target;
}

/** A value as the file writes it, for a message. */
const quoted = (v: unknown): string => String(JSON.stringify(v));

/** [n, n] → n so `kernel_size: 5` survives a round trip; anything odd is kept for analyzeNetwork to report. */
function normalPair(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 2 && v[0] === v[1] && typeof v[0] === 'number') return v[0];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') return v[0];
  return v;
}

function padding(v: unknown): Json {
  return v === undefined || v === null || v === 'valid' ? {} : { padding: v };
}

/**
 * Initializers only shape fresh weights, never a trained model's predictions, so one we
 * do not have falls back to the Keras default instead of refusing the file.
 */
function initializer(v: unknown, key: string, dflt: InitializerName): Json {
  const name = initializerName(v);
  return name === null || name === dflt ? {} : { [key]: name };
}

function initializerName(v: unknown): InitializerName | null {
  const cls = typeof v === 'string' ? v : own(v, 'class_name');
  if (typeof cls !== 'string') return null;
  const simple = cls.replace(/[_\s]/g, '').toLowerCase();
  const named: Record<string, InitializerName> = {
    glorotuniform: 'glorot_uniform', glorotnormal: 'glorot_normal', heuniform: 'he_uniform', henormal: 'he_normal', zeros: 'zeros',
  };
  if (named[simple]) return named[simple]!;
  if (simple !== 'variancescaling') return null;
  const c = own(v, 'config');
  const scale = own(c, 'scale') ?? 1, mode = own(c, 'mode') ?? 'fan_in', dist = own(c, 'distribution') ?? 'truncated_normal';
  const uniform = dist === 'uniform' ? true : dist === 'normal' || dist === 'truncated_normal' ? false : null;
  if (uniform === null) return null;
  if (scale === 1 && mode === 'fan_avg') return uniform ? 'glorot_uniform' : 'glorot_normal';
  if (scale === 2 && mode === 'fan_in') return uniform ? 'he_uniform' : 'he_normal';
  return null;
}
