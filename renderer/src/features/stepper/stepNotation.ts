/**
 * The course's notation for one explained step (document 004): X the input, z = W·x + b before
 * the activation, A = f(z) after it (ŷ for the last layer), w_{j,i} the weight from input i to
 * unit j, b_j its bias, layers numbered from 1 as a superscript. Each symbol comes plain (for the
 * accessible table: a screen reader and a test read it) and in TeX (for the typeset formulas).
 * Values are read from the trace, never computed here.
 */
import type { LayerTrace, StepTrace, TraceTensor } from '$engine';
import type { Lang } from '../../lib/i18n/messages';
import { texNumber } from '../../lib/math/tex';

const SUB = '₀₁₂₃₄₅₆₇₈₉', SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const sub = (n: number) => [...String(n)].map((d) => SUB[Number(d)]).join('');
export const sup = (n: number) => [...String(n)].map((d) => SUP[Number(d)]).join('');

/** A layer with more units than this shows one chosen unit and a summary. */
export const SMALL_LAYER = 16;
/** A weighted sum written out shows at most this many terms (then “…”). */
export const MAX_TERMS = 4;

export interface Sym {
  readonly plain: string;
  readonly tex: string;
}

const layerTag = (k: number) => ({ plain: `⁽${sup(k + 1)}⁾`, tex: `^{(${k + 1})}` });

/** Unit j (0-based) of the output of layer k; the last layer's output is ŷ. */
export function outSym(trace: StepTrace, k: number, j: number): Sym {
  if (k === trace.layers.length - 1) return { plain: `ŷ${sub(j + 1)}`, tex: `\\hat{y}_{${j + 1}}` };
  const tag = layerTag(k);
  return { plain: `A${sub(j + 1)}${tag.plain}`, tex: `A${tag.tex}_{${j + 1}}` };
}

/** Value i of the input of layer k: X_i for the first layer, else the previous layer's output. */
export function inSym(trace: StepTrace, k: number, i: number): Sym {
  return k === 0 ? { plain: `X${sub(i + 1)}`, tex: `X_{${i + 1}}` } : outSym(trace, k - 1, i);
}

export function zSym(k: number, j: number): Sym {
  const tag = layerTag(k);
  return { plain: `z${sub(j + 1)}${tag.plain}`, tex: `z${tag.tex}_{${j + 1}}` };
}

export function wSym(k: number, j: number, i: number): Sym {
  const tag = layerTag(k);
  return { plain: `w${sub(j + 1)},${sub(i + 1)}${tag.plain}`, tex: `w${tag.tex}_{${j + 1},${i + 1}}` };
}

export function bSym(k: number, j: number): Sym {
  const tag = layerTag(k);
  return { plain: `b${sub(j + 1)}${tag.plain}`, tex: `b${tag.tex}_{${j + 1}}` };
}

export const targetSym = (j: number): Sym => ({ plain: `y${sub(j + 1)}`, tex: `y_{${j + 1}}` });

/** ∂L/∂(symbol), plain and TeX. */
export function dL(s: Sym): Sym {
  return { plain: `∂L/∂${s.plain}`, tex: `\\frac{\\partial L}{\\partial ${s.tex}}` };
}

/** f′(z) for the layer's activation, in the course's name for it. */
export function primeSym(activation: string | null, z: Sym): Sym {
  const f = activation === 'sigmoid' ? { plain: 'σ′', tex: "\\sigma'" } : activation === 'tanh' ? { plain: 'tanh′', tex: "\\tanh'" }
    : activation === 'relu' ? { plain: 'ReLU′', tex: "\\mathrm{ReLU}'" } : { plain: 'f′', tex: "f'" };
  return { plain: `${f.plain}(${z.plain})`, tex: `${f.tex}(${z.tex})` };
}

/** f(z) applied, as TeX: σ(z), tanh(z), ReLU(z), softmax(z)_j. */
export function applyTex(activation: string | null, z: string): string {
  switch (activation) {
    case 'sigmoid': return `\\sigma(${z})`;
    case 'tanh': return `\\tanh(${z})`;
    case 'relu': return `\\mathrm{ReLU}(${z})`;
    case 'softmax': return `\\mathrm{softmax}(z)`;
    default: return z;
  }
}

/** The local derivative's rule, from the output A: σ′ = A(1 − A), tanh′ = 1 − A², ReLU′ ∈ {0, 1}. */
export function primeRuleTex(activation: string | null, a: string): string | null {
  switch (activation) {
    case 'sigmoid': return `${a}\\,(1 - ${a})`;
    case 'tanh': return `1 - ${a}^2`;
    case 'relu': return null;
    case 'linear': return '1';
    default: return null;
  }
}

/** Value `index` of a tensor, or null when the trace carries only its summary. */
export function valueAt(t: TraceTensor | null | undefined, index: number): number | null {
  return t?.values?.[index] ?? null;
}

/** The input of layer k (the sample for the first layer). */
export function inputOf(trace: StepTrace, k: number): TraceTensor {
  return k === 0 ? trace.input : trace.layers[k - 1]!.a;
}

/** A Dense layer's kernel [in, out] and bias, or null for any other layer. */
export function denseParts(layer: LayerTrace) {
  if (layer.type !== 'Dense') return null;
  const kernel = layer.params.find((p) => p.name === 'kernel');
  const bias = layer.params.find((p) => p.name === 'bias') ?? null;
  if (!kernel || kernel.value.shape.length !== 2) return null;
  const [inputs, units] = kernel.value.shape as [number, number];
  return { kernel, bias, inputs, units, at: (j: number, i: number) => i * units + j };
}

/** The number of values in a tensor (the product of its shape). */
export const sizeOf = (t: TraceTensor) => t.shape.reduce((a, b) => a * b, 1);

/** A value for the table and the page: six significant digits, written the language's way. */
export function valueText(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumSignificantDigits: 6, useGrouping: false });
}

/** A value inside a formula; negative numbers in brackets when they are a factor. */
export function texValue(v: number, lang: Lang, factor = false): string {
  const s = texNumber(v, lang, 4);
  return factor && v < 0 ? `(${s})` : s;
}
