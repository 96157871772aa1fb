/**
 * Python text shared by the generated scripts and the layer kinds' code lines: literals,
 * the activation modules, the initializers under each library's names.
 */
import type { InitializerName } from '../core/initializers';
import type { TrainConfig } from '../train/config';

/** A Python literal for a number, string, boolean, null or a tuple of them. */
export function py(value: number | string | boolean | null | readonly (number | string)[]): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value); // 1e-7, 0.001, 64: JavaScript writes numbers as Python reads them
  return value.length === 1 ? `(${py(value[0]!)},)` : `(${value.map((v) => py(v)).join(', ')})`;
}

/** The PyTorch module of an activation option ('linear': none). Softmax runs over the channels, dim 1, which is our last axis. */
export function torchActivation(name: string | undefined): string[] {
  switch (name ?? 'linear') {
    case 'relu': return ['nn.ReLU()'];
    case 'tanh': return ['nn.Tanh()'];
    case 'sigmoid': return ['nn.Sigmoid()'];
    case 'softmax': return ['nn.Softmax(dim=1)'];
    default: return [];
  }
}

/**
 * A Keras initializer argument. Keras has no PyTorch default: ours, U(±1/√fan_in), is
 * VarianceScaling with scale 1/3 (limit √(3·scale/fan_in)).
 */
export function kerasInitializer(name: InitializerName): string {
  return name === 'pytorch_uniform'
    ? 'keras.initializers.VarianceScaling(scale=1 / 3, mode="fan_in", distribution="uniform")'
    : py(name);
}

/** Keyword arguments of a Dense or Conv2D layer in Keras: activation, bias, initializers, weight decay (defaults left out). */
export function kerasWeightArgs(
  spec: { activation?: string; use_bias?: boolean; kernel_initializer?: InitializerName; bias_initializer?: InitializerName },
  weightDecay: number,
): string {
  const args: string[] = [];
  if ((spec.activation ?? 'linear') !== 'linear') args.push(`activation=${py(spec.activation!)}`);
  if (spec.use_bias === false) args.push('use_bias=False');
  args.push(`kernel_initializer=${kerasInitializer(spec.kernel_initializer ?? 'glorot_uniform')}`);
  if ((spec.bias_initializer ?? 'zeros') !== 'zeros') args.push(`bias_initializer=${kerasInitializer(spec.bias_initializer!)}`);
  // Keras's L2(l) adds l·ΣW², whose gradient is 2lW; ours is λW, so l = λ/2.
  if (weightDecay > 0) args.push(`kernel_regularizer=keras.regularizers.L2(${py(weightDecay / 2)})`);
  return args.map((a) => `, ${a}`).join('');
}

/** The run's settings as the scripts' constants (the same in the PyTorch and the Keras script). */
export function runSettingsPy(seed: number, config: Pick<TrainConfig, 'epochs' | 'batchSize' | 'learningRate' | 'validationSize'>, trainCount: number | null | undefined): string {
  return [
    '# The settings of the Layerwise run.',
    `SEED = ${seed}`,
    `EPOCHS = ${config.epochs}`,
    `BATCH_SIZE = ${config.batchSize}`,
    `LEARNING_RATE = ${py(config.learningRate)}`,
    '# Layerwise holds out the last training samples for validation (None: 5,000, or a tenth of a smaller set).',
    `VALIDATION_SIZE = ${config.validationSize === undefined ? 'None' : config.validationSize}`,
    '# Layerwise trained on the first TRAIN_COUNT training samples (None: all of them); --limit overrides it.',
    `TRAIN_COUNT = ${trainCount ?? 'None'}`,
  ].join('\n');
}
