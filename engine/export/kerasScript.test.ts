/**
 * The Keras script cannot run here (no TensorFlow): Python must compile it, and its text
 * must hold the network's layers, initializers and training settings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import { kerasScript } from './kerasScript';
import type { ScriptInput } from './pytorchScript';

const input = (net: Network, config: ScriptInput['config']): ScriptInput => ({
  net, name: 'test', config, seed: 7, task: { kind: 'classification', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] },
  head: 'classification', appVersion: '0.0.0',
});

async function compiles(text: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'layerwise-keras-'));
  try {
    await writeFile(join(dir, 'model_keras.py'), text);
    const run = spawnSync('/usr/bin/python3', ['-m', 'py_compile', join(dir, 'model_keras.py')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the exported Keras script', () => {
  it('writes the CNN\'s layers in order with their settings, and Python compiles it', async () => {
    const net = Network.fromSpec({
      ...PRESETS.cnn,
      layers: PRESETS.cnn.layers.map((l) => (l.type === 'Conv2D' ? { ...l, kernel_initializer: 'pytorch_uniform' as const } : l)),
    }, new Rng(1));
    const text = kerasScript(input(net, {
      epochs: 3, batchSize: 32, learningRate: 0.004, optimizer: { type: 'adam', weight_decay: 0.001 }, schedule: { type: 'step', every: 2, factor: 0.5 },
    }));
    const layers = text.split('\n').filter((l) => /^ {8}layers\./.test(l)).map((l) => l.trim().replace(/\(.*/, ''));
    expect(layers).toEqual(['layers.Conv2D', 'layers.MaxPooling2D', 'layers.Conv2D', 'layers.MaxPooling2D', 'layers.Flatten', 'layers.Dense']);
    // Each line names its layer and the shape it outputs, the model's own.
    const shapes = text.split('\n').filter((l) => /^ {8}layers\./.test(l)).map((l) => /# (\w+): outputs ([\d×]+)$/.exec(l)?.slice(1));
    expect(shapes).toEqual(net.layers.map((l) => [l.name, l.outputShape.join('×')]));
    expect(shapes.at(-2)).toEqual(['flatten_1', '256']);
    expect(text).toContain('layers.Conv2D(8, (5, 5), activation="relu", kernel_initializer=keras.initializers.VarianceScaling(scale=1 / 3, mode="fan_in", distribution="uniform")');
    expect(text).toContain('kernel_regularizer=keras.regularizers.L2(0.0005)');
    expect(text).toContain('keras.Input(shape=INPUT_SHAPE)');
    expect(text).toContain('INPUT_SHAPE = (28, 28, 1)');
    expect(text).toMatch(/keras\.optimizers\.Adam\(learning_rate=LEARNING_RATE, beta_1=0\.9, beta_2=0\.999, epsilon=1e-7\)/);
    expect(text).toContain('LEARNING_RATE * 0.5 ** (epoch // 2)');
    expect(text).toMatch(/SEED = 7\nEPOCHS = 3\nBATCH_SIZE = 32\nLEARNING_RATE = 0\.004/);
    expect(text).toContain('loss="categorical_crossentropy"');
    await compiles(text);
  });

  it('writes SGD with momentum, an exponential decay and every activation layer', async () => {
    const net = Network.fromSpec({
      input_shape: [2],
      layers: [
        { type: 'Dense', units: 8 }, { type: 'LeakyReLU', alpha: 0.1 }, { type: 'BatchNormalization' }, { type: 'Dropout', rate: 0.2 },
        { type: 'GaussianNoise', stddev: 0.1 }, { type: 'Dense', units: 3 }, { type: 'ReLU' }, { type: 'Dense', units: 3 }, { type: 'Activation', activation: 'tanh' },
        { type: 'Dense', units: 10 }, { type: 'Softmax' },
      ],
    }, new Rng(1));
    const text = kerasScript(input(net, {
      epochs: 1, batchSize: 8, learningRate: 0.1, optimizer: { type: 'sgd', momentum: 0.9, nesterov: true }, schedule: { type: 'exponential', rate: 0.9, decay_steps: 100 },
    }));
    for (const line of ['layers.LeakyReLU(negative_slope=0.1)', 'layers.BatchNormalization(momentum=0.99, epsilon=0.001)', 'layers.Dropout(0.2)',
      'layers.GaussianNoise(0.1)', 'layers.ReLU()', 'layers.Activation("tanh")', 'layers.Softmax()',
      'keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.ExponentialDecay(LEARNING_RATE, decay_steps=100, decay_rate=0.9), momentum=0.9, nesterov=True)']) {
      expect(text).toContain(line);
    }
    await compiles(text);
  });
});
