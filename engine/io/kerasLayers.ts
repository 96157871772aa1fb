import type { InitializerName } from '../core/initializers';
import { isActivationName } from '../layers/activations';
import type { KerasReader } from '../layers/kind';
import { quoted } from '../layers/kindHelpers';
import type { Shape } from '../layers/layer';
import { layerNames } from '../model/analyze';
import { KINDS, kindOfKerasClass, layerKind } from '../model/registry';
import type { LayerSpec } from '../model/spec';
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

const SUPPORTED = KINDS.map((k) => k.keras.className).join(', ');

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
  const keras = layerKind(spec.type).keras;
  const config: Json = keras.toConfig(spec);
  config.name = name;
  config.trainable = true;
  if (inputShape) config.batch_input_shape = [null, ...inputShape];
  config.dtype = 'float32';
  return { class_name: keras.className, config };
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
  const kind = kindOfKerasClass(cls as string);
  if (kind === null) return refuse(msg('modelFile.why.unsupported', { cls: cls as string, supported: SUPPORTED }));
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
  const reader: KerasReader = {
    get, refuse, activation, inputRank, inputSize,
    weightOptions: () => {
      const useBias = get('use_bias') === false ? { use_bias: false } : get('use_bias') === undefined || get('use_bias') === true ? {} : { use_bias: get('use_bias') };
      return { ...useBias, ...initializer(get('kernel_initializer'), 'kernel_initializer', 'glorot_uniform'), ...initializer(get('bias_initializer'), 'bias_initializer', 'zeros') };
    },
  };
  const named = typeof rawName === 'string' && rawName !== '' ? { name: rawName } : {};
  return { type: kind.type, ...named, ...kind.keras.fromConfig(reader) } as unknown as LayerSpec;
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
  if (typeof scale === 'number' && Math.abs(scale - 1 / 3) < 1e-6 && mode === 'fan_in' && uniform) return 'pytorch_uniform';
  return null;
}
