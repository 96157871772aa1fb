import { describe, expect, it } from 'vitest';
import { PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { parseArgs, UsageError } from './args';
import { describeSchedule, settingsFromFlags, withKernelInitializer } from './trainSettings';
import { TRAIN_FLAGS } from './usage';

const settings = (argv: string[], trainCount = 60_000) => settingsFromFlags(parseArgs(argv, TRAIN_FLAGS, { command: 'train' }), trainCount);

function usageError(argv: string[]): string {
  try {
    settings(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('settingsFromFlags', () => {
  it('has the CLI\'s defaults, each optimizer starting at the app\'s learning rate', () => {
    expect(settings([])).toEqual({
      epochs: 5, batchSize: 64, learningRate: 0.001, optimizer: 'adam', schedule: { type: 'constant' },
      weightDecay: 0, loss: 'categorical_crossentropy', validationSize: 5000,
    });
    expect(settings(['--optimizer', 'nesterov']).learningRate).toBe(0.01);
    expect(settings(['--optimizer', 'momentum']).learningRate).toBe(0.01);
    expect(settings(['--optimizer', 'sgd']).learningRate).toBe(0.1);
    // A small dataset folder: a tenth held out.
    expect(settings([], 2000).validationSize).toBe(200);
  });

  it('reads every setting the app has', () => {
    expect(settings([
      '--epochs', '3', '--batch-size', '16', '--lr', '0.2', '--optimizer', 'momentum', '--schedule', 'step', '--step-every', '2',
      '--step-factor', '0.25', '--weight-decay', '0.01', '--loss', 'binary_crossentropy', '--validation-size', '700',
    ])).toEqual({
      epochs: 3, batchSize: 16, learningRate: 0.2, optimizer: 'momentum', schedule: { type: 'step', every: 2, factor: 0.25 },
      weightDecay: 0.01, loss: 'binary_crossentropy', validationSize: 700,
    });
    expect(settings(['--schedule', 'exponential', '--decay-rate', '0.5', '--decay-steps', '250']).schedule)
      .toEqual({ type: 'exponential', rate: 0.5, decay_steps: 250 });
  });

  it('gives each schedule the app\'s default numbers', () => {
    expect(settings(['--schedule', 'step']).schedule).toEqual({ type: 'step', every: 1, factor: 0.5 });
    expect(settings(['--schedule', 'exponential']).schedule).toEqual({ type: 'exponential', rate: 0.9, decay_steps: 1000 });
  });

  it('still takes --validation, the old name', () => {
    expect(settings(['--validation', '300']).validationSize).toBe(300);
  });

  it.each([
    [['--step-every', '2'], '--step-every needs --schedule step'],
    [['--decay-steps', '10'], '--decay-steps needs --schedule exponential'],
    [['--schedule', 'exponential', '--step-factor', '0.3'], '--step-factor applies only with --schedule step, not exponential'],
    [['--schedule', 'constant', '--decay-rate', '0.3'], '--decay-rate applies only with --schedule exponential, not constant'],
    [['--validation', '3', '--validation-size', '4'], '--validation is the old name of --validation-size; give only one of them'],
  ])('rejects %j', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it.each([
    [['--lr', '0'], '--lr must be greater than 0 and at most 10 (got 0)'],
    [['--lr', '11'], '--lr must be at most 10 (got 11)'],
    [['--weight-decay', '0.7'], '--weight-decay must be at most 0.5 (got 0.7)'],
    [['--weight-decay', '-0.1'], '--weight-decay must be at least 0 (got -0.1)'],
    [['--step-factor', '0'], '--step-factor must be greater than 0 and at most 1 (got 0)'],
    [['--step-every', '1.5'], '--step-every must be a whole number (got "1.5")'],
    [['--decay-rate', '1.2'], '--decay-rate must be at most 1 (got 1.2)'],
    [['--decay-steps', '0'], '--decay-steps must be greater than 0 and at most 1000000000 (got 0)'],
    [['--loss', 'hinge'], '--loss must be one of categorical_crossentropy, mean_squared_error, binary_crossentropy, mean_absolute_error, mse, bce (got "hinge")'],
    [['--init', 'orthogonal'], '--init must be one of glorot_uniform, glorot_normal, he_uniform, he_normal, pytorch_uniform, zeros (got "orthogonal")'],
    [['--schedule', 'cosine'], '--schedule must be one of constant, step, exponential (got "cosine")'],
    [['--validation-size', '-1'], '--validation-size must be at least 0 (got -1)'],
  ])('rejects the value in %j', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

describe('withKernelInitializer', () => {
  it('sets the kernel initializer of the layers with weights only, replacing the spec\'s own', () => {
    const spec: NetworkSpec = {
      input_shape: [28, 28, 1],
      layers: [
        { type: 'Conv2D', filters: 4, kernel_size: 3, kernel_initializer: 'glorot_normal' },
        { type: 'MaxPooling2D', pool_size: 2 },
        { type: 'Flatten' },
        { type: 'Dropout', rate: 0.2 },
        { type: 'Dense', units: 10, activation: 'softmax', bias_initializer: 'zeros' },
      ],
    };
    const out = withKernelInitializer(spec, 'he_uniform');
    expect(out.layers.map((l) => (l as { kernel_initializer?: string }).kernel_initializer))
      .toEqual(['he_uniform', undefined, undefined, undefined, 'he_uniform']);
    expect(out.layers[4]).toEqual({ type: 'Dense', units: 10, activation: 'softmax', bias_initializer: 'zeros', kernel_initializer: 'he_uniform' });
    // The preset itself is not changed.
    withKernelInitializer(PRESETS.mlp, 'zeros');
    expect(PRESETS.mlp.layers[1]).not.toHaveProperty('kernel_initializer');
  });

  it('leaves a layer of unknown type for the network build to report', () => {
    const spec = { input_shape: [28, 28, 1], layers: [{ type: 'LSTM', units: 3 }, { type: 'toString' }] } as unknown as NetworkSpec;
    expect(withKernelInitializer(spec, 'zeros').layers).toEqual(spec.layers);
  });
});

describe('describeSchedule', () => {
  it('words each schedule', () => {
    expect(describeSchedule({ type: 'constant' })).toBeNull();
    expect(describeSchedule({ type: 'step', every: 2, factor: 0.5 })).toBe('learning rate ×0.5 every 2 epochs');
    expect(describeSchedule({ type: 'exponential', rate: 0.9, decay_steps: 1000 })).toBe('learning rate ×0.9 every 1000 steps (smoothly)');
  });
});
