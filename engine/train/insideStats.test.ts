import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { Dataset } from '../data/dataset';
import { limitDataset } from '../data/dataset';
import { lossByName } from '../losses';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { loadMnist } from '../node/datasets';
import { deadShare, histogram, InsideProbe, l2Norm, saturatedShare, weightStats, type InsideStats } from './insideStats';
import { train, type TrainEvent } from './trainer';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('the statistics, against a direct computation', () => {
  it('histograms count every value once, over the range given or the values’ own', () => {
    const h = histogram(f32([0, 0.1, 0.26, 0.5, 0.74, 0.99, 1]), 7, 4, [0, 1]);
    expect(h).toEqual({ lo: 0, hi: 1, counts: [2, 1, 2, 2] });
    const own = histogram(f32([-2, 2, 0, 1]), 4, 2);
    expect([own.lo, own.hi, own.counts]).toEqual([-2, 2, [1, 3]]);
    // Outside the range: into the end bars. Only the first n values count.
    expect(histogram(f32([-5, 5, 9]), 2, 2, [0, 1]).counts).toEqual([1, 1]);
    // A constant tensor (zero biases) still gets a bar.
    const zeros = histogram(new Float32Array(3), 3, 4);
    expect(zeros.counts.reduce((a, b) => a + b)).toBe(3);
    expect(zeros.lo).toBeLessThan(0);
    expect(zeros.hi).toBeGreaterThan(0);
  });

  it('the L2 norm, the saturated share and the dead share', () => {
    expect(l2Norm(f32([3, -4]))).toBeCloseTo(5, 6);
    const w = weightStats(f32([3, -4, 0, 1]), 2);
    expect([w.norm, w.histogram]).toEqual([Math.sqrt(26), { lo: -4, hi: 3, counts: [1, 3] }]);
    // Sigmoid outputs: within 1 % of 0 or 1.
    expect(saturatedShare(f32([0.005, 0.5, 0.995, 0.2]), 4, [0, 1])).toBe(0.5);
    // tanh: within 0.02 (1 % of its range of 2) of −1 or 1.
    expect(saturatedShare(f32([-0.99, 0.97, 0.985, 0]), 4, [-1, 1])).toBe(0.5);
    // 2 samples × 3 units: unit 0 fires once, unit 1 never, unit 2 always.
    expect(deadShare(f32([0, 0, 1, 0.5, 0, 2]), 2, 3)).toBeCloseTo(1 / 3, 6);
  });
});

/** A 2-4-3 network trained on one fixed batch. */
const SMALL: NetworkSpec = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 4, activation: 'sigmoid' }, { type: 'Dense', units: 3, activation: 'softmax' }],
};
const SAMPLES: Dataset = {
  name: 'tiny', inputShape: [2], task: { kind: 'classification', classNames: ['a', 'b', 'c'] },
  train: { count: 6, inputs: f32([0, 1, 1, 0, 0.5, 0.5, -1, 0, 0, -1, 2, 2]), labels: Uint8Array.from([0, 1, 2, 0, 1, 2]), targets: null },
  test: { count: 0, inputs: new Float32Array(0), labels: new Uint8Array(0), targets: null },
};

async function insideEvents(spec: NetworkSpec, data: Dataset, opts: { everyMs?: number; everyBatches?: number } | null, batchSize: number, lr = 0.1) {
  const rng = new Rng(3);
  const net = Network.fromSpec(spec, rng, { numClasses: 3 });
  const events: TrainEvent[] = [];
  await train(net, data, { epochs: 2, batchSize, learningRate: lr, optimizer: { type: 'sgd' }, validationSize: 0 }, rng, {
    inside: opts === null ? undefined : () => opts, onEvent: (e) => events.push(e),
  });
  return { net, events, inside: events.filter((e): e is Extract<TrainEvent, { type: 'inside' }> => e.type === 'inside') };
}

describe('measured during training', () => {
  it('the gradient norms and update ratios are those of the batch’s own backward pass', async () => {
    const { inside } = await insideEvents(SMALL, SAMPLES, { everyMs: 0 }, 6);
    expect(inside).toHaveLength(2);
    // The same network, drawn from the same seed, through one forward and backward by hand.
    const rng = new Rng(3);
    const net = Network.fromSpec(SMALL, rng, { numClasses: 3 });
    const order = Int32Array.from([0, 1, 2, 3, 4, 5]);
    rng.shuffle(order);
    const x = new Float32Array(12), t = new Float32Array(18);
    order.forEach((k, i) => {
      x.set((SAMPLES.train.inputs as Float32Array).subarray(k * 2, k * 2 + 2), i * 2);
      t[i * 3 + SAMPLES.train.labels![k]!] = 1;
    });
    const out = net.forward(x, 6, { training: true, logits: true });
    const dOut = new Float32Array(18);
    lossByName('categorical_crossentropy').compute(out, t, 6, 3, dOut, 1 / 6);
    net.backward(dOut);
    const first = inside[0]!;
    expect(first.step).toBe(0);
    expect(first.layers.map((l) => l.name)).toEqual(net.layers.map((l) => l.name));
    net.layers.forEach((layer, i) => layer.params.forEach((p, j) => {
      const seen = first.layers[i]!.params[j]!;
      const g = Math.hypot(...p.grad), w = Math.hypot(...p.value);
      expect(seen.name).toBe(p.name);
      expect(seen.gradNorm).toBeCloseTo(g, 6);
      expect(seen.weightNorm).toBeCloseTo(w, 6);
      expect(seen.updateRatio === null ? null : seen.updateRatio).toEqual(w > 0 ? expect.closeTo(0.1 * g / w, 6) : null);
      expect(seen.weights.counts.reduce((a, b) => a + b)).toBe(p.value.length);
    }));
    // The hidden sigmoid's outputs over its range; the output layer's softmax was left to the loss.
    const hidden = first.layers[0]!;
    expect([hidden.activation, hidden.output.lo, hidden.output.hi, hidden.dead]).toEqual(['sigmoid', 0, 1, null]);
    expect(hidden.output.counts.reduce((a, b) => a + b)).toBe(24);
    expect(hidden.saturated).toBeGreaterThanOrEqual(0);
    expect(first.layers[1]!.activation).toBeNull();
  });

  it('a batch computed in chunks is measured whole for its gradients, on its first chunk for its outputs', async () => {
    const whole = await insideEvents(SMALL, SAMPLES, { everyMs: 0 }, 6);
    const rng = new Rng(3);
    const net = Network.fromSpec(SMALL, rng, { numClasses: 3 });
    const chunked: InsideStats[] = [];
    await train(net, SAMPLES, { epochs: 2, batchSize: 6, chunkSize: 2, learningRate: 0.1, optimizer: { type: 'sgd' }, validationSize: 0 }, rng, {
      inside: () => ({ everyMs: 0 }), onEvent: (e) => { if (e.type === 'inside') chunked.push(e); },
    });
    expect(chunked[0]!.layers[0]!.params[0]!.gradNorm).toBeCloseTo(whole.inside[0]!.layers[0]!.params[0]!.gradNorm, 5);
    expect(chunked[0]!.layers[0]!.output.counts.reduce((a, b) => a + b)).toBe(2 * 4);
  });

  it('saturated sigmoid units and dead ReLU units are counted from the layer’s outputs', async () => {
    const spec = (activation: string, init: string, bias: string): NetworkSpec => ({
      input_shape: [2],
      layers: [{ type: 'Dense', units: 8, activation, kernel_initializer: init, bias_initializer: bias } as never, { type: 'Dense', units: 3, activation: 'softmax' }],
    });
    // Zero weights and zero biases: sigmoid outputs 0.5 (nothing saturated), ReLU outputs 0 (all dead).
    const { inside: flat } = await insideEvents(spec('sigmoid', 'zeros', 'zeros'), SAMPLES, { everyMs: 0 }, 6, 1e-9);
    expect(flat[0]!.layers[0]!.saturated).toBe(0);
    // Inputs a thousand times larger: every sigmoid is pushed against 0 or 1 but where the input is (0, 0).
    const loud = { ...SAMPLES, train: { ...SAMPLES.train, inputs: (SAMPLES.train.inputs as Float32Array).map((v) => v * 1000) } };
    const { inside: saturated } = await insideEvents(spec('sigmoid', 'glorot_uniform', 'zeros'), loud, { everyMs: 0 }, 6, 1e-9);
    expect(saturated[0]!.layers[0]!.saturated).toBeGreaterThan(0.9);
    const { inside: relu } = await insideEvents(spec('relu', 'zeros', 'zeros'), SAMPLES, { everyMs: 0 }, 6, 1e-9);
    expect([relu[0]!.layers[0]!.dead, relu[0]!.layers[0]!.saturated]).toEqual([1, null]);
  });

  it('the pre-activations z of a layer with its own activation op are what went into it', () => {
    const net = Network.fromSpec({ input_shape: [3], layers: [{ type: 'Dense', units: 4, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] }, new Rng(2), { kernels: 'js', numClasses: null });
    const probe = new InsideProbe(net), rng = new Rng(5), batch = 7;
    const x = Float32Array.from({ length: batch * 3 }, () => 2 * rng.normal());
    net.forward(x, batch, { training: true, observe: probe.observe });
    const layer = probe.collect(0, 0, 0, 0.1).layers[0]!;
    const [kernel, bias] = net.layers[0]!.params;
    const z = new Float32Array(batch * 4);
    for (let b = 0; b < batch; b++) for (let j = 0; j < 4; j++) {
      let v = bias!.value[j]!;
      for (let i = 0; i < 3; i++) v += x[b * 3 + i]! * kernel!.value[i * 4 + j]!;
      z[b * 4 + j] = v;
    }
    expect(layer.preActivation).toEqual(histogram(z, z.length, 24));
    // Outside tanh's range: the outputs could not have been drawn from these.
    expect(Math.max(Math.abs(layer.preActivation!.lo), Math.abs(layer.preActivation!.hi))).toBeGreaterThan(1);
    // A softmax left to the loss (logits) and a layer without activation have none.
    net.forward(x, batch, { training: true, logits: true, observe: probe.observe });
    expect(probe.collect(1, 0, 1, 0.1).layers[1]!.preActivation).toBeNull();
  });

  it('measures nothing unless asked, and at most as often as asked', async () => {
    const off = await insideEvents(SMALL, SAMPLES, null, 1);
    expect(off.inside).toEqual([]);
    // 12 batches (2 epochs of 6): every 5th is measured (steps 0, 5, 10).
    const every5 = await insideEvents(SMALL, SAMPLES, { everyMs: 0, everyBatches: 5 }, 1);
    expect(every5.inside.map((e) => e.step)).toEqual([0, 5, 10]);
    // Each measurement comes just before its own batch's event.
    const i = every5.events.findIndex((e) => e.type === 'inside');
    expect(every5.events[i + 1]).toMatchObject({ type: 'batch', epoch: 0, batch: 0 });
  });

  it('the probe’s time throttle lets one measurement through per interval', () => {
    const probe = new InsideProbe(Network.fromSpec(SMALL, new Rng(1), { numClasses: 3 }));
    const due = [0, 1, 2, 3, 4].map((step) => probe.due(step, step * 100, { everyMs: 250 }));
    expect(due).toEqual([true, false, false, true, false]);
  });
});

describe('vanishing gradients on real MNIST', () => {
  /** Six Dense 32 layers of one activation, then a softmax over the ten digits. */
  const deep = (activation: string, init: string): NetworkSpec => ({
    input_shape: [28, 28, 1],
    layers: [
      { type: 'Flatten' },
      ...Array.from({ length: 6 }, () => ({ type: 'Dense', units: 32, activation, kernel_initializer: init }) as never),
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  });

  /** Median over the run of ‖∂L/∂W‖ of the first Dense layer over that of the last. */
  async function firstOverLast(spec: NetworkSpec, mnist: Dataset): Promise<number> {
    const rng = new Rng(1);
    const net = Network.fromSpec(spec, rng);
    const ratios: number[] = [];
    await train(net, mnist, { epochs: 1, batchSize: 32, learningRate: 0.1, optimizer: { type: 'sgd' }, validationSize: 0 }, rng, {
      inside: () => ({ everyMs: 0, everyBatches: 5 }),
      onEvent(e) {
        if (e.type !== 'inside') return;
        const kernels = (e as InsideStats).layers.filter((l) => l.params.length > 0).map((l) => l.params[0]!.gradNorm);
        ratios.push(kernels[0]! / kernels[kernels.length - 1]!);
      },
    });
    ratios.sort((a, b) => a - b);
    return ratios[ratios.length >> 1]!;
  }

  it('the first layers of a deep sigmoid MLP get almost no gradient; ReLU with He initialization fixes it', async () => {
    const mnist = limitDataset(await loadMnist(), 3000); // 93 batches of 32
    const sigmoid = await firstOverLast(deep('sigmoid', 'glorot_uniform'), mnist);
    const relu = await firstOverLast(deep('relu', 'he_normal'), mnist);
    console.log(`first/last layer gradient norm: sigmoid ${sigmoid.toExponential(2)}, ReLU + He ${relu.toExponential(2)}`);
    expect(sigmoid).toBeLessThan(0.01);
    expect(relu).toBeGreaterThan(0.1);
  }, 60_000);
});
