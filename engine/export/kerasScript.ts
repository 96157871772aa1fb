/**
 * A network and its training settings as a Keras 3 script (model_keras.py): each layer
 * writes its own Keras line (`code.keras` in engine/layers/*.kind.ts); Keras keeps images
 * channels last as Layerwise does, so no layout changes. It trains from scratch: Layerwise's
 * model.json is itself a TensorFlow.js Keras model, which is the way to carry trained weights to Keras.
 */
import type { LossName } from '../losses/loss';
import { layerKind } from '../model/registry';
import { py, runSettingsPy } from './python';
import { LOAD_DATA_PY } from './pythonData';
import type { ScriptInput } from './pytorchScript';

function optimizerLine(s: ScriptInput): string {
  const o = s.config.optimizer;
  const sch = s.config.schedule;
  const lr = sch?.type === 'exponential'
    ? `keras.optimizers.schedules.ExponentialDecay(LEARNING_RATE, decay_steps=${py(sch.decay_steps)}, decay_rate=${py(sch.rate)})`
    : 'LEARNING_RATE';
  if (o.type === 'adam') {
    return `# Keras's Adam is Layerwise's: epsilon 1e-7 on √v, the bias correction folded into the step size.
    optimizer = keras.optimizers.Adam(learning_rate=${lr}, beta_1=${py(o.beta_1 ?? 0.9)}, beta_2=${py(o.beta_2 ?? 0.999)}, epsilon=${py(o.epsilon ?? 1e-7)})`;
  }
  return `optimizer = keras.optimizers.SGD(learning_rate=${lr}${o.momentum ? `, momentum=${py(o.momentum)}` : ''}${o.nesterov ? ', nesterov=True' : ''})`;
}

export function kerasScript(s: ScriptInput): string {
  const { net, config } = s;
  const ctx = { weightDecay: config.optimizer.weight_decay ?? 0 };
  const layers = net.layers.map((l) => `        ${layerKind(l.spec.type).code.keras(l.spec as never, ctx)},  # ${l.name}: outputs ${l.outputShape.join('×')}`);
  const loss: LossName = config.loss ?? (s.head === 'classification' ? 'categorical_crossentropy' : s.head === 'binary' ? 'binary_crossentropy' : 'mean_squared_error');
  const sch = config.schedule;
  const callbacks = sch?.type === 'step'
    ? `[keras.callbacks.LearningRateScheduler(lambda epoch: LEARNING_RATE * ${py(sch.factor)} ** (epoch // ${sch.every}))]`
    : '[]';
  const metric = s.head === 'classification' || s.head === 'binary' ? '"accuracy"' : '"mse"';
  return `#!/usr/bin/env python3
"""${s.name}: a Layerwise network as a Keras 3 script (exported by Layerwise ${s.appVersion}).

    python3 model_keras.py --data DIR   trains it from scratch with the settings below and tests it

DIR is a folder with MNIST's four IDX files, or one with train.csv and test.csv (by default
the folder of this script). The last line printed is the test result as JSON.
"""
import argparse
import gzip
import json
import os
import struct

import keras
import numpy as np
from keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))

${runSettingsPy(s.seed, config, s.trainCount)}
INPUT_SHAPE = ${py(net.inputShape)}  # one sample, channels last as in Layerwise
TASK = ${py(s.head)}


def build_model():
    return keras.Sequential([
        keras.Input(shape=INPUT_SHAPE),
${layers.join('\n')}
    ])


${LOAD_DATA_PY}

def targets(x, y):
    """What the loss compares the outputs with: one-hot classes, the labels, the targets or the inputs."""
    if TASK == "classification":
        return keras.utils.to_categorical(y, ${net.outputSize})
    if TASK == "reconstruction":
        return x.reshape((len(x),) + ${py(net.outputShape)})
    return y.astype(np.float32).reshape(len(y), -1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=HERE, help="an MNIST IDX folder, or a folder with train.csv and test.csv")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N training and test samples")
    args = parser.parse_args()

    keras.utils.set_random_seed(SEED)
    x_train, y_train, x_test, y_test = load_data(args.data, args.limit)
    if args.limit is None:
        x_train, y_train = x_train[:TRAIN_COUNT], y_train[:TRAIN_COUNT]
    n = len(x_train)
    held_out = VALIDATION_SIZE if VALIDATION_SIZE is not None else min(5000, n // 10)
    x_fit, t_fit = x_train[:n - held_out], targets(x_train[:n - held_out], y_train[:n - held_out])
    validation = (x_train[n - held_out:], targets(x_train[n - held_out:], y_train[n - held_out:])) if held_out > 0 else None

    model = build_model()
    ${optimizerLine(s)}
    model.compile(optimizer=optimizer, loss=${py(loss)}, metrics=[${metric}])
    model.summary()
    # The learning rate's schedule, if any, is in the optimizer (per step) or a callback (per epoch).
    model.fit(x_fit, t_fit, batch_size=BATCH_SIZE, epochs=args.epochs, shuffle=True, validation_data=validation,
              callbacks=${callbacks})
    loss, measure = model.evaluate(x_test, targets(x_test, y_test), verbose=0)
    print(json.dumps({"testLoss": loss, ${s.head === 'classification' || s.head === 'binary' ? '"testAccuracy"' : '"testMse"'}: measure}))


if __name__ == "__main__":
    main()
`;
}
