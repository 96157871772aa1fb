/**
 * `layerwise explain`: one training step on one sample, seen from inside (issue 13): the
 * forward values of every layer (z before its activation, a after it), the loss, the
 * backward pass (∂L/∂ each value and each parameter tensor) and the update, all from the
 * engine's own passes (engine/explain). With --json one object whose parameters and
 * gradients are keyed and laid out as in the model file, for scripts and for checking
 * against another framework.
 */
import { resolve } from 'node:path';
import { Rng } from '../../core/rng';
import type { Dataset } from '../../data/dataset';
import { explainSample, type ExplainedSample } from '../../explain/explainSample';
import type { TraceTensor } from '../../explain/trace';
import { Network } from '../../model/network';
import { loadModel } from '../../node/modelFiles';
import { analyzeOptionsFor } from '../../train/taskHead';
import { optimizerSpecFor } from '../../train/settings';
import { parseArgs, UsageError } from '../args';
import { loadArch, loadData, printJson, printLine } from '../common';
import { explainText } from '../explainText';
import { lossFromFlag } from '../trainSettings';
import { EXPLAIN_FLAGS } from '../usage';

/** The learning rate of the step when --lr is not given: plain SGD's usual one. */
const DEFAULT_LR = 0.1;

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, EXPLAIN_FLAGS, { command: 'explain' });
  if ((flags.arch === undefined) === (flags.model === undefined)) {
    throw new UsageError('explain needs either --arch (fresh weights, drawn with --seed) or --model (a saved model\'s weights)', 'explain');
  }
  if (flags.model !== undefined && flags.seed !== undefined) throw new UsageError('--seed draws fresh weights: it goes with --arch, not --model', 'explain');
  // "mnist" names the bundled set, which loadData takes as no --data at all.
  const dataset = await loadData({ ...flags, data: flags.data === 'mnist' ? undefined : flags.data });
  const { network, label } = await networkFor(flags, dataset);
  const lr = flags.lr ?? DEFAULT_LR;
  const step = explainSample(network, dataset, {
    split: flags.set ?? 'train', sample: flags.sample ?? 0, learningRate: lr,
    loss: flags.loss === undefined ? null : lossFromFlag(flags.loss), optimizer: optimizerSpecFor(flags.optimizer ?? 'sgd'),
  });
  if (flags.json) printJson(explainJson(step, label, dataset, flags.set ?? 'train'));
  else printLine(explainText(step, label, dataset.name, flags.set ?? 'train'));
  return 0;
}

async function networkFor(flags: { arch?: string; model?: string; seed?: number }, dataset: Dataset): Promise<{ network: Network; label: string }> {
  if (flags.model !== undefined) {
    const { network } = await loadModel(flags.model);
    return { network, label: resolve(flags.model) };
  }
  const arch = await loadArch(flags.arch!);
  return { network: Network.fromSpec(arch.spec, new Rng(flags.seed ?? 1), analyzeOptionsFor(dataset.task)), label: arch.label };
}

/** The trace as one JSON object: tensors nested in their shapes, parameters and gradients keyed by model-file weight names. */
export function explainJson(step: ExplainedSample, network: string, dataset: Dataset, split: 'train' | 'test'): Record<string, unknown> {
  const t = step.trace;
  const byWeight = (pick: (p: ExplainedSample['trace']['layers'][number]['params'][number]) => TraceTensor) =>
    Object.fromEntries(t.layers.flatMap((l) => l.params.map((p) => [p.weightName, nested(pick(p))])));
  return {
    network, dataset: dataset.name, set: split, sample: step.sample, sampleCount: step.sampleCount,
    label: step.label, classNames: step.classNames,
    input: nested(t.input), target: t.target, output: t.output,
    loss: t.loss.value, lossName: t.loss.name, lossGradient: t.lossGradient,
    layers: t.layers.map((l) => ({
      name: l.name, type: l.type, activation: l.activation, inputShape: l.inputShape, outputShape: l.outputShape,
      parameters: Object.fromEntries(l.params.map((p) => [p.weightName, nested(p.value)])),
      z: l.z && nested(l.z), a: nested(l.a), localDerivative: l.localDerivative && nested(l.localDerivative), fusedWithLoss: l.fusedWithLoss,
      deltaOutput: nested(l.deltaOutput), deltaZ: l.deltaZ && nested(l.deltaZ), deltaInput: nested(l.deltaInput),
      ...(l.deltaInputPaths ? { deltaInputPaths: nested(l.deltaInputPaths) } : {}),
    })),
    gradients: byWeight((p) => p.gradient),
    update: { optimizer: t.update.optimizer, learningRate: t.update.learningRate, parameters: byWeight((p) => p.updated), lossAfter: t.update.lossAfter },
  };
}

/** Row-major values as nested arrays of their shape (`[in, out]` → `w[i][j]`); a vector stays flat. */
export function nested(tensor: TraceTensor): unknown {
  const values = tensor.values ?? [];
  const build = (dims: readonly number[], offset: number): unknown => {
    if (dims.length <= 1) return values.slice(offset, offset + (dims[0] ?? 1));
    const [n, ...rest] = dims as [number, ...number[]];
    const stride = rest.reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => build(rest, offset + i * stride));
  };
  return build(tensor.shape, 0);
}
