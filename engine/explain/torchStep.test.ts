/**
 * explainStep against real PyTorch (torchStep.py, float64): the same weights and the same
 * sample must give the same layer outputs, loss, gradients (of every parameter tensor and of
 * the input) and loss after one SGD step, within float32 tolerance. `.ci/run` installs python3-torch.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import type { LossName } from '../losses';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { explainStep } from './explainStep';
import type { StepTrace } from './trace';

const SCRIPT = fileURLToPath(new URL('./torchStep.py', import.meta.url));

interface TorchStep {
  torch: string;
  loss: number;
  outputs: number[][];
  gradients: Record<string, number[]>[];
  inputGradient: number[];
  lossAfter: number;
}

function torchStep(net: Network, trace: StepTrace, loss: LossName, learningRate: number): TorchStep {
  const request = {
    input_shape: net.inputShape, input: trace.input.values, target: trace.target, loss, learningRate,
    layers: net.spec.layers.map((spec, i) => ({
      ...spec,
      weights: Object.fromEntries(trace.layers[i]!.params.map((p) => [p.name, { shape: p.value.shape, values: p.value.values }])),
    })),
  };
  const run = spawnSync('/usr/bin/python3', [SCRIPT], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`torchStep.py failed (${run.error?.message ?? run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as TorchStep;
}

/** The largest |engine − torch| / (1 + |torch|) over two arrays of the same length. */
function worstError(engine: ArrayLike<number>, reference: ArrayLike<number>): number {
  expect(engine.length).toBe(reference.length);
  let worst = 0;
  for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(engine[i]! - reference[i]!) / (1 + Math.abs(reference[i]!)));
  return worst;
}

/** Float32 against float64: the engine agrees to about 5e-8 (relative) on these nets; 1e-6 leaves room and still catches a wrong term. */
const TOLERANCE = 1e-6;

function expectSameStep(spec: NetworkSpec, seed: number, input: number[], target: number[], loss: LossName): void {
  const net = Network.fromSpec(spec, new Rng(seed), { numClasses: null });
  const lr = 0.1;
  const trace = explainStep(net, input, target, { loss, learningRate: lr });
  const ref = torchStep(net, trace, loss, lr);
  expect(ref.torch).toMatch(/^\d+\.\d+/);
  const errors = {
    loss: worstError([trace.loss.value], [ref.loss]),
    outputs: Math.max(...trace.layers.map((l, i) => worstError(l.a.values!, ref.outputs[i]!))),
    gradients: Math.max(...trace.layers.flatMap((l, i) => l.params.map((p) => worstError(p.gradient.values!, ref.gradients[i]![p.name]!)))),
    inputGradient: worstError(trace.layers[0]!.deltaInput.values!, ref.inputGradient),
    lossAfter: worstError([trace.update.lossAfter], [ref.lossAfter]),
  };
  expect(trace.layers.flatMap((l) => l.params).length).toBeGreaterThan(0);
  expect(errors.loss).toBeLessThan(TOLERANCE);
  expect(errors.outputs).toBeLessThan(TOLERANCE);
  expect(errors.gradients).toBeLessThan(TOLERANCE);
  expect(errors.inputGradient).toBeLessThan(TOLERANCE);
  expect(errors.lossAfter).toBeLessThan(TOLERANCE);
}

const inputs = (n: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.next() * 2 - 1);
};

describe('explainStep agrees with PyTorch', () => {
  it('on the 2-2-1 sigmoid network of document 004 with binary cross-entropy', () => {
    const spec: NetworkSpec = {
      input_shape: [2],
      layers: [{ type: 'Dense', units: 2, activation: 'sigmoid', use_bias: false }, { type: 'Dense', units: 1, activation: 'sigmoid', use_bias: false }],
    };
    expectSameStep(spec, 4, [0.6, -0.4], [1], 'binary_crossentropy');
  });

  it('on a tanh/ReLU MLP with softmax cross-entropy', () => {
    const spec: NetworkSpec = {
      input_shape: [4],
      layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 6, activation: 'relu' }, { type: 'Dense', units: 3, activation: 'softmax' }],
    };
    expectSameStep(spec, 9, inputs(4, 1), [0, 0, 1], 'categorical_crossentropy');
  });

  it('on a sigmoid MLP regressing two values with mean squared error', () => {
    const spec: NetworkSpec = {
      input_shape: [3],
      layers: [{ type: 'Dense', units: 5, activation: 'sigmoid' }, { type: 'Dense', units: 2 }],
    };
    expectSameStep(spec, 2, inputs(3, 2), [0.5, -1.5], 'mean_squared_error');
  });

  it('on a conv net (Conv2D ReLU, max pooling, Conv2D tanh, Dense softmax) with cross-entropy', () => {
    const spec: NetworkSpec = {
      input_shape: [12, 12, 1],
      layers: [
        { type: 'Conv2D', filters: 4, kernel_size: [3, 3], activation: 'relu' },
        { type: 'MaxPooling2D', pool_size: [2, 2] },
        { type: 'Conv2D', filters: 3, kernel_size: [3, 3], strides: [2, 2], activation: 'tanh' },
        { type: 'Flatten' },
        { type: 'Dense', units: 10, activation: 'softmax' },
      ],
    };
    const target = new Array<number>(10).fill(0);
    target[7] = 1;
    expectSameStep(spec, 13, inputs(144, 3).map((v) => Math.abs(v)), target, 'categorical_crossentropy');
  });
});
