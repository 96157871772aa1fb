import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { lossByName, type LossName } from '../losses';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { explainStep } from './explainStep';
import type { StepTrace } from './trace';

/** Course document 004: X₁, X₂ → two sigmoid units A₁, A₂ → one sigmoid output ŷ, no biases, binary cross-entropy. */
const DOC_004: NetworkSpec = {
  input_shape: [2],
  layers: [
    { type: 'Dense', units: 2, activation: 'sigmoid', use_bias: false },
    { type: 'Dense', units: 1, activation: 'sigmoid', use_bias: false },
  ],
};

const MLP: NetworkSpec = {
  input_shape: [3],
  layers: [
    { type: 'Dense', units: 5, activation: 'tanh' },
    { type: 'Dense', units: 4, activation: 'relu' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};

const CNN: NetworkSpec = {
  input_shape: [6, 6, 1],
  layers: [
    { type: 'Conv2D', filters: 2, kernel_size: [3, 3], activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: [2, 2] },
    { type: 'Flatten' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};

function doc004Network(): Network {
  const net = Network.fromSpec(DOC_004, new Rng(1), { kernels: 'js', numClasses: null });
  // w_{i,j}: from input j to hidden unit i, at [j, i] in the model file's [in, out] kernel.
  net.params[0]!.value.set([0.5, -0.3, 0.8, 0.2]);
  net.params[1]!.value.set([0.7, -1.1]);
  return net;
}

/** The loss as training computes it, through the engine's forward (with the logits when the loss fuses the final activation). */
function lossOf(net: Network, x: ArrayLike<number>, y: ArrayLike<number>, name: LossName): number {
  const loss = lossByName(name);
  const fused = loss.fuses !== null && loss.fuses === net.finalActivation;
  const out = net.forward(Float32Array.from(x), 1, { training: false, logits: fused });
  return loss.compute(out, Float32Array.from(y), 1, net.outputSize, null, 1);
}

/** Central differences on every weight, compared with the trace's ∂L/∂W. */
function expectGradientsMatchFiniteDifferences(net: Network, trace: StepTrace, x: number[], y: number[], loss: LossName): number {
  const eps = 1e-3;
  let worst = 0, checked = 0;
  const grads = trace.layers.flatMap((l) => l.params.map((p) => p.gradient.values!));
  net.params.forEach((p, pi) => {
    for (let i = 0; i < p.value.length; i++) {
      const w = p.value[i]!;
      p.value[i] = w + eps;
      const up = lossOf(net, x, y, loss);
      p.value[i] = w - eps;
      const down = lossOf(net, x, y, loss);
      p.value[i] = w;
      const numeric = (up - down) / (2 * eps), engine = grads[pi]![i]!;
      const err = Math.abs(numeric - engine) / Math.max(1, Math.abs(numeric));
      worst = Math.max(worst, err);
      expect(err, `${p.name}[${i}]: numeric ${numeric}, engine ${engine}`).toBeLessThan(2e-3);
      checked++;
    }
  });
  expect(checked).toBe(net.params.reduce((n, p) => n + p.value.length, 0));
  // δ at the network's input, the start of every other δ's chain: against differences on X.
  const dX = trace.layers[0]!.deltaInput.values!;
  x.forEach((v, i) => {
    const up = lossOf(net, x.map((u, k) => (k === i ? v + eps : u)), y, loss), down = lossOf(net, x.map((u, k) => (k === i ? v - eps : u)), y, loss);
    const numeric = (up - down) / (2 * eps);
    expect(Math.abs(numeric - dX[i]!) / Math.max(1, Math.abs(numeric)), `X[${i}]: numeric ${numeric}, engine ${dX[i]}`).toBeLessThan(2e-3);
  });
  return worst;
}

describe('explainStep', () => {
  it('gives the 2-2-1 network of document 004 the course’s derivatives, and finite differences agree', () => {
    const net = doc004Network();
    const X = [0.6, -0.4], y = [1];
    const trace = explainStep(net, X, y, { loss: 'binary_crossentropy', learningRate: 0.5 });
    const [hidden, out] = trace.layers as [StepTrace['layers'][0], StepTrace['layers'][0]];
    expect(hidden.name).toBe('dense_1');
    expect(out.name).toBe('dense_2');
    expect(hidden.params.map((p) => p.weightName)).toEqual(['dense_1/kernel']);
    expect(out.params.map((p) => p.weightName)).toEqual(['dense_2/kernel']);

    const A = hidden.a.values!, yHat = trace.output[0]!, W1 = hidden.params[0]!.value.values!, w = out.params[0]!.value.values!;
    // Forward, as the course writes it: A_i = σ(w_{i,1} X₁ + w_{i,2} X₂), ŷ = σ(w₁ A₁ + w₂ A₂).
    const sigma = (v: number) => 1 / (1 + Math.exp(-v));
    for (let i = 0; i < 2; i++) expect(A[i]).toBeCloseTo(sigma(W1[i]! * X[0]! + W1[2 + i]! * X[1]!), 6);
    expect(yHat).toBeCloseTo(sigma(w[0]! * A[0]! + w[1]! * A[1]!), 6);
    expect(trace.loss.value).toBeCloseTo(-Math.log(yHat), 5);
    // The output layer's δz is ŷ − y (sigmoid + BCE), its local derivative σ′ = ŷ(1 − ŷ).
    expect(out.fusedWithLoss).toBe(true);
    expect(out.deltaZ!.values![0]).toBeCloseTo(yHat - y[0]!, 6);
    expect(out.localDerivative!.values![0]).toBeCloseTo(yHat * (1 - yHat), 6);
    expect(hidden.localDerivative!.values).toEqual(A.map((a) => expect.closeTo(a * (1 - a), 6)));

    const dW1 = hidden.params[0]!.gradient.values!, dw = out.params[0]!.gradient.values!;
    for (let i = 0; i < 2; i++) {
      // ∂L/∂w_i = (ŷ − y) · A_i
      expect(dw[i]).toBeCloseTo((yHat - y[0]!) * A[i]!, 6);
      // ∂L/∂w_{i,1} = w_i · X₁ · A_i(1 − A_i)(ŷ − y), and the same with X₂ for w_{i,2}.
      expect(dW1[i]).toBeCloseTo(w[i]! * X[0]! * A[i]! * (1 - A[i]!) * (yHat - y[0]!), 6);
      expect(dW1[2 + i]).toBeCloseTo(w[i]! * X[1]! * A[i]! * (1 - A[i]!) * (yHat - y[0]!), 6);
      // ∂L/∂A_i = (ŷ − y) · w_i: the hidden layer's upstream gradient.
      expect(hidden.deltaOutput.values![i]).toBeCloseTo((yHat - y[0]!) * w[i]!, 6);
    }
    // The course's ∂L/∂ŷ for BCE: (ŷ − y) / (ŷ(1 − ŷ)).
    expect(trace.lossGradient[0]).toBeCloseTo((yHat - 1) / (yHat * (1 - yHat)), 4);
    expectGradientsMatchFiniteDifferences(net, trace, X, y, 'binary_crossentropy');
  });

  it('keeps ∂L/∂ŷ finite where ŷ rounds to 1 in float32 (a saturated sigmoid): written with the logit z', () => {
    const net = doc004Network();
    net.params[1]!.value.set([30, 30]);
    const trace = explainStep(net, [3, 3], [0], { loss: 'binary_crossentropy', learningRate: 0.1 });
    expect(trace.output[0]).toBe(1);
    expect(Number.isFinite(trace.lossGradient[0])).toBe(true);
    // For y = 0, ∂L/∂ŷ = 1/(1 − ŷ) = 1 + e^z.
    const z = trace.layers[1]!.z!.values![0]!;
    expect(z).toBeGreaterThan(40);
    expect(trace.lossGradient[0]! / (1 + Math.exp(z))).toBeCloseTo(1, 5);
  });

  it('updates with plain SGD, w ← w − α·∂L/∂w, on a copy: the network keeps its weights, and the loss drops', () => {
    const net = doc004Network();
    const before = net.params.map((p) => p.value.slice());
    const trace = explainStep(net, [0.6, -0.4], [1], { loss: 'binary_crossentropy', learningRate: 0.5 });
    net.params.forEach((p, i) => expect(p.value).toEqual(before[i]));
    expect(trace.update).toMatchObject({ optimizer: { type: 'sgd' }, learningRate: 0.5, applied: false });
    for (const layer of trace.layers) {
      for (const p of layer.params) {
        p.updated.values!.forEach((v, i) => expect(v).toBeCloseTo(p.value.values![i]! - 0.5 * p.gradient.values![i]!, 6));
      }
    }
    expect(trace.update.lossAfter).toBeLessThan(trace.loss.value);
    expect(trace.update.lossAfter).toBeCloseTo(lossOf(withWeights(net, trace), [0.6, -0.4], [1], 'binary_crossentropy'), 6);
  });

  it('applies the update when asked, and then the network holds the trace’s updated weights', () => {
    const net = doc004Network();
    const trace = explainStep(net, [0.6, -0.4], [0], { loss: 'binary_crossentropy', learningRate: 0.1, apply: true });
    expect(trace.update.applied).toBe(true);
    expect(Array.from(net.params[0]!.value)).toEqual(trace.layers[0]!.params[0]!.updated.values);
    expect(Array.from(net.params[1]!.value)).toEqual(trace.layers[1]!.params[0]!.updated.values);
  });

  it('reports the update of another optimizer by its own step (Adam’s first step moves each weight by about α)', () => {
    const net = doc004Network();
    const trace = explainStep(net, [0.6, -0.4], [1], { loss: 'binary_crossentropy', learningRate: 0.01, optimizer: { type: 'adam' } });
    expect(trace.update.optimizer.type).toBe('adam');
    const p = trace.layers[1]!.params[0]!;
    p.updated.values!.forEach((v, i) => expect(Math.abs(v - p.value.values![i]!)).toBeCloseTo(0.01, 4));
  });

  it('on a tanh/ReLU MLP with softmax cross-entropy: δz of the output is ŷ − y, the local derivatives are 1 − tanh² and 0/1, finite differences agree', () => {
    const net = Network.fromSpec(MLP, new Rng(7), { kernels: 'js', numClasses: null });
    const x = [0.3, -1.2, 0.8], y = [0, 1, 0];
    const trace = explainStep(net, x, y, { loss: 'categorical_crossentropy', learningRate: 0.1 });
    const [tanhLayer, reluLayer, out] = trace.layers as [StepTrace['layers'][0], StepTrace['layers'][0], StepTrace['layers'][0]];
    expect(out.fusedWithLoss).toBe(true);
    expect(out.localDerivative).toBeNull();
    out.deltaZ!.values!.forEach((d, j) => expect(d).toBeCloseTo(trace.output[j]! - y[j]!, 6));
    expect(trace.output.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    tanhLayer.localDerivative!.values!.forEach((d, j) => expect(d).toBeCloseTo(1 - tanhLayer.a.values![j]! ** 2, 6));
    reluLayer.localDerivative!.values!.forEach((d, j) => expect(d).toBe(reluLayer.z!.values![j]! > 0 ? 1 : 0));
    // δz = f′(z) ⊙ δa, and the input gradient of one layer is the output gradient of the one before.
    tanhLayer.deltaZ!.values!.forEach((d, j) => expect(d).toBeCloseTo(tanhLayer.localDerivative!.values![j]! * tanhLayer.deltaOutput.values![j]!, 6));
    expect(reluLayer.deltaInput.values).toEqual(tanhLayer.deltaOutput.values);
    expect(trace.lossGradient[1]).toBeCloseTo(-1 / trace.output[1]!, 4);
    expectGradientsMatchFiniteDifferences(net, trace, x, y, 'categorical_crossentropy');
  });

  it('on an MLP with mean squared error after softmax: no fusion, δ flows through the softmax op, finite differences agree', () => {
    const net = Network.fromSpec(MLP, new Rng(3), { kernels: 'js', numClasses: null });
    const x = [1, 0.5, -0.5], y = [1, 0, 0];
    const trace = explainStep(net, x, y, { loss: 'mean_squared_error', learningRate: 0.1 });
    const out = trace.layers[2]!;
    expect(out.fusedWithLoss).toBe(false);
    trace.lossGradient.forEach((g, j) => expect(g).toBeCloseTo((2 * (trace.output[j]! - y[j]!)) / 3, 6));
    expect(out.deltaOutput.values).toEqual(trace.lossGradient);
    expectGradientsMatchFiniteDifferences(net, trace, x, y, 'mean_squared_error');
  });

  it('on a conv net shows z and a = ReLU(z) apart although the engine fuses them, and finite differences agree', () => {
    const net = Network.fromSpec(CNN, new Rng(11), { kernels: 'js', numClasses: null });
    const rng = new Rng(5);
    const x = Array.from({ length: 36 }, () => rng.next()), y = [0, 0, 1];
    const trace = explainStep(net, x, y, { loss: 'categorical_crossentropy', learningRate: 0.1 });
    const conv = trace.layers[0]!;
    expect(conv.z!.shape).toEqual([4, 4, 2]);
    expect(conv.z!.values!.some((v) => v < 0)).toBe(true);
    conv.a.values!.forEach((a, i) => expect(a).toBe(Math.max(conv.z!.values![i]!, 0)));
    expect(conv.params.map((p) => [p.weightName, p.gradient.shape])).toEqual([['conv2d_1/kernel', [3, 3, 1, 2]], ['conv2d_1/bias', [2]]]);
    expect(trace.layers.map((l) => l.name)).toEqual(['conv2d_1', 'max_pooling2d_1', 'flatten_1', 'dense_1']);
    expectGradientsMatchFiniteDifferences(net, trace, x, y, 'categorical_crossentropy');
  });

  it('splits each Dense layer’s input gradient by path: W_ij · δz_j, whose rows add up to the backward pass’s δ', () => {
    const net = Network.fromSpec(MLP, new Rng(7), { kernels: 'js', numClasses: null });
    const trace = explainStep(net, [0.3, -1.2, 0.8], [0, 1, 0], { loss: 'categorical_crossentropy', learningRate: 0.1 });
    for (const layer of trace.layers) {
      const paths = layer.deltaInputPaths!, kernel = layer.params[0]!.value.values!, dz = layer.deltaZ!.values!;
      const [inputs, units] = paths.shape as [number, number];
      expect(paths.shape).toEqual(layer.params[0]!.value.shape);
      for (let i = 0; i < inputs; i++) {
        let sum = 0;
        for (let j = 0; j < units; j++) {
          expect(paths.values![i * units + j]).toBeCloseTo(kernel[i * units + j]! * dz[j]!, 7);
          sum += paths.values![i * units + j]!;
        }
        expect(sum).toBeCloseTo(layer.deltaInput.values![i]!, 6);
      }
    }
  });

  it('explains a network that lives on the WebAssembly kernels without growing their memory, as on the TypeScript ones', () => {
    const js = Network.fromSpec(CNN, new Rng(11), { kernels: 'js', numClasses: null });
    const wasm = Network.fromSpec(CNN, new Rng(11), { kernels: 'wasm', numClasses: null });
    const memory = () => (wasm.kernels as unknown as { memoryBytes: number }).memoryBytes;
    expect(memory()).toBeGreaterThan(0);
    const rng = new Rng(5);
    const x = Array.from({ length: 36 }, () => rng.next());
    const a = explainStep(js, x, [0, 1, 0], { loss: 'categorical_crossentropy', learningRate: 0.1 });
    const before = memory();
    const b = explainStep(wasm, x, [0, 1, 0], { loss: 'categorical_crossentropy', learningRate: 0.1 });
    explainStep(wasm, x, [0, 1, 0], { loss: 'categorical_crossentropy', learningRate: 0.1 });
    expect(memory()).toBe(before);
    expect(b).toEqual(a);
  });

  it('runs dropout and batch normalization as a prediction does (no dropout, moving statistics), and finite differences agree', () => {
    const spec: NetworkSpec = {
      input_shape: [3],
      layers: [
        { type: 'Dense', units: 4, activation: 'relu' }, { type: 'BatchNormalization' }, { type: 'Dropout', rate: 0.5 },
        { type: 'Dense', units: 2, activation: 'softmax' },
      ],
    };
    const net = Network.fromSpec(spec, new Rng(2), { kernels: 'js', numClasses: null });
    const x = [0.5, -0.7, 1.1], y = [1, 0];
    const first = explainStep(net, x, y, { loss: 'categorical_crossentropy', learningRate: 0.1 });
    expect(explainStep(net, x, y, { loss: 'categorical_crossentropy', learningRate: 0.1 })).toEqual(first);
    const dropout = first.layers[2]!;
    expect(dropout.a.values).toEqual(first.layers[1]!.a.values);
    expect(first.layers[1]!.params.map((p) => p.weightName)).toEqual(['batch_normalization_1/gamma', 'batch_normalization_1/beta']);
    expectGradientsMatchFiniteDifferences(net, first, x, y, 'categorical_crossentropy');
  });

  it('gives a chosen unit’s weights whole in a layer too large to send: ∂L/∂W_ij = x_i · δz_j, ∂L/∂b_j = δz_j', () => {
    const net = Network.fromSpec(PRESETS.mlp, new Rng(4), { kernels: 'js', numClasses: null });
    const rng = new Rng(9);
    const x = Array.from({ length: 784 }, () => (rng.next() < 0.2 ? rng.next() : 0));
    const y = Array.from({ length: 10 }, (_, k) => (k === 3 ? 1 : 0));
    const trace = explainStep(net, x, y, { loss: 'categorical_crossentropy', learningRate: 0.1, maxValues: 1000, focus: [null, 5, 12] });
    const hidden = trace.layers[1]!;
    expect(hidden.params[0]!.gradient.values).toBeNull();
    expect(trace.layers[0]!.focus).toBeUndefined();
    expect(trace.layers[2]!.focus).toBeUndefined(); // unit 12 of 10: not there
    const [kernel, bias] = hidden.focus!.params as [StepTrace['layers'][0]['params'][0], StepTrace['layers'][0]['params'][0]];
    expect(hidden.focus!.unit).toBe(5);
    expect([kernel.weightName, kernel.value.shape, bias.value.shape]).toEqual(['dense_1/kernel', [784], [1]]);
    const dz = hidden.deltaZ!.values![5]!;
    kernel.gradient.values!.forEach((g, i) => expect(g).toBeCloseTo(x[i]! * dz, 7));
    expect(bias.gradient.values![0]).toBeCloseTo(dz, 7);
    kernel.value.values!.forEach((w, i) => expect(w).toBe(net.params[0]!.value[i * 128 + 5]));
    kernel.updated.values!.forEach((w, i) => expect(w).toBeCloseTo(kernel.value.values![i]! - 0.1 * kernel.gradient.values![i]!, 7));
  });

  it('caps large tensors to their summary, keeping the first feature maps whole', () => {
    const net = Network.fromSpec(CNN, new Rng(11), { kernels: 'js', numClasses: null });
    const trace = explainStep(net, new Array(36).fill(0.5), [1, 0, 0], { loss: 'categorical_crossentropy', learningRate: 0.1, maxValues: 20 });
    const conv = trace.layers[0]!;
    expect(trace.truncated).toBe(true);
    expect(conv.a.values).toBeNull();
    expect(conv.a.maps).toHaveLength(1);
    expect(conv.a.maps![0]).toHaveLength(16);
    expect(conv.a.summary.count).toBe(32);
    expect(conv.params[1]!.gradient.values).toHaveLength(2);
  });
});

/** A copy of `net` with the trace's updated weights. */
function withWeights(net: Network, trace: StepTrace): Network {
  const copy = Network.fromSpec(net.spec, new Rng(0), { kernels: 'js', numClasses: null });
  const updated = trace.layers.flatMap((l) => l.params.map((p) => p.updated.values!));
  copy.params.forEach((p, i) => p.value.set(updated[i]!));
  return copy;
}
