import { jsKernels } from '../core/kernels';
import type { Dataset } from '../data/dataset';
import type { LossName } from '../losses';
import { LocalizedError, msg } from '../messages';
import type { Network } from '../model/network';
import type { OptimizerSpec } from '../optimizers';
import { headFor, lossProblem } from '../train/taskHead';
import { explainStep } from './explainStep';
import type { StepTrace } from './trace';

export interface SampleStepOptions {
  /** Which part of the dataset the sample is taken from. */
  split: 'train' | 'test';
  /** The sample's index in that part, from 0. */
  sample: number;
  /** Absent or null: the task's own loss, as training picks it. */
  loss?: LossName | null;
  learningRate: number;
  optimizer?: OptimizerSpec;
  maxValues?: number;
  /** Per spec layer, the unit whose weights the trace gives whole (see `ExplainOptions.focus`). */
  focus?: readonly (number | null)[];
}

/** A step explained on a sample of a dataset, with what a sample picker shows beside it. */
export interface ExplainedSample {
  trace: StepTrace;
  sample: number;
  /** How many samples the chosen part holds. */
  sampleCount: number;
  /** The task's classes (what output k stands for); null for values. */
  classNames: string[] | null;
  /** The sample's class, for classification; null otherwise. */
  label: number | null;
}

/**
 * One training step on sample `opts.sample` of `dataset`, its input and target made as
 * training makes them (the task's head, bytes scaled to [0, 1]): the CLI's `explain` and the
 * host's `explain:step` both come here. Problems the student can fix throw a LocalizedError.
 */
export function explainSample(network: Network, dataset: Dataset, opts: SampleStepOptions): ExplainedSample {
  const task = dataset.task;
  if (task.kind === 'reconstruction') throw new LocalizedError(msg('explain.reconstruction'));
  const shape = (s: readonly number[]) => s.join('×');
  if (shape(network.inputShape) !== shape(dataset.inputShape)) {
    throw new LocalizedError(msg('train.inputShapeOf', { network: shape(network.inputShape), dataset: dataset.name, data: shape(dataset.inputShape) }));
  }
  const head = headFor(task, dataset.inputShape, network.outputSize);
  if (head.width !== network.outputSize) throw new LocalizedError(msg('train.outputWidth', { network: network.outputSize, task: head.width }));
  const set = opts.split === 'train' ? dataset.train : dataset.test;
  const i = opts.sample;
  if (!Number.isInteger(i) || i < 0 || i >= set.count) {
    throw new LocalizedError(msg(opts.split === 'train' ? 'explain.noTrainSample' : 'explain.noTestSample', { sample: i, dataset: dataset.name, count: set.count }));
  }
  const loss = opts.loss ?? head.defaultLoss;
  const problem = lossProblem(task, loss);
  if (problem) throw new LocalizedError(problem);

  const indices = [i];
  const input = new Float32Array(network.inputSize), target = new Float32Array(head.width);
  jsKernels.gatherInputs(set, network.inputSize, indices, 0, 1, input);
  head.fillTargets(set, indices, 0, 1, target, jsKernels);
  const trace = explainStep(network, input, target, {
    loss, learningRate: opts.learningRate,
    ...(opts.optimizer ? { optimizer: opts.optimizer } : {}), ...(opts.maxValues !== undefined ? { maxValues: opts.maxValues } : {}),
    ...(opts.focus ? { focus: opts.focus } : {}),
  });
  const classNames = task.kind === 'classification' || task.kind === 'binary' ? [...task.classNames] : null;
  return { trace, sample: i, sampleCount: set.count, classNames, label: set.labels ? set.labels[i]! : null };
}
