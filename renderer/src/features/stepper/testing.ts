/**
 * For the stepper's tests: a real trace from the engine (explainStep on the 2-2-1 network of the
 * course's document 004, no biases, binary cross-entropy) served by a fake api, and reading the
 * accessible tables back as numbers, as a screen reader would read them.
 */
import { explainStep, Network, Rng, type NetworkSpec } from '$engine';
import type { ExplainedStep, ExplainRequest } from '../../../../electron/ipc/contract';
import { Stepper, type StepperApi } from './stepper.svelte';

export const DOC_004: NetworkSpec = {
  input_shape: [2],
  layers: [
    { type: 'Dense', units: 2, activation: 'sigmoid', use_bias: false },
    { type: 'Dense', units: 1, activation: 'sigmoid', use_bias: false },
  ],
};

export function doc004Step(x: [number, number] = [0.6, -0.4], y = 1, learningRate = 0.5): ExplainedStep {
  const net = Network.fromSpec(DOC_004, new Rng(1), { kernels: 'js', numClasses: null });
  net.params[0]!.value.set([0.5, -0.3, 0.8, 0.2]);
  net.params[1]!.value.set([0.7, -1.1]);
  const trace = explainStep(net, Float32Array.from(x), Float32Array.of(y), { loss: 'binary_crossentropy', learningRate });
  return { trace, sample: 0, sampleCount: 40, classNames: ['0', '1'], label: y };
}

/** A small convolutional network on a 6×6 picture: maps forward and gradient maps backward. */
export const SMALL_CNN: NetworkSpec = {
  input_shape: [6, 6, 1],
  layers: [
    { type: 'Conv2D', filters: 2, kernel_size: [3, 3], activation: 'relu' },
    { type: 'MaxPooling2D', pool_size: [2, 2] },
    { type: 'Flatten' },
    { type: 'Dense', units: 3, activation: 'softmax' },
  ],
};

export function cnnStep(): ExplainedStep {
  const net = Network.fromSpec(SMALL_CNN, new Rng(3), { kernels: 'js', numClasses: null });
  const x = Float32Array.from({ length: 36 }, (_, i) => ((i * 7) % 11) / 10);
  const trace = explainStep(net, x, Float32Array.of(0, 1, 0), { loss: 'categorical_crossentropy', learningRate: 0.1 });
  return { trace, sample: 0, sampleCount: 10, classNames: ['a', 'b', 'c'], label: 1 };
}

/** 2 → Dense 20 tanh → Dense 1 sigmoid: a hidden layer too large to write out unit by unit. */
export function wideStep(): ExplainedStep {
  const spec: NetworkSpec = { input_shape: [2], layers: [{ type: 'Dense', units: 20, activation: 'tanh' }, { type: 'Dense', units: 1, activation: 'sigmoid' }] };
  const net = Network.fromSpec(spec, new Rng(5), { kernels: 'js', numClasses: null });
  const trace = explainStep(net, Float32Array.of(0.3, -0.8), Float32Array.of(1), { loss: 'binary_crossentropy', learningRate: 0.1 });
  return { trace, sample: 0, sampleCount: 10, classNames: ['0', '1'], label: 1 };
}

export function fakeStepper(answer: (r: ExplainRequest) => Promise<ExplainedStep> = async () => doc004Step()) {
  const requests: ExplainRequest[] = [];
  const api: StepperApi = { 'explain:step': (r) => (requests.push(r), answer(r)) };
  const stepper = new Stepper(api, () => ({
    spec: DOC_004, dataset: { source: { kind: 'bundled' }, limit: null }, learningRate: 0.5, trained: null, seed: 1,
  }));
  return { stepper, requests };
}

/** A number as the page writes it in either language (0,25 or 0.25; − or -). */
export function readNumber(text: string): number {
  return Number(text.trim().replace('−', '-').replace(',', '.'));
}
