import type { LossName } from '../losses/loss';
import type { OptimizerSpec } from '../optimizers/optimizer';
import type { DenseSpec, NetworkSpec } from './spec';

/**
 * Ready-made networks: the two the app offers students, and the benchmark workloads
 * (exact layers of docs/benchmarks: He-uniform kernels, zero biases).
 */
const MNIST_INPUT = [28, 28, 1] as const;

/** Flatten → Dense hidden tanh → Dense code tanh (named `code`) → Dense hidden tanh → Dense 784 sigmoid → Reshape 28×28×1. */
function autoencoderSpec(hidden: number, code: number, init: Partial<Pick<DenseSpec, 'kernel_initializer' | 'bias_initializer'>> = {}) {
  return {
    input_shape: MNIST_INPUT,
    layers: [
      { type: 'Flatten' },
      { type: 'Dense', units: hidden, activation: 'tanh', ...init },
      { type: 'Dense', units: code, activation: 'tanh', name: 'code', ...init },
      { type: 'Dense', units: hidden, activation: 'tanh', ...init },
      { type: 'Dense', units: 784, activation: 'sigmoid', ...init },
      { type: 'Reshape', target_shape: MNIST_INPUT },
    ],
  } satisfies NetworkSpec;
}

export const PRESETS = {
  /** Flatten → Dense 128 ReLU → Dense 10 softmax: 101,770 parameters. */
  mlp: {
    input_shape: MNIST_INPUT,
    layers: [
      { type: 'Flatten' },
      { type: 'Dense', units: 128, activation: 'relu' },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  },
  /** LeNet-style: Conv 8@5×5 → pool → Conv 16@5×5 → pool → Dense 10: 5,994 parameters. */
  cnn: {
    input_shape: MNIST_INPUT,
    layers: [
      { type: 'Conv2D', filters: 8, kernel_size: 5, activation: 'relu' },
      { type: 'MaxPooling2D', pool_size: 2 },
      { type: 'Conv2D', filters: 16, kernel_size: 5, activation: 'relu' },
      { type: 'MaxPooling2D', pool_size: 2 },
      { type: 'Flatten' },
      { type: 'Dense', units: 10, activation: 'softmax' },
    ],
  },
  empty: { input_shape: MNIST_INPUT, layers: [] },
  /** Points in the plane, one hidden tanh layer then softmax (documents 000 and 004): 2 → 8 → 2, 42 parameters. */
  plane: {
    input_shape: [2],
    layers: [
      { type: 'Dense', units: 8, activation: 'tanh' },
      { type: 'Dense', units: 2, activation: 'softmax' },
    ],
  },
  /** The course's one hidden tanh layer, 2 → 5 tanh → K softmax (document 004's 2-5-3 has 33 parameters). */
  plane5: {
    input_shape: [2],
    layers: [
      { type: 'Dense', units: 5, activation: 'tanh' },
      { type: 'Dense', units: 2, activation: 'softmax' },
    ],
  },
  /** A linear classifier of points in the plane, 2 → 2 softmax: what one layer can and cannot separate (document 000). */
  planeLinear: {
    input_shape: [2],
    layers: [{ type: 'Dense', units: 2, activation: 'softmax' }],
  },
  // Autoencoders (document 003, issue 12): the image back through a narrow code, sigmoid pixels, reshaped to the input.
  // He-uniform kernels: with Glorot's smaller ones the code starts near 0, and Adam at 0.001 sits for
  // epochs on the mean image (test MSE 0.0676 after 5 epochs for one seed in two, as TF.js does; He: 0.027).
  /** The course's autoencoder, 784-100-10-100-784 tanh with a 10-number code: 159,794 parameters. */
  autoencoder: autoencoderSpec(100, 10, { kernel_initializer: 'he_uniform' }),
  /** The same with 128 units and a 2-number code, whose codes can be plotted as they are: 202,258 parameters. */
  autoencoder2d: autoencoderSpec(128, 2, { kernel_initializer: 'he_uniform' }),
} satisfies Record<string, NetworkSpec>;

export type PresetName = keyof typeof PRESETS;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** The presets for points in the plane, whose softmax output has one unit per class. */
const PLANE_PRESETS: readonly PresetName[] = ['plane', 'plane5', 'planeLinear'];

export function isPlanePreset(name: PresetName): boolean {
  return PLANE_PRESETS.includes(name);
}

/**
 * A preset for data with `classes` classes (K ≥ 2; default 2): a plane preset ends in K
 * softmax units (2 → 5 tanh → 3 for three classes); the others are as they are.
 */
export function presetFor(name: PresetName, classes = 2): NetworkSpec {
  const spec: NetworkSpec = PRESETS[name];
  const k = Number.isInteger(classes) && classes >= 2 ? classes : 2;
  if (!isPlanePreset(name) || k === 2) return spec;
  const layers = spec.layers.map((l, i) => (i === spec.layers.length - 1 && l.type === 'Dense' ? { ...l, units: k } : l));
  return { input_shape: spec.input_shape, layers };
}

/** The benchmark workloads: layers, optimizer and batch exactly as the peers ran them. */
export interface Workload {
  readonly spec: NetworkSpec;
  readonly learningRate: number;
  readonly batchSize: number;
  /** Training FLOPs per sample (≈ 6 × forward multiply-adds), for GFLOP/s figures. */
  readonly flopsPerSample: number;
  /** Default plain SGD and softmax cross-entropy on the digits' classes. */
  readonly optimizer?: OptimizerSpec;
  readonly loss?: LossName;
  readonly task?: 'reconstruction';
}

const he = { kernel_initializer: 'he_uniform', bias_initializer: 'zeros' } as const;

export const WORKLOADS = {
  mlp: {
    spec: {
      input_shape: MNIST_INPUT,
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 128, activation: 'relu', ...he }, { type: 'Dense', units: 10, ...he }],
    },
    learningRate: 0.1, batchSize: 64, flopsPerSample: 609_792,
  },
  cnn: {
    spec: {
      input_shape: MNIST_INPUT,
      layers: [
        { type: 'Conv2D', filters: 8, kernel_size: 5, activation: 'relu', ...he },
        { type: 'MaxPooling2D', pool_size: 2 },
        { type: 'Conv2D', filters: 16, kernel_size: 5, activation: 'relu', ...he },
        { type: 'MaxPooling2D', pool_size: 2 },
        { type: 'Flatten' },
        { type: 'Dense', units: 10, ...he },
      ],
    },
    learningRate: 0.05, batchSize: 64, flopsPerSample: 1_935_360,
  },
  'mlp-wide': {
    spec: {
      input_shape: MNIST_INPUT,
      layers: [
        { type: 'Flatten' },
        { type: 'Dense', units: 512, activation: 'relu', ...he },
        { type: 'Dense', units: 256, activation: 'relu', ...he },
        { type: 'Dense', units: 10, ...he },
      ],
    },
    learningRate: 0.1, batchSize: 128, flopsPerSample: 3_210_240,
  },
  /** The course's autoencoder; the sigmoid fuses into binary cross-entropy from logits; the metric is test MSE. */
  autoencoder: {
    spec: autoencoderSpec(100, 10, he),
    learningRate: 0.001, batchSize: 64, flopsPerSample: 952_800,
    optimizer: { type: 'adam' }, loss: 'binary_crossentropy', task: 'reconstruction',
  },
} satisfies Record<string, Workload>;

export type WorkloadName = keyof typeof WORKLOADS;
