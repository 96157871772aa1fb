import { sizeOf, type Shape } from '../layers/layer';
import { formatMessage, msg, type Message, type MessageKey } from '../messages';
import { MAX_PARAMS } from './limits';
import { isShapeProblem, layerKind, weightCounts } from './registry';
import { isInputShape, isLayerType, LAYER_TYPES, type LayerSpec, type NetworkSpec } from './spec';
import { SpecError, type SpecFix, type SpecIssue } from './specError';

/** One row of the summary: a spec layer with its shapes and parameter count. */
export interface LayerInfo {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  /** Per-sample shapes; null once an earlier layer has a problem. */
  readonly inputShape: Shape | null;
  readonly outputShape: Shape | null;
  /**
   * Every number the layer holds, as Keras's summary counts them ("Total params"):
   * BatchNormalization's moving statistics included, though no optimizer trains them.
   */
  readonly params: number;
  /** The ones training changes (Keras's "Trainable params"). */
  readonly trainableParams: number;
}

export interface NetworkAnalysis {
  readonly inputShape: Shape;
  readonly layers: readonly LayerInfo[];
  /** The errors (severity 'error'), in layer order; empty when the network can be built and trained. */
  readonly issues: readonly SpecIssue[];
  /**
   * Advice (severity 'warning') about a network that trains but will learn badly. Kept
   * apart from `issues` so that every check for "can this network train?" stays a check
   * that `issues` is empty.
   */
  readonly warnings: readonly SpecIssue[];
  readonly outputShape: Shape | null;
  /** Every weight (what the model file holds); `trainableParams` of them are trained. */
  readonly totalParams: number;
  readonly trainableParams: number;
}

export interface AnalyzeOptions {
  /** Required width of the output (10 for digits); null to accept any output. */
  numClasses?: number | null;
  /**
   * The widths the output may have, the preferred first (two classes: [2, 1], softmax or
   * one sigmoid unit); overrides `numClasses`.
   */
  outputWidths?: readonly number[] | null;
  /** 'values' for a regression: its output is not class scores, so no softmax advice. Default 'classes'. */
  outputKind?: 'classes' | 'values';
  /** A reconstruction (an autoencoder): the output must have the input's shape; `outputWidths` is then not used. */
  reconstruct?: boolean;
}

export { MAX_PARAMS } from './limits';

/** Keras-style names (`dense_1`, `dense_2`, `conv2d_1`) for layers that have none; given names are kept. */
export function layerNames(layers: readonly { type: string; name?: string }[]): string[] {
  const counters = new Map<string, number>();
  const taken = new Set(layers.map((l) => l.name).filter((n): n is string => typeof n === 'string'));
  return layers.map((l) => {
    if (typeof l.name === 'string' && l.name !== '') return l.name;
    const base = isLayerType(l.type) ? layerKind(l.type).keras.stem : String(l.type).toLowerCase();
    let n = counters.get(base) ?? 0;
    let name: string;
    do name = `${base}_${++n}`; while (taken.has(name));
    counters.set(base, n);
    taken.add(name);
    return name;
  });
}

/**
 * Shape inference and validation before anything is built: every layer's output shape
 * and parameter count (the summary table), and every problem with a message that names
 * the layer and says how to fix it. Never throws, whatever JSON it is given.
 */
export function analyzeNetwork(spec: NetworkSpec, opts: AnalyzeOptions = {}): NetworkAnalysis {
  const numClasses = opts.numClasses === undefined ? 10 : opts.numClasses;
  const widths = opts.outputWidths !== undefined ? opts.outputWidths : numClasses === null ? null : [numClasses];
  const preferred = widths?.[0] ?? null;
  const issues: SpecIssue[] = [];
  const networkIssue = (detail: Message, fix?: SpecFix) => issues.push(specIssue('error', null, null, detail, fix));
  const input = spec?.input_shape;
  const inputOk = isInputShape(input);
  const inputShape: Shape = inputOk ? [...input] : [28, 28, 1];
  if (!inputOk) {
    networkIssue(msg('spec.inputShape', { got: String(JSON.stringify(input)) }));
  }
  const layers: readonly LayerSpec[] = Array.isArray(spec?.layers) ? spec.layers : [];
  if (!Array.isArray(spec?.layers)) {
    networkIssue(msg('spec.noLayerList'));
  }
  const names = layerNames(layers.map((l) => (l && typeof l === 'object' ? l : { type: '?' })));
  const seen = new Set<string>();
  const rows: LayerInfo[] = [];
  let shape: Shape | null = inputShape;
  let total = 0, trainable = 0;

  layers.forEach((layer, index) => {
    const name = names[index]!;
    const issue = (detail: Message, fix?: SpecFix) => issues.push(specIssue('error', index, name, detail, fix));
    const inShape = shape;
    if (!layer || typeof layer !== 'object' || !isLayerType(layer.type)) {
      issue(msg('spec.unknownType', { type: String(JSON.stringify(layer?.type)), known: LAYER_TYPES.join(', ') }), { kind: 'removeLayer', index });
      rows.push({ index, name, type: String(layer?.type), inputShape: inShape, outputShape: null, params: 0, trainableParams: 0 });
      shape = null;
      return;
    }
    if (seen.has(name)) issue(msg('spec.duplicateName', { name }));
    seen.add(name);
    const kind = layerKind(layer.type);
    const unknown = Object.keys(layer).filter((k) => k !== 'type' && k !== 'name' && !kind.settings.includes(k));
    for (const k of unknown) {
      const takes = kind.settings.length ? msg('spec.takesSettings', { settings: kind.settings.join(', ') }) : msg('spec.takesNoSettings');
      issue(msg('spec.unknownSetting', { type: layer.type, setting: k, takes }));
    }
    const bad = kind.checkSettings(layer);
    for (const m of bad) issue(m);
    if (bad.length > 0 || unknown.length > 0 || inShape === null) {
      rows.push({ index, name, type: layer.type, inputShape: inShape, outputShape: null, params: 0, trainableParams: 0 });
      shape = null;
      return;
    }
    const out = kind.outputShape(layer, inShape, index);
    if (isShapeProblem(out)) {
      issue(out.problem, out.fix);
      rows.push({ index, name, type: layer.type, inputShape: inShape, outputShape: null, params: 0, trainableParams: 0 });
      shape = null;
      return;
    }
    const counts = weightCounts(kind.weights(layer, inShape));
    total += counts.total;
    trainable += counts.trainable;
    rows.push({ index, name, type: layer.type, inputShape: inShape, outputShape: out, params: counts.total, trainableParams: counts.trainable });
    shape = out;
  });

  if (opts.reconstruct && inputOk && Array.isArray(spec?.layers) && (shape === null ? false : !sameShape(shape, inputShape))) {
    networkIssue(reconstructionProblem(shape!, inputShape), { kind: 'appendLayers', layers: reconstructionEnd(shape!, inputShape) });
  } else if (opts.reconstruct) {
    // Checked above; an empty network already gives its input back.
  } else if (layers.length === 0 && Array.isArray(spec?.layers)) {
    networkIssue(msg('spec.noLayers', { units: preferred ?? 10 }), { kind: 'appendOutput', units: preferred ?? 10 });
  } else if (shape !== null && widths !== null && preferred !== null && !(shape.length === 1 && widths.includes(shape[0]!))) {
    const s: Shape = shape;
    networkIssue(s.length !== 1
      ? msg('spec.endsWithImage', { shape: `[${s.join(', ')}]`, units: preferred })
      : msg('spec.wrongOutputCount', { outputs: s[0]!, classes: preferred }),
    { kind: 'appendOutput', units: preferred });
  }
  if (total > MAX_PARAMS) {
    networkIssue(msg('spec.tooManyParams', { total, max: MAX_PARAMS }));
  }
  // Softmax advice is for class scores: not for values, nor for a single sigmoid unit (two classes as one probability).
  const outputOk = shape !== null && widths !== null && shape.length === 1 && widths.includes(shape[0]!)
    && (opts.outputKind ?? 'classes') === 'classes' && shape[0]! > 1;
  const warnings = [...zeroInitWarnings(layers, names), ...(outputOk ? outputActivationWarnings(layers, names) : [])];
  return { inputShape, layers: rows, issues, warnings, outputShape: shape, totalParams: total, trainableParams: trainable };
}

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
const shapeText = (s: Shape) => s.join('×');

function reconstructionProblem(out: Shape, input: Shape): Message {
  const size = sizeOf(input);
  return out.length === 1 && out[0] === size
    ? msg('spec.reconstructionReshape', { output: shapeText(out), input: shapeText(input) })
    : msg('spec.reconstructionShape', { output: shapeText(out), input: shapeText(input), units: size });
}

/**
 * What gives an autoencoder its input's shape back, computed from that shape: a Dense layer
 * of as many sigmoid units as the input has values (pixels in [0, 1]), then a Reshape to
 * the input's shape (unless it is flat); a Flatten first if the end is not flat; only the
 * Reshape when the end already holds the right number of values.
 */
export function reconstructionEnd(out: Shape, input: Shape): LayerSpec[] {
  const size = sizeOf(input);
  const reshape: LayerSpec[] = input.length > 1 ? [{ type: 'Reshape', target_shape: [...input] }] : [];
  if (out.length === 1 && out[0] === size) return reshape;
  return [...(out.length === 1 ? [] : [{ type: 'Flatten' } as const]), { type: 'Dense', units: size, activation: 'sigmoid' }, ...reshape];
}

/** An issue with its English message (logs, the CLI) and its catalog message (the UI). */
function specIssue(severity: SpecIssue['severity'], layerIndex: number | null, layerName: string | null, detail: Message, fix?: SpecFix): SpecIssue {
  return { severity, layerIndex, layerName, message: formatMessage(detail), detail, ...(fix ? { fix } : {}) };
}

/** What each activation does to class scores, in the words of the warning. */
const SCORE_DAMAGE: Record<string, MessageKey> = {
  relu: 'spec.damage.relu',
  'leaky relu': 'spec.damage.leakyRelu',
  sigmoid: 'spec.damage.sigmoid',
  tanh: 'spec.damage.tanh',
};

/**
 * A weighted layer whose kernel starts at zero gives every unit the same weights: its
 * units compute the same value, and nothing but the layers after it can make them differ
 * (with relu, nothing at all: relu'(0) = 0). Only hidden layers: a zero-initialised
 * output layer is plain softmax regression, whose units the labels tell apart.
 */
function zeroInitWarnings(layers: readonly LayerSpec[], names: readonly string[]): SpecIssue[] {
  // Whatever has a kernel: the kinds that take a kernel_initializer.
  const weighted = (l: LayerSpec | undefined) => !!l && typeof l === 'object' && isLayerType(l.type) && layerKind(l.type).settings.includes('kernel_initializer');
  const lastWeighted = layers.findLastIndex(weighted);
  const out: SpecIssue[] = [];
  layers.forEach((layer, index) => {
    if (index >= lastWeighted || !weighted(layer)) return;
    if ((layer as { kernel_initializer?: unknown }).kernel_initializer !== 'zeros') return;
    out.push(specIssue('warning', index, names[index]!, msg('spec.zeroInit'), { kind: 'setInitializer', index, initializer: 'glorot_uniform' }));
  });
  return out;
}

/**
 * Training uses softmax cross-entropy: it reads the last layer's outputs as class scores
 * (logits), or fuses a final softmax. Any other activation there still trains, but badly,
 * and students rarely guess why: the palette's Dense comes with relu.
 */
function outputActivationWarnings(layers: readonly LayerSpec[], names: readonly string[]): SpecIssue[] {
  const end = outputActivation(layers);
  if (!end || end.activation === 'softmax' || end.activation === 'linear') return [];
  const damage = msg(SCORE_DAMAGE[end.activation] ?? 'spec.damage.other');
  const advice = msg(end.layerHasSetting ? 'spec.advice.setSoftmax' : 'spec.advice.softmaxLayer');
  const fix: SpecFix = { kind: 'setActivation', index: end.index, activation: 'softmax' };
  return [specIssue('warning', end.index, names[end.index]!, msg('spec.outputActivation', { activation: end.activation, damage, advice }), fix)];
}

/**
 * The last layer that shapes the output values, and its activation. Layers that leave the
 * values as they are (Flatten, Reshape, Dropout outside training, a linear Activation: their
 * kinds say 'through') are looked through.
 */
function outputActivation(layers: readonly LayerSpec[]): { index: number; activation: string; layerHasSetting: boolean } | null {
  for (let index = layers.length - 1; index >= 0; index--) {
    const layer = layers[index]!;
    const effect = isLayerType(layer.type) ? layerKind(layer.type).outputEffect?.(layer) ?? null : null;
    if (effect === 'through') continue;
    return effect && { index, ...effect };
  }
  return null;
}

/** analyzeNetwork, throwing a SpecError that names the first error (warnings never throw). */
export function assertValidNetwork(spec: NetworkSpec, opts: AnalyzeOptions = {}): NetworkAnalysis {
  const analysis = analyzeNetwork(spec, opts);
  if (analysis.issues.length > 0) throw new SpecError(analysis.issues);
  return analysis;
}
