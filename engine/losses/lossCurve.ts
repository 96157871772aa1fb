/**
 * A loss L(ŷ, y) and its gradient ∂L/∂ŷ for one output against a range of predictions ŷ and a
 * fixed target y, computed by the loss the trainer uses (so the explorer beside the loss choice
 * plots the engine's own function). Losses that take logits (binary and categorical cross-entropy)
 * are fed z = log(ŷ / (1 − ŷ)) — categorical on the two-class row (z, 0) with target (y, 1 − y),
 * whose first probability is ŷ — and also give ∂L/∂z (= ŷ − y), from which ∂L/∂ŷ follows by the
 * chain rule through the sigmoid's own derivative.
 */
import { activationFn } from '../layers/activations';
import type { LossName } from './loss';
import { lossByName } from './index';

export interface LossCurve {
  /** The predictions ŷ (for a cross-entropy, probabilities strictly between 0 and 1). */
  readonly prediction: Float32Array;
  readonly loss: Float32Array;
  /** ∂L/∂ŷ. */
  readonly gradient: Float32Array;
  /** ∂L/∂z for the cross-entropies, which the engine computes from the logit z; null otherwise. */
  readonly logitGradient: Float32Array | null;
}

/** Whether the loss compares probabilities (ŷ must lie strictly between 0 and 1). */
export function lossTakesProbabilities(name: LossName): boolean {
  return lossByName(name).fuses !== null;
}

export function lossCurve(name: LossName, target: number, predictions: ArrayLike<number>): LossCurve {
  const loss = lossByName(name);
  const n = predictions.length;
  const prediction = Float32Array.from(predictions);
  const values = new Float32Array(n), gradient = new Float32Array(n);
  if (loss.fuses === null) {
    const out = new Float32Array(1), t = Float32Array.of(target), d = new Float32Array(1);
    for (let i = 0; i < n; i++) {
      out[0] = prediction[i]!;
      values[i] = loss.compute(out, t, 1, 1, d, 1);
      gradient[i] = d[0]!;
    }
    return { prediction, loss: values, gradient, logitGradient: null };
  }
  const width = loss.fuses === 'softmax' ? 2 : 1;
  const logits = new Float32Array(width), targets = new Float32Array(width), dLogits = new Float32Array(width);
  targets[0] = target;
  if (width === 2) targets[1] = 1 - target;
  const sigmoid = activationFn('sigmoid'), one = Float32Array.of(1), slope = new Float32Array(1);
  const logitGradient = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = prediction[i]!;
    logits[0] = Math.log(p / (1 - p));
    values[i] = loss.compute(logits, targets, 1, width, dLogits, 1);
    logitGradient[i] = dLogits[0]!;
    // ∂L/∂ŷ = ∂L/∂z ÷ ∂ŷ/∂z, with ∂ŷ/∂z = σ′(z) from the sigmoid's backward at its output ŷ.
    sigmoid.backward(Float32Array.of(p), one, slope, 1, 1);
    gradient[i] = dLogits[0]! / slope[0]!;
  }
  return { prediction, loss: values, gradient, logitGradient };
}
