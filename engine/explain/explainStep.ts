import { Rng } from '../core/rng';
import { ActivationLayer } from '../layers/activation';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import type { Layer } from '../layers/layer';
import { MaxPooling2D } from '../layers/maxPooling2d';
import { lossByName, type LossName } from '../losses';
import { layerNames } from '../model/analyze';
import { Network } from '../model/network';
import { createOptimizer, type OptimizerSpec } from '../optimizers';
import type { LayerTrace, StepTrace } from './trace';
import { traceTensor } from './traceTensor';

export interface ExplainOptions {
  loss: LossName;
  learningRate: number;
  /** The update rule; default plain SGD (w ← w − α·∂L/∂w). */
  optimizer?: OptimizerSpec;
  /** Leave the updated weights in `network` (default false: the step runs on a copy). */
  apply?: boolean;
  /** Tensors with more values carry their summary only (default: every value). */
  maxValues?: number;
  /** Per spec layer, a unit (Dense) or filter (Conv2D) whose own weights the trace gives whole (`LayerTrace.focus`); null = none. */
  focus?: readonly (number | null)[];
}

/** What one pass op by op saw: each op's input and output (forward), or the gradient at each (backward). */
interface OpValues {
  readonly into: Float32Array[];
  readonly out: Float32Array[];
}

/**
 * One training step on one sample, seen from inside: the engine's own forward pass, loss,
 * backward pass and optimizer step, run op by op on a copy of `network` (on the TypeScript
 * kernels, whatever the network's) so every intermediate value can be read (see trace.ts). Dropout and noise are off and batch
 * normalization uses its moving statistics (inference mode), so the step is the same every
 * time it is asked for, and its gradients are those of the function it shows.
 */
export function explainStep(network: Network, input: ArrayLike<number>, target: ArrayLike<number>, opts: ExplainOptions): StepTrace {
  const cap = opts.maxValues ?? Infinity;
  const optimizer = opts.optimizer ?? { type: 'sgd' as const };
  // The copy runs on the TypeScript kernels, the reference: a WebAssembly backend's memory is
  // bump-allocated and never freed, so a copy there per request would grow it without end.
  const net = Network.fromSpec(network.spec, new Rng(0), { kernels: 'js', numClasses: null });
  net.weights.forEach((w, i) => w.value.set(network.weights[i]!.value));
  unfuse(net.ops);
  const k = net.kernels, ops = net.ops, width = net.outputSize;
  if (input.length !== net.inputSize || target.length !== width) {
    throw new RangeError(`explainStep: the network takes ${net.inputSize} inputs and gives ${width} outputs, got ${input.length} and ${target.length}.`);
  }
  const x = k.floats(net.inputSize);
  x.set(input);
  const y = k.floats(width);
  y.set(target);
  const loss = lossByName(opts.loss);

  // Forward once whole: every op's real values, the final activation included.
  const fwd = runForward(ops, x);
  const output = fwd.out[ops.length - 1] ?? x;

  // Then as training runs it: the loss takes the logits when it absorbs the final activation.
  const fused = loss.fuses !== null && loss.fuses === net.finalActivation;
  const skip = fused ? net.fusableOp : -1;
  const lossOut = net.forward(x, 1, { training: false, logits: fused });
  const dOut = k.floats(width);
  const lossValue = loss.compute(lossOut, y, 1, width, dOut, 1);
  const dOutput = fused ? lossGradientAfterFusion(loss.fuses!, lossOut.slice(), y) : dOut.slice();

  net.zeroGrads();
  for (const op of ops) op.needsInputGrad = true;
  const bwd = runBackward(ops, dOut, skip, dOutput);
  const local = ops.map((op) => localDerivative(op, k.floats(op.outputShape.reduce((a, b) => a * b, 1))));

  const names = layerNames(net.spec.layers);
  const gradients = net.params.map((p) => p.grad.slice());
  const before = net.params.map((p) => p.value.slice());
  createOptimizer(optimizer, k).step(net.params, opts.learningRate);
  const lossAfterOut = net.forward(x, 1, { training: false, logits: fused });
  const lossAfter = loss.compute(lossAfterOut, y, 1, width, null, 1);
  if (opts.apply) network.params.forEach((p, i) => p.value.set(net.params[i]!.value));

  const t = (shape: readonly number[], v: ArrayLike<number>) => traceTensor(shape, v, cap);
  let opIndex = 0, paramIndex = 0;
  const layers: LayerTrace[] = net.layers.map((layer, li) => {
    const first = opIndex, last = opIndex + layer.ops.length - 1;
    opIndex += layer.ops.length;
    const lastOp = layer.ops[layer.ops.length - 1]!;
    const act = lastOp instanceof ActivationLayer ? lastOp : null;
    const kernelIndex = paramIndex;
    const params = layer.params.map((p) => {
      const i = paramIndex++;
      return {
        name: p.name, weightName: `${names[li]}/${p.name}`,
        value: t(p.shape, before[i]!), gradient: t(p.shape, gradients[i]!), updated: t(p.shape, p.value),
      };
    });
    const unit = opts.focus?.[li];
    const focusable = unit !== null && unit !== undefined && layer.params.length > 0 &&
      layer.params.every((p) => Number.isInteger(unit) && unit >= 0 && unit < p.shape[p.shape.length - 1]!);
    const focus = focusable ? {
      unit, params: layer.params.map((p, j) => {
        const i = kernelIndex + j, shape = p.shape.length > 1 ? p.shape.slice(0, -1) : [1];
        const cut = (v: Float32Array) => t(shape, lastAxisAt(v, p.shape[p.shape.length - 1]!, unit));
        return { name: p.name, weightName: `${names[li]}/${p.name}`, value: cut(before[i]!), gradient: cut(gradients[i]!), updated: cut(p.value) };
      }),
    } : null;
    return {
      name: names[li]!, type: layer.spec.type, activation: act ? act.fn.name : null,
      inputShape: [...layer.inputShape], outputShape: [...layer.outputShape], params,
      z: act ? t(layer.outputShape, fwd.into[last]!) : null,
      a: t(layer.outputShape, fwd.out[last]!),
      localDerivative: act && local[last] ? t(layer.outputShape, local[last]) : null,
      fusedWithLoss: last === skip,
      deltaOutput: t(layer.outputShape, bwd.out[last]!),
      deltaZ: act ? t(layer.outputShape, bwd.into[last]!) : null,
      deltaInput: t(layer.inputShape, bwd.into[first]!),
      ...(layer.ops[0] instanceof Dense ? { deltaInputPaths: t(layer.params[0]!.shape, pathTerms(before[kernelIndex]!, bwd.out[first]!)) } : {}),
      ...(focus ? { focus } : {}),
    };
  });
  return {
    input: t(net.inputShape, x), target: Array.from(y), output: Array.from(output),
    loss: { name: opts.loss, value: lossValue }, lossGradient: Array.from(dOutput), layers,
    update: { optimizer, learningRate: opts.learningRate, applied: opts.apply === true, lossAfter },
    truncated: cap < Infinity && (x.length > cap || net.ops.some((op) => op.params.some((p) => p.value.length > cap)) ||
      fwd.out.some((v) => v.length > cap)),
  };
}

/**
 * The chain rule's terms for a Dense layer, before they are added up: input i reaches the
 * loss through every unit j, by W_ij · δz_j (kernel `[in, units]`, δz the gradient at the
 * Dense op's output). The backward pass computes their sums (`deltaInput`); these are its parts.
 */
function pathTerms(kernel: Float32Array, dz: Float32Array): Float32Array {
  const units = dz.length, terms = new Float32Array(kernel.length);
  for (let i = 0; i < kernel.length; i++) terms[i] = kernel[i]! * dz[i % units]!;
  return terms;
}

/** Index `unit` of the last axis (of length `last`) of a row-major tensor: a unit's incoming weights. */
function lastAxisAt(values: Float32Array, last: number, unit: number): Float32Array {
  const out = new Float32Array(values.length / last);
  for (let k = 0; k < out.length; k++) out[k] = values[k * last + unit]!;
  return out;
}

/**
 * Undoes the ReLU fusion (engine/model/fusion.ts): a fused Conv2D writes max(z, 0), hiding z.
 * The fused and separate ops give the same numbers (bit for bit on these scalar kernels),
 * so nothing else changes.
 */
function unfuse(ops: readonly Layer[]): void {
  for (const op of ops) {
    if (op instanceof Conv2D) op.fuseRelu = false;
    if (op instanceof MaxPooling2D) op.maskByInput = false;
    if (op instanceof Dense) op.maskInputGrad = false;
    if (op instanceof ActivationLayer) {
      op.inputActivated = false;
      op.gradientMasked = false;
    }
  }
}

function runForward(ops: readonly Layer[], x: Float32Array): OpValues {
  const into: Float32Array[] = [], out: Float32Array[] = [];
  let h = x;
  for (const op of ops) {
    into.push(h.slice());
    h = op.forward(h, 1, { training: false });
    out.push(h.slice());
  }
  return { into, out };
}

/**
 * Backward op by op from `dOut` (the loss's gradient with respect to what the network's
 * training forward returned). With a fused loss that is ∂L/∂z of the skipped final
 * activation: the ops after it (Reshape, Flatten) then carry ∂L/∂ŷ, as the trace shows them.
 */
function runBackward(ops: readonly Layer[], dOut: Float32Array, skip: number, dOutput: Float32Array): OpValues {
  const into: Float32Array[] = new Array(ops.length), out: Float32Array[] = new Array(ops.length);
  let g = dOut;
  for (let i = ops.length - 1; i >= 0; i--) {
    if (i >= skip && skip >= 0) {
      out[i] = dOutput.slice();
      into[i] = i === skip ? g.slice() : dOutput.slice();
      continue;
    }
    out[i] = g.slice();
    g = ops[i]!.backward(g);
    into[i] = g.slice();
  }
  return { into, out };
}

/**
 * f′(z) of an element-wise activation, from the op's own backward given ∂L/∂a = 1
 * (the op kept a = f(z) from the forward). Null for softmax, whose Jacobian is not element-wise.
 */
function localDerivative(op: Layer, ones: Float32Array): Float32Array | null {
  if (!(op instanceof ActivationLayer) || op.fn.name === 'softmax') return null;
  return op.backward(ones.fill(1)).slice();
}

/**
 * ∂L/∂ŷ where the engine never forms it (the loss took the logits z): cross-entropy
 * −y_j / ŷ_j; binary cross-entropy (ŷ − y) / (ŷ(1 − ŷ)) per unit, averaged over the units.
 * Written with z rather than ŷ, whose float32 value is exactly 1 for z past about 17 (a division by 0).
 * The backward pass itself starts from the loss's ∂L/∂z; this is for showing the first step.
 */
function lossGradientAfterFusion(fuses: 'softmax' | 'sigmoid', logits: Float32Array, y: Float32Array): Float32Array {
  const n = y.length, g = new Float32Array(n);
  if (fuses === 'sigmoid') {
    // (ŷ − y) / (ŷ(1 − ŷ)) = (1 − y)/(1 − ŷ) − y/ŷ, with 1/(1 − ŷ) = 1 + e^z and 1/ŷ = 1 + e^−z.
    for (let j = 0; j < n; j++) {
      const z = logits[j]!, t = y[j]!;
      g[j] = ((1 - t) * (1 + Math.exp(z)) - t * (1 + Math.exp(-z))) / n;
    }
    return g;
  }
  let max = -Infinity, sum = 0;
  for (let j = 0; j < n; j++) max = Math.max(max, logits[j]!);
  for (let j = 0; j < n; j++) sum += Math.exp(logits[j]! - max);
  const logSum = max + Math.log(sum);
  for (let j = 0; j < n; j++) g[j] = y[j] === 0 ? 0 : -y[j]! / Math.exp(logits[j]! - logSum);
  return g;
}
