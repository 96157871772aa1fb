/**
 * A network and its training settings as a runnable PyTorch script (model.py): the same
 * layers (each kind writes its own modules: `code.torch` in engine/layers/*.kind.ts), the same
 * initializers, loss, optimizer, schedule, batch size, epochs and seed, reading the same
 * data. With `--evaluate` it loads the trained weights Layerwise wrote beside it
 * (weights/*.npy, torchWeights.ts) and prints the test measure on its last line.
 */
import type { Task } from '../data/task';
import { LocalizedError, msg } from '../messages';
import type { Network } from '../model/network';
import { layerKind } from '../model/registry';
import type { TrainConfig } from '../train/config';
import { py, runSettingsPy } from './python';
import { LOAD_DATA_PY } from './pythonData';
import { lossPy, optimizerPy, schedulePy } from './pytorchTraining';

export interface ScriptInput {
  readonly net: Network;
  readonly name: string;
  readonly config: TrainConfig;
  readonly seed: number;
  readonly task: Task;
  /** `binary` when a 2-class set trains one sigmoid output (taskHead's rule). */
  readonly head: 'classification' | 'binary' | 'regression' | 'reconstruction';
  readonly appVersion: string;
  /** The training samples Layerwise used (the first ones: its data limit), when recorded. */
  readonly trainCount?: number;
}

export interface TorchLayout {
  /** Every module line with its comment, in Sequential order. */
  readonly lines: readonly { readonly code: string; readonly layer: string }[];
  /** Per spec layer, the Sequential index of the module holding its weights. */
  readonly weighted: readonly number[];
}

/** The modules of every layer, or a LocalizedError naming the layer PyTorch cannot reproduce. */
export function torchLayout(net: Network): TorchLayout {
  const lines: { code: string; layer: string }[] = [];
  const weighted: number[] = [];
  for (const layer of net.layers) {
    const code = layerKind(layer.spec.type).code.torch(layer.spec as never, layer.inputShape);
    if (!('modules' in code)) throw new LocalizedError(msg('export.layer', { layer: layer.name, why: code }));
    weighted.push(lines.length + (code.weighted ?? 0));
    code.modules.forEach((m, k) => lines.push({ code: m, layer: k === (code.weighted ?? 0) ? layer.name : '' }));
  }
  return { lines, weighted };
}

/** The channels-first shape PyTorch's modules take for one of our (channels-last) sample shapes. */
const torchShape = (shape: readonly number[]) => (shape.length === 3 ? [shape[2]!, shape[0]!, shape[1]!] : [...shape]);

const GAUSSIAN_NOISE_PY = `class GaussianNoise(nn.Module):
    """Adds N(0, stddev²) noise in training only, as Keras's GaussianNoise (PyTorch has none)."""

    def __init__(self, stddev):
        super().__init__()
        self.stddev = stddev

    def forward(self, x):
        return x + self.stddev * torch.randn_like(x) if self.training else x


`;

const INITIALIZE_PY = `def initialize(layer, kernel_init, bias_init):
    """Keras's initializers, which Layerwise uses, with Keras's fans (the same as PyTorch's for these layers)."""
    w = layer.weight
    field = w[0][0].numel()
    fan_in, fan_out = w.shape[1] * field, w.shape[0] * field
    for tensor, name in ((w, kernel_init), (layer.bias, bias_init)):
        if tensor is None:
            continue
        with torch.no_grad():
            if name == "zeros":
                nn.init.zeros_(tensor)
            elif name in ("glorot_uniform", "he_uniform", "pytorch_uniform"):
                limit = {"glorot_uniform": math.sqrt(6 / (fan_in + fan_out)), "he_uniform": math.sqrt(6 / fan_in),
                         "pytorch_uniform": math.sqrt(1 / fan_in)}[name]
                nn.init.uniform_(tensor, -limit, limit)
            else:  # glorot_normal, he_normal: Keras's normal truncated at two standard deviations
                std = math.sqrt(2 / (fan_in + fan_out) if name == "glorot_normal" else 2 / fan_in) / 0.87962566103423978
                nn.init.trunc_normal_(tensor, 0.0, std, -2 * std, 2 * std)


`;

export function pytorchScript(s: ScriptInput): string {
  const { net, config } = s;
  const layout = torchLayout(net);
  const modules = layout.lines.map((l) => `        ${l.code},${l.layer ? `  # ${l.layer}` : ''}`);
  const inits = net.layers.flatMap((layer, i) => {
    if (!layer.params.some((p) => p.name === 'kernel')) return [];
    const sp = layer.spec as { kernel_initializer?: string; bias_initializer?: string };
    return [`    initialize(model[${layout.weighted[i]}], ${py(sp.kernel_initializer ?? 'glorot_uniform')}, ${py(sp.bias_initializer ?? 'zeros')})`];
  });
  const usesNoise = layout.lines.some((l) => l.code.startsWith('GaussianNoise('));
  return `#!/usr/bin/env python3
"""${s.name}: a Layerwise network as a PyTorch script (exported by Layerwise ${s.appVersion}).

    python3 model.py --data DIR              trains it from scratch with the settings below
    python3 model.py --data DIR --evaluate   loads the weights Layerwise trained (weights/*.npy) and tests them

DIR is a folder with MNIST's four IDX files, or one with train.csv and test.csv (by default
the folder of this script). The last line printed is the test result as JSON.
"""
import argparse
import gzip
import json
import math
import os
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))

${runSettingsPy(s.seed, config, s.trainCount)}
# One sample's shape in Layerwise, channels last; PyTorch's modules take ${py(torchShape(net.inputShape))}.
INPUT_SHAPE = ${py(net.inputShape)}
TASK = ${py(s.head)}


${usesNoise ? GAUSSIAN_NOISE_PY : ''}${INITIALIZE_PY}def build_model():
    model = nn.Sequential(
${modules.join('\n')}
    )
${inits.length ? inits.join('\n') : '    pass'}
    return model


${LOAD_DATA_PY}

def to_torch(x):
    """Channels last (Layerwise, NumPy) to channels first (PyTorch) for images."""
    x = torch.from_numpy(np.ascontiguousarray(x))
    return x.permute(0, 3, 1, 2).contiguous() if x.dim() == 4 else x


${lossPy(config, s.head)}

def measure(model, x, y):
    """The test measure Layerwise shows for this task."""
    model.eval()
    with torch.no_grad():
        outputs = torch.cat([model(x[i:i + 1000]) for i in range(0, len(x), 1000)])
        target = y if TASK != "reconstruction" else x.reshape(outputs.shape)
        result = {"testLoss": loss_fn(outputs, target).item()}
        if TASK == "classification":
            result["testAccuracy"] = (outputs.argmax(1) == y).float().mean().item()
        elif TASK == "binary":
            result["testAccuracy"] = ((outputs.reshape(-1) >= 0.5).long() == y).float().mean().item()
        else:
            error = outputs - target.reshape(outputs.shape)
            result["testMse"], result["testMae"] = (error ** 2).mean().item(), error.abs().mean().item()
    return result, outputs


def load_weights(model, folder):
    """The weights Layerwise trained, one .npy file per tensor, already in PyTorch's layouts."""
    state = model.state_dict()
    for key in state:
        if key.endswith("num_batches_tracked"):
            continue
        state[key] = torch.from_numpy(np.load(os.path.join(folder, key + ".npy")))
    model.load_state_dict(state)


def train(model, x, y, epochs):
    n = len(x)
    held_out = VALIDATION_SIZE if VALIDATION_SIZE is not None else min(5000, n // 10)
    x_fit, y_fit, x_val, y_val = x[:n - held_out], y[:n - held_out], x[n - held_out:], y[n - held_out:]
${optimizerPy(config)}
${schedulePy(config)}
    batches = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_fit, y_fit), batch_size=BATCH_SIZE, shuffle=True,
                                          generator=torch.Generator().manual_seed(SEED))
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for xb, yb in batches:
            optimizer.zero_grad()
            loss = loss_fn(model(xb), yb if TASK != "reconstruction" else xb)
            loss.backward()
            optimizer.step()
            if per_batch is not None:
                per_batch.step()
            total += loss.item() * len(xb)
        if per_epoch is not None:
            per_epoch.step()
        line = {"epoch": epoch + 1, "samples": len(x_fit), "loss": total / len(x_fit)}
        if held_out > 0:
            line.update({k.replace("test", "validation"): v for k, v in measure(model, x_val, y_val)[0].items()})
        print(json.dumps(line), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=HERE, help="an MNIST IDX folder, or a folder with train.csv and test.csv")
    parser.add_argument("--evaluate", action="store_true", help="test the weights Layerwise trained instead of training")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N training and test samples")
    parser.add_argument("--outputs", help="also write the test outputs to this .npy file")
    args = parser.parse_args()

    torch.manual_seed(SEED)
    x_train, y_train, x_test, y_test = load_data(args.data, args.limit)
    model = build_model()
    if args.evaluate:
        load_weights(model, os.path.join(HERE, "weights"))
    else:
        count = TRAIN_COUNT if args.limit is None else None
        train(model, to_torch(x_train[:count]), torch.from_numpy(y_train[:count]), args.epochs)
    result, outputs = measure(model, to_torch(x_test), torch.from_numpy(y_test))
    if args.outputs:
        np.save(args.outputs, outputs.numpy())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
`;
}
