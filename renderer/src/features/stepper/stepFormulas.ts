/**
 * What each stage of the stepper writes out: the formulas with the trace's numbers (TeX) and the
 * rows of its accessible table. Every number is read from the engine's trace; the formulas only
 * show how the engine's numbers relate (z = Σ w·x + b, ∂L/∂z = ∂L/∂A · f′(z), …).
 */
import type { StepTrace } from '$engine';
import type { Lang } from '../../lib/i18n/messages';
import type { NumberRow } from './NumberTable.svelte';
import {
  applyTex, bSym, denseParts, dL, inputOf, inSym, MAX_TERMS, outSym, primeRuleTex, primeSym, SMALL_LAYER, sizeOf, targetSym,
  texValue, valueAt, wSym, zSym,
} from './stepNotation';

type T = (key: string, params?: Record<string, string | number>) => string;

export interface StageText {
  /** Typeset lines, in order. */
  readonly lines: string[];
  readonly rows: NumberRow[];
}

/** The units a layer writes out: all of them when small, else the chosen one. */
export function shownUnits(count: number, chosen: number): number[] {
  return count <= SMALL_LAYER ? Array.from({ length: count }, (_, j) => j) : [Math.min(chosen, count - 1)];
}

/** Σ terms: "(a)(b) + (c)(d) + …", at most MAX_TERMS of them then “…”. */
function sumTex(terms: readonly string[]): string {
  return terms.length <= MAX_TERMS ? terms.join(' + ') : `${terms.slice(0, MAX_TERMS - 1).join(' + ')} + \\dots`;
}

export function sampleText(trace: StepTrace, lang: Lang, t: T): StageText {
  const rows: NumberRow[] = [];
  const n = sizeOf(trace.input);
  const lines: string[] = [];
  if (trace.input.values && n <= SMALL_LAYER) {
    trace.input.values.forEach((v, i) => rows.push({ sym: inSym(trace, 0, i), meaning: t('stepper.row.input', { i: i + 1 }), value: v }));
    lines.push(`X = (${trace.input.values.map((v) => texValue(v, lang)).join(',\\ ')})`);
  }
  trace.target.forEach((v, j) => rows.push({ sym: targetSym(j), meaning: t('stepper.row.target', { j: j + 1 }), value: v }));
  if (trace.target.length <= SMALL_LAYER) lines.push(`y = (${trace.target.map((v) => texValue(v, lang)).join(',\\ ')})`);
  return { lines, rows };
}

export function forwardText(trace: StepTrace, k: number, chosenUnit: number, lang: Lang, t: T): StageText {
  const layer = trace.layers[k]!;
  const lines: string[] = [], rows: NumberRow[] = [];
  const x = inputOf(trace, k);
  const dense = denseParts(layer);
  const units = sizeOf(layer.a);
  for (const j of shownUnits(units, chosenUnit)) {
    const z = layer.z ? valueAt(layer.z, j) : null;
    const a = valueAt(layer.a, j);
    if (dense) {
      const terms: string[] = [], numbers: string[] = [];
      for (let i = 0; i < dense.inputs; i++) {
        terms.push(`${wSym(k, j, i).tex}\\,${inSym(trace, k, i).tex}`);
        const w = valueAt(dense.kernel.value, dense.at(j, i)), xi = valueAt(x, i);
        numbers.push(w === null || xi === null ? '?' : `${texValue(w, lang, true)}\\cdot${texValue(xi, lang, true)}`);
      }
      const b = dense.bias ? valueAt(dense.bias.value, j) : null;
      const bTex = dense.bias ? ` + ${bSym(k, j).tex}` : '';
      const zValue = z ?? (layer.activation === null ? a : null);
      const known = numbers.every((s) => s !== '?') && (!dense.bias || b !== null);
      const expanded = known ? ` = ${sumTex(numbers)}${b !== null ? ` + ${texValue(b, lang, true)}` : ''}` : '';
      const zTex = layer.z ? zSym(k, j).tex : outSym(trace, k, j).tex;
      const result = zValue !== null ? ` = ${texValue(zValue, lang)}` : '';
      // Two inputs fit on one line (document 004's network); more go on a second line, under the sum.
      if (dense.inputs <= 2 || !expanded) lines.push(`${zTex} = ${sumTex(terms)}${bTex}${expanded}${result}`);
      else lines.push(`${zTex} = ${sumTex(terms)}${bTex}`, `${expanded.slice(1)}${result}`);
      if (known && dense.inputs <= SMALL_LAYER) {
        for (let i = 0; i < dense.inputs; i++) {
          rows.push({ sym: wSym(k, j, i), meaning: t('stepper.row.weight', { j: j + 1, i: i + 1 }), value: valueAt(dense.kernel.value, dense.at(j, i))! });
        }
        if (b !== null) rows.push({ sym: bSym(k, j), meaning: t('stepper.row.bias', { j: j + 1 }), value: b });
      }
    }
    if (z !== null) rows.push({ sym: zSym(k, j), meaning: t('stepper.row.z', { j: j + 1 }), value: z });
    if (layer.z && z !== null && a !== null) lines.push(`${outSym(trace, k, j).tex} = ${applyTex(layer.activation, zSym(k, j).tex)} = ${texValue(a, lang)}`);
    if (a !== null) rows.push({ sym: outSym(trace, k, j), meaning: t('stepper.row.a', { j: j + 1 }), value: a });
  }
  return { lines, rows };
}

export function lossText(trace: StepTrace, lang: Lang, t: T): StageText {
  const rows: NumberRow[] = [{ sym: { plain: 'L', tex: 'L' }, meaning: t('stepper.row.loss'), value: trace.loss.value }];
  const last = trace.layers.length - 1;
  const lines = [`L = ${texValue(trace.loss.value, lang)}`];
  trace.lossGradient.forEach((g, j) => {
    if (j < SMALL_LAYER) rows.push({ sym: dL(outSym(trace, last, j)), meaning: t('stepper.row.dOut', { j: j + 1 }), value: g });
  });
  const g = trace.lossGradient;
  if (g.length <= 3) lines.push(g.map((v, j) => `${dL(outSym(trace, last, j)).tex} = ${texValue(v, lang)}`).join(',\\quad '));
  else if (g.length <= SMALL_LAYER) lines.push(`\\frac{\\partial L}{\\partial \\hat{y}} = (${g.map((v) => texValue(v, lang)).join(',\\ ')})`);
  return { lines, rows };
}

export interface BackwardChoice {
  readonly unit: number;
  /** The weight written out: [unit j, input i]. */
  readonly weight: readonly [number, number];
}

export function backwardText(trace: StepTrace, k: number, choice: BackwardChoice, lang: Lang, t: T): StageText {
  const layer = trace.layers[k]!;
  const lines: string[] = [], rows: NumberRow[] = [];
  const last = k === trace.layers.length - 1;
  const units = sizeOf(layer.a);
  const dz = (j: number) => (layer.deltaZ ? valueAt(layer.deltaZ, j) : valueAt(layer.deltaOutput, j));
  const dzSym = (j: number) => (layer.deltaZ ? dL(zSym(k, j)) : dL(outSym(trace, k, j)));
  for (const j of shownUnits(units, choice.unit)) {
    const a = valueAt(layer.a, j), dOut = valueAt(layer.deltaOutput, j);
    const out = outSym(trace, k, j);
    if (dOut !== null) rows.push({ sym: dL(out), meaning: t('stepper.row.dOut', { j: j + 1 }), value: dOut });
    if (!layer.deltaZ) continue;
    const dzj = valueAt(layer.deltaZ, j);
    if (layer.fusedWithLoss && last) {
      const y = trace.target[j];
      const perWidth = trace.loss.name === 'binary_crossentropy' && units > 1 ? `\\tfrac{1}{${units}}` : '';
      lines.push(`${dL(zSym(k, j)).tex} = ${perWidth}(${out.tex} - ${targetSym(j).tex})${a !== null && y !== undefined ? ` = ${perWidth}(${texValue(a, lang)} - ${texValue(y, lang)})` : ''}${dzj !== null ? ` = ${texValue(dzj, lang)}` : ''}`);
    } else {
      const fp = valueAt(layer.localDerivative, j);
      const prime = primeSym(layer.activation, zSym(k, j));
      const rule = a !== null ? primeRuleTex(layer.activation, texValue(a, lang)) : null;
      if (fp !== null) {
        const symRule = primeRuleTex(layer.activation, out.tex);
        lines.push(`${prime.tex}${symRule ? ` = ${symRule}` : ''}${rule && rule !== '1' ? ` = ${rule}` : ''} = ${texValue(fp, lang)}`);
        rows.push({ sym: prime, meaning: t('stepper.row.prime', { j: j + 1 }), value: fp });
      }
      if (dOut !== null && fp !== null && dzj !== null) {
        lines.push(`${dL(zSym(k, j)).tex} = ${dL(out).tex}\\cdot ${prime.tex} = ${texValue(dOut, lang, true)}\\cdot${texValue(fp, lang, true)} = ${texValue(dzj, lang)}`);
      }
    }
    if (dzj !== null) rows.push({ sym: dL(zSym(k, j)), meaning: t('stepper.row.dz', { j: j + 1 }), value: dzj });
  }

  const dense = denseParts(layer);
  const x = inputOf(trace, k);
  if (dense) {
    // ∂L/∂w for the chosen weight, written out (the chain back to the loss for a hidden layer).
    const [j, i] = [Math.min(choice.weight[0], dense.units - 1), Math.min(choice.weight[1], dense.inputs - 1)];
    const g = valueAt(dense.kernel.gradient, dense.at(j, i)), xi = valueAt(x, i), d = dz(j);
    const w = wSym(k, j, i);
    const chain = layer.deltaZ && !(layer.fusedWithLoss && last)
      ? ` = ${dL(outSym(trace, k, j)).tex}\\cdot ${primeSym(layer.activation, zSym(k, j)).tex}\\cdot ${inSym(trace, k, i).tex}` : '';
    lines.push(`${dL(w).tex} = ${dzSym(j).tex}\\cdot ${inSym(trace, k, i).tex}${chain}${d !== null && xi !== null ? ` = ${texValue(d, lang, true)}\\cdot${texValue(xi, lang, true)}` : ''}${g !== null ? ` = ${texValue(g, lang)}` : ''}`);
    if (dense.units <= SMALL_LAYER && dense.inputs <= SMALL_LAYER) {
      for (let jj = 0; jj < dense.units; jj++) {
        for (let ii = 0; ii < dense.inputs; ii++) {
          const gv = valueAt(dense.kernel.gradient, dense.at(jj, ii));
          if (gv !== null) rows.push({ sym: dL(wSym(k, jj, ii)), meaning: t('stepper.row.dw', { j: jj + 1, i: ii + 1 }), value: gv });
        }
        const gb = dense.bias ? valueAt(dense.bias.gradient, jj) : null;
        if (gb !== null) rows.push({ sym: dL(bSym(k, jj)), meaning: t('stepper.row.db', { j: jj + 1 }), value: gb });
      }
    } else if (g !== null) {
      rows.push({ sym: dL(w), meaning: t('stepper.row.dw', { j: j + 1, i: i + 1 }), value: g });
    }
    // The gradient reaching each input: the sum over every unit it feeds (one path per unit).
    if (k > 0) {
      for (const ii of shownUnits(dense.inputs, i)) {
        const terms: string[] = [], numbers: string[] = [];
        for (let jj = 0; jj < dense.units; jj++) {
          terms.push(`${dzSym(jj).tex}\\,${wSym(k, jj, ii).tex}`);
          const dv = dz(jj), wv = valueAt(dense.kernel.value, dense.at(jj, ii));
          numbers.push(dv === null || wv === null ? '?' : `${texValue(dv, lang, true)}\\cdot${texValue(wv, lang, true)}`);
        }
        const total = valueAt(layer.deltaInput, ii);
        const known = numbers.every((s) => s !== '?');
        const result = total !== null ? ` = ${texValue(total, lang)}` : '';
        if (dense.units <= 2 || !known) lines.push(`${dL(inSym(trace, k, ii)).tex} = ${sumTex(terms)}${known ? ` = ${sumTex(numbers)}` : ''}${result}`);
        else lines.push(`${dL(inSym(trace, k, ii)).tex} = ${sumTex(terms)}`, `= ${sumTex(numbers)}${result}`);
        if (total !== null) rows.push({ sym: dL(inSym(trace, k, ii)), meaning: t('stepper.row.dIn', { i: ii + 1, paths: dense.units }), value: total });
      }
    }
  }
  return { lines, rows };
}

export function updateText(trace: StepTrace, weights: (k: number) => readonly [number, number], lang: Lang, t: T): StageText {
  const lines: string[] = [], rows: NumberRow[] = [];
  const alpha = trace.update.learningRate;
  const sgd = trace.update.optimizer.type === 'sgd';
  trace.layers.forEach((layer, k) => {
    const dense = denseParts(layer);
    if (!dense) return;
    const [j, i] = [Math.min(weights(k)[0], dense.units - 1), Math.min(weights(k)[1], dense.inputs - 1)];
    const at = dense.at(j, i);
    const w = valueAt(dense.kernel.value, at), g = valueAt(dense.kernel.gradient, at), after = valueAt(dense.kernel.updated, at);
    const sym = wSym(k, j, i);
    if (w !== null && g !== null && after !== null) {
      lines.push(`${sym.tex} \\leftarrow ${sym.tex} - \\alpha\\,${dL(sym).tex}${sgd ? ` = ${texValue(w, lang)} - ${texValue(alpha, lang)}\\cdot${texValue(g, lang, true)}` : ''} = ${texValue(after, lang)}`);
    }
    if (dense.units <= SMALL_LAYER && dense.inputs <= SMALL_LAYER) {
      for (let jj = 0; jj < dense.units; jj++) {
        for (let ii = 0; ii < dense.inputs; ii++) {
          const v = valueAt(dense.kernel.updated, dense.at(jj, ii));
          if (v !== null) rows.push({ sym: { plain: `${wSym(k, jj, ii).plain} ←`, tex: '' }, meaning: t('stepper.row.updated', { j: jj + 1, i: ii + 1 }), value: v });
        }
        const vb = dense.bias ? valueAt(dense.bias.updated, jj) : null;
        if (vb !== null) rows.push({ sym: { plain: `${bSym(k, jj).plain} ←`, tex: '' }, meaning: t('stepper.row.updatedBias', { j: jj + 1 }), value: vb });
      }
    }
  });
  rows.unshift({ sym: { plain: 'α', tex: '\\alpha' }, meaning: t('stepper.row.alpha'), value: alpha });
  rows.push({ sym: { plain: 'L ←', tex: '' }, meaning: t('stepper.row.lossAfter'), value: trace.update.lossAfter });
  lines.push(`L = ${texValue(trace.loss.value, lang)} \\;\\rightarrow\\; ${texValue(trace.update.lossAfter, lang)}`);
  return { lines, rows };
}
