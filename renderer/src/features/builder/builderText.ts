/**
 * The builder's wording that depends on the language: a block's one-line description,
 * parameter counts, the translated summary of an engine issue and its fix button.
 */
import { type PresetName, type LayerSpec, type SpecFix, type SpecIssue, BN_DEFAULTS } from '$engine';
import { i18n, t } from '../../lib/i18n/i18n.svelte';
import { activationLabel, formatPair, formatTargetShape } from './layerCatalog';
import { settingsOf, type SettingProblem } from './layerSettings';

/** A number per language, with no trailing zeros: 4,096 / 0.3 / 0,25. */
const num = (v: number): string =>
  Number.isInteger(v) ? i18n.number(v) : i18n.number(v, 3).replace(/0+$/, '').replace(/[.,]$/, '');

function activationPart(activation: unknown): string | null {
  if (typeof activation !== 'string' || activation === 'linear') return null;
  return activationLabel(activation);
}

/** "128 units · ReLU", "8 filters 5×5 · ReLU", "2×2 window"; empty for layers with no settings. */
export function layerDetail(layer: LayerSpec): string {
  const parts: (string | null)[] = [];
  switch (layer.type) {
    case 'Dense':
      parts.push(t('builder.detail.units', { units: num(layer.units) }), activationPart(layer.activation));
      break;
    case 'Conv2D':
      parts.push(t('builder.detail.filters', { filters: num(layer.filters), kernel: formatPair(layer.kernel_size) }));
      if (layer.strides !== undefined && formatPair(layer.strides) !== '1×1') parts.push(t('builder.detail.stride', { stride: formatPair(layer.strides) }));
      if (layer.padding === 'same') parts.push(t('builder.detail.paddingSame'));
      parts.push(activationPart(layer.activation));
      break;
    case 'MaxPooling2D':
    case 'AveragePooling2D':
      parts.push(t('builder.detail.window', { size: formatPair(layer.pool_size ?? 2) }));
      if (layer.strides != null) parts.push(t('builder.detail.stride', { stride: formatPair(layer.strides) }));
      if (layer.padding === 'same') parts.push(t('builder.detail.paddingSame'));
      break;
    case 'Dropout':
      parts.push(t('builder.detail.rate', { rate: typeof layer.rate === 'number' ? i18n.percent(layer.rate, 0) : String(layer.rate) }));
      break;
    case 'LeakyReLU':
      parts.push(t('builder.detail.alpha', { alpha: num(layer.alpha ?? 0.3) }));
      break;
    case 'Reshape':
      parts.push(t('builder.detail.targetShape', { shape: formatTargetShape(layer.target_shape) }));
      break;
    case 'BatchNormalization':
      parts.push(t('builder.detail.momentum', { momentum: typeof layer.momentum === 'number' ? num(layer.momentum) : num(BN_DEFAULTS.momentum) }));
      break;
    case 'Flatten':
    case 'Activation':
    case 'ReLU':
    case 'Softmax':
      break;
    default:
      // A layer with no wording of its own (a newly added one): its settings as Keras writes them, "stddev 0.1".
      parts.push(...settingsDetail(layer));
  }
  return parts.filter((p): p is string => p !== null).join(' · ');
}

function settingsDetail(layer: LayerSpec): string[] {
  const values = layer as unknown as Record<string, unknown>;
  return settingsOf(layer).flatMap(({ key }) => {
    const v = values[key];
    if (v === undefined) return [];
    return [`${key} ${typeof v === 'number' ? num(v) : Array.isArray(v) ? v.join('×') : String(v)}`];
  });
}

/** "100,480 parameters" (per language), or "nothing to learn". */
export function paramsText(count: number): string {
  if (count === 0) return t('builder.block.noParams');
  if (count === 1) return t('builder.block.params.one');
  return t('builder.block.params', { count: i18n.number(count) });
}

export function problemCountText(count: number): string {
  return count === 1 ? t('builder.status.problems.one') : t('builder.status.problems.other', { count });
}

/** A one-line headline for an engine issue, above its full message (`issueMessage`). */
export function issueSummary(issue: SpecIssue): string {
  const fix = issue.fix;
  if (!fix) return t(issue.layerIndex === null ? 'builder.issue.network' : 'builder.issue.layer');
  if (fix.kind === 'appendOutput') return t('builder.issue.appendOutput', { units: fix.units });
  if (fix.kind === 'setActivation' || fix.kind === 'setInitializer') return t(`builder.issue.${fix.kind}`, { name: issue.layerName ?? '' });
  return t(`builder.issue.${fix.kind}`);
}

/** The engine's full message in the UI's language, starting with a capital (a layer's problem starts in lower case). */
export function issueMessage(issue: SpecIssue): string {
  if (issue.detail) return i18n.sentence(issue.detail);
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/** The badge: "Problem" for an error, "Warning" for advice. */
export function issueLabel(issue: SpecIssue): string {
  return t(issue.severity === 'warning' ? 'builder.issue.label.warning' : 'builder.issue.label');
}

export function fixLabel(fix: SpecFix): string {
  return t(`builder.fix.${fix.kind}`);
}

export function problemText(p: SettingProblem): string {
  if (p.code === 'required' || p.code === 'option') return t(`builder.error.${p.code}`);
  if (p.code === 'shape') return t('builder.error.shape', { rank: p.maxRank, max: num(p.max) });
  return t(`builder.error.${p.code}`, { min: num(p.min), max: num(p.max) });
}

export { num as formatNumber };

/**
 * What one sample is, for the Input block: a handwritten digit for MNIST's 28×28×1, "2
 * numbers: x₁, x₂" for a point of the plane, n numbers for a table's row, an image otherwise.
 */
export function inputDetail(shape: readonly number[]): string {
  if (shape.length === 1 && shape[0] === 2) return t('builder.input.plane');
  if (shape.length === 1) return t('builder.input.numbers', { count: i18n.number(shape[0]!) });
  if (shape.join('×') === '28×28×1') return t('builder.input.detail');
  return t('builder.input.image');
}

/** A preset's button label and description; a plane preset names its K outputs (`2-5-3`). */
export function presetLabel(name: PresetName, classes: number): string {
  return t(`builder.preset.${name}`, { k: classes });
}

export function presetAbout(name: PresetName, classes: number): string {
  return t(`builder.preset.${name}.about`, { k: classes });
}
