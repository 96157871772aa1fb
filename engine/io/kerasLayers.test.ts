import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../model/spec';
import { declaredInputShape, fromKerasLayer, kerasNames, ModelFileError, toKerasLayer } from './kerasLayers';

const ROUND_TRIP: LayerSpec[] = [
  { type: 'Dense', name: 'dense_1', units: 10 },
  { type: 'Dense', name: 'out', units: 64, activation: 'relu', use_bias: false, kernel_initializer: 'he_uniform', bias_initializer: 'glorot_normal' },
  { type: 'Dense', name: 'd', units: 3, activation: 'softmax', kernel_initializer: 'he_normal' },
  { type: 'Dense', name: 'torch', units: 5, activation: 'tanh', kernel_initializer: 'pytorch_uniform', bias_initializer: 'pytorch_uniform' },
  { type: 'Conv2D', name: 'conv2d_1', filters: 8, kernel_size: 5 },
  { type: 'Conv2D', name: 'c', filters: 4, kernel_size: [3, 5], strides: [2, 1], padding: 'same', activation: 'tanh', use_bias: false, kernel_initializer: 'zeros' },
  { type: 'Conv2D', name: 'c2', filters: 4, kernel_size: 3, strides: 2, activation: 'sigmoid' },
  { type: 'MaxPooling2D', name: 'max_pooling2d_1' },
  { type: 'MaxPooling2D', name: 'p', pool_size: 3, strides: 1, padding: 'same' },
  { type: 'AveragePooling2D', name: 'a', pool_size: [2, 3], strides: [1, 2] },
  { type: 'Flatten', name: 'flatten_1' },
  { type: 'Dropout', name: 'dropout_1', rate: 0.25 },
  { type: 'Activation', name: 'act', activation: 'tanh' },
  { type: 'Activation', name: 'lin', activation: 'linear' },
  { type: 'ReLU', name: 're_lu_1' },
  { type: 'LeakyReLU', name: 'lr' },
  { type: 'LeakyReLU', name: 'lr2', alpha: 0.1 },
  { type: 'Softmax', name: 'softmax_1' },
  { type: 'Reshape', name: 'reshape_1', target_shape: [28, 28, 1] },
  { type: 'Reshape', name: 'r', target_shape: [6] },
  { type: 'BatchNormalization', name: 'batch_normalization_1' },
  { type: 'BatchNormalization', name: 'bn', momentum: 0.9, epsilon: 1e-5 },
];

/** A Keras layer JSON with config overrides, for the refusal cases. */
const keras = (class_name: string, config: Record<string, unknown>) => ({ class_name, config: { name: 'x_1', ...config } });

describe('kerasLayers', () => {
  it.each(ROUND_TRIP.map((s) => [s.type, s] as const))('%s round-trips spec → Keras → spec', (_t, spec) => {
    const json = toKerasLayer(spec, spec.name!);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(fromKerasLayer(json, 0)).toEqual(spec);
  });

  it('writes the full tfjs config', () => {
    const json = toKerasLayer({ type: 'Conv2D', filters: 8, kernel_size: 5, activation: 'relu', kernel_initializer: 'he_uniform' }, 'conv2d_1', [28, 28, 1]);
    expect(json).toEqual({
      class_name: 'Conv2D',
      config: {
        filters: 8, kernel_size: [5, 5], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1],
        activation: 'relu', use_bias: true,
        kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: null } },
        bias_initializer: { class_name: 'Zeros', config: {} },
        kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
        name: 'conv2d_1', trainable: true, batch_input_shape: [null, 28, 28, 1], dtype: 'float32',
      },
    });
    expect(declaredInputShape(json)).toEqual([28, 28, 1]);
    expect(toKerasLayer({ type: 'MaxPooling2D' }, 'p').config).toMatchObject({ pool_size: [2, 2], strides: [2, 2], padding: 'valid' });
  });

  it('normalises defaults written explicitly', () => {
    const spec: LayerSpec = { type: 'Dense', units: 5, activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' };
    expect(fromKerasLayer(toKerasLayer(spec, 'd'), 0)).toEqual({ type: 'Dense', name: 'd', units: 5 });
    expect(fromKerasLayer(toKerasLayer({ type: 'MaxPooling2D', pool_size: 3, strides: null }, 'p'), 0)).toEqual({ type: 'MaxPooling2D', name: 'p', pool_size: 3 });
  });

  it('reads Keras-Python spellings: aliases, named initializers, InputLayer, negative_slope, Softmax axis by rank', () => {
    expect(fromKerasLayer(keras('MaxPool2D', { pool_size: [2, 2], strides: [2, 2] }), 0)).toEqual({ type: 'MaxPooling2D', name: 'x_1' });
    expect(fromKerasLayer(keras('AvgPool2D', { pool_size: 2 }), 0)).toEqual({ type: 'AveragePooling2D', name: 'x_1' });
    expect(fromKerasLayer(keras('Dense', {
      units: 4, kernel_initializer: { module: 'keras.initializers', class_name: 'HeNormal', config: { seed: null } },
      bias_initializer: 'glorot_uniform',
    }), 0)).toEqual({ type: 'Dense', name: 'x_1', units: 4, kernel_initializer: 'he_normal', bias_initializer: 'glorot_uniform' });
    // Initializers we lack only shaped the original random weights: defaulted, not refused.
    expect(fromKerasLayer(keras('Dense', { units: 4, kernel_initializer: { class_name: 'Orthogonal', config: { gain: 1 } } }), 0))
      .toEqual({ type: 'Dense', name: 'x_1', units: 4 });
    expect(fromKerasLayer(keras('InputLayer', { batch_shape: [null, 8, 8, 3] }), 0)).toBe('input');
    expect(declaredInputShape(keras('InputLayer', { batch_shape: [null, 8, 8, 3] }))).toEqual([8, 8, 3]);
    expect(fromKerasLayer(keras('LeakyReLU', { negative_slope: 0.2 }), 0)).toEqual({ type: 'LeakyReLU', name: 'x_1', alpha: 0.2 });
    expect(fromKerasLayer(keras('Softmax', { axis: 1 }), 4, 1)).toEqual({ type: 'Softmax', name: 'x_1' });
    expect(fromKerasLayer(keras('Softmax', { axis: [3] }), 4, 3)).toEqual({ type: 'Softmax', name: 'x_1' });
    // Keras 2 writes BatchNormalization's axis as a list counting the batch axis; Keras 3 writes -1.
    expect(fromKerasLayer(keras('BatchNormalization', { axis: [3], momentum: 0.99, epsilon: 0.001, center: true, scale: true }), 4, 3))
      .toEqual({ type: 'BatchNormalization', name: 'x_1' });
    expect(fromKerasLayer(keras('BatchNormalization', { axis: 1, momentum: 0.9, renorm: false, virtual_batch_size: null }), 4, 1))
      .toEqual({ type: 'BatchNormalization', name: 'x_1', momentum: 0.9 });
  });

  it('fills in a Reshape\'s unknown dimension (Keras -1, tfjs null) from the input\'s size', () => {
    expect(fromKerasLayer(keras('Reshape', { target_shape: [-1, 28, 1] }), 1, 1, 784)).toEqual({ type: 'Reshape', name: 'x_1', target_shape: [28, 28, 1] });
    expect(fromKerasLayer(keras('Reshape', { target_shape: [7, null] }), 1, 1, 784)).toEqual({ type: 'Reshape', name: 'x_1', target_shape: [7, 112] });
    // Left for the analysis to report: two unknowns, a size that does not divide, an unknown input.
    expect(fromKerasLayer(keras('Reshape', { target_shape: [-1, -1] }), 1, 1, 784)).toMatchObject({ target_shape: [-1, -1] });
    expect(fromKerasLayer(keras('Reshape', { target_shape: [-1, 5] }), 1, 1, 784)).toMatchObject({ target_shape: [-1, 5] });
    expect(fromKerasLayer(keras('Reshape', { target_shape: [-1, 28] }), 1)).toMatchObject({ target_shape: [-1, 28] });
  });

  it('writes BatchNormalization and Reshape configs as tfjs does', () => {
    expect(toKerasLayer({ type: 'Reshape', target_shape: [7, 7, 16] }, 'reshape_1').config).toMatchObject({ target_shape: [7, 7, 16] });
    expect(toKerasLayer({ type: 'BatchNormalization', momentum: 0.9 }, 'bn').config).toMatchObject({
      axis: -1, momentum: 0.9, epsilon: 0.001, center: true, scale: true,
      gamma_initializer: { class_name: 'Ones', config: {} }, moving_variance_initializer: { class_name: 'Ones', config: {} },
    });
  });

  const refusals: [string, unknown, RegExp][] = [
    ['unsupported class', { class_name: 'LayerNormalization', config: { name: 'layer_normalization_1' } },
      /^layer 3 'layer_normalization_1' is a LayerNormalization layer, which Layerwise does not support; supported: Dense, Conv2D, .*BatchNormalization, GaussianNoise, .*Softmax\.$/],
    ['BatchNormalization over axis 1 of an image', keras('BatchNormalization', { axis: 1 }), /normalizes over axis 1; Layerwise normalizes over the last axis only/],
    ['BatchNormalization over two axes', keras('BatchNormalization', { axis: [1, 3] }), /normalizes over axis \[1,3\]/],
    ['BatchNormalization without center', keras('BatchNormalization', { center: false }), /sets center to false; Layerwise always learns both gamma and beta/],
    ['BatchNormalization without scale', keras('BatchNormalization', { scale: false }), /sets scale to false/],
    ['BatchNormalization renorm', keras('BatchNormalization', { renorm: true }), /uses renorm true/],
    ['BatchNormalization virtual batches', keras('BatchNormalization', { virtual_batch_size: 8 }), /uses virtual_batch_size 8/],
    ['channels_first', keras('Conv2D', { filters: 2, kernel_size: 3, data_format: 'channels_first' }), /layer 3 'x_1' uses data_format "channels_first"/],
    ['channels_first Flatten', keras('Flatten', { data_format: 'channels_first' }), /channels_last/],
    ['dilation', keras('Conv2D', { filters: 2, kernel_size: 3, dilation_rate: [2, 2] }), /dilation_rate \[2,2\]/],
    ['groups', keras('Conv2D', { filters: 2, kernel_size: 3, groups: 2 }), /groups 2/],
    ['elu', keras('Dense', { units: 2, activation: 'elu' }), /activation "elu", which Layerwise does not have/],
    ['elu Activation', keras('Activation', { activation: 'elu' }), /activation "elu"/],
    ['Activation without activation', keras('Activation', {}), /has no activation setting/],
    ['ReLU max_value', keras('ReLU', { max_value: 6 }), /max_value 6/],
    ['ReLU threshold', keras('ReLU', { threshold: 0.5 }), /threshold 0\.5/],
    ['ReLU negative_slope', keras('ReLU', { negative_slope: 0.1 }), /LeakyReLU/],
    ['Softmax axis 1 of an image', keras('Softmax', { axis: 1 }), /axis 1; Layerwise applies it over the last axis only/],
    ['Dropout noise_shape', keras('Dropout', { rate: 0.5, noise_shape: [null, 1, 1, 8] }), /noise_shape/],
    ['float16', keras('Dense', { units: 2, dtype: 'float16' }), /float16/],
    ['mixed precision', keras('Dense', { units: 2, dtype: { class_name: 'DTypePolicy', config: { name: 'mixed_float16' } } }), /mixed_float16/],
    ['LoRA', keras('Dense', { units: 2, lora_rank: 4 }), /LoRA/],
    ['no class_name', { config: {} }, /layer 3 has no class_name/],
    ['no config', { class_name: 'Dense' }, /no config object/],
    ['not an object', 42, /no class_name/],
  ];
  it.each(refusals)('refuses %s with a ModelFileError naming the layer', (_what, json, message) => {
    const rank = _what === 'Softmax axis 1 of an image' || _what.startsWith('BatchNormalization') ? 3 : undefined;
    let error: unknown;
    try {
      fromKerasLayer(json, 2, rank);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(message);
  });

  it('makes names valid, unique tfjs tensor names', () => {
    expect(kerasNames([{ type: 'Dense', units: 1 }, { type: 'Dense', units: 1, name: 'my layer' }, { type: 'Dense', units: 1, name: 'layer_my_layer' }]))
      .toEqual(['dense_1', 'layer_my_layer', 'layer_my_layer_2']);
  });
});
