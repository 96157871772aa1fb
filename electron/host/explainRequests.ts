/**
 * The prediction worker's answer to `explain:step`: one training step on one sample of the
 * student's network, traced by the engine (engine/explain). Runs in the worker: the weights
 * are a cached model's (checked to be the network the builder shows) or a seeded
 * initialization, the data is the job's (kept between requests: the student steps through
 * sample after sample).
 */
import { explainSample, limitDataset, LocalizedError, msg, Network, Rng, type NetworkSpec } from '../../engine';
import type { ExplainedStep } from '../ipc/contract';
import type { CachedModel } from './autoencoderRequests';
import { lastDatasetCache } from './jobDatasets';
import type { ExplainJob } from './workerProtocol';

const datasetOf = lastDatasetCache();

/** The trace of the step; a problem the student can fix (sample out of range, loss for values…) throws a LocalizedError. */
export async function explainJob(job: ExplainJob, model: CachedModel | null): Promise<ExplainedStep> {
  const dataset = limitDataset(await datasetOf(job.dataset), job.dataset.limit);
  const network = model ? modelAsBuilt(model.network, job.spec) : Network.fromSpec(job.spec, new Rng(job.init!.seed), { numClasses: null, kernels: 'js' });
  return explainSample(network, dataset, {
    split: job.split, sample: job.sample, loss: job.loss, learningRate: job.learningRate, optimizer: job.optimizer, maxValues: job.maxValues,
    ...(job.focus ? { focus: job.focus } : {}),
  });
}

/**
 * A trained model stands for the builder's network only if it is that network: the same
 * layers, activations and weight shapes. Otherwise its weights explain another network
 * than the one the student is looking at.
 */
function modelAsBuilt(network: Network, spec: NetworkSpec): Network {
  const built = Network.fromSpec(spec, new Rng(0), { numClasses: null, kernels: 'js' });
  const same = built.inputShape.join('×') === network.inputShape.join('×') && built.layers.length === network.layers.length &&
    built.layers.every((l, i) => {
      const m = network.layers[i]!;
      return l.spec.type === m.spec.type && activationOf(l.spec) === activationOf(m.spec) &&
        l.params.length === m.params.length && l.params.every((p, j) => p.shape.join('×') === m.params[j]!.shape.join('×'));
    });
  if (!same) throw new LocalizedError(msg('explain.weightsDiffer'));
  return network;
}

const activationOf = (spec: object): unknown => ('activation' in spec ? spec.activation ?? 'linear' : null);
