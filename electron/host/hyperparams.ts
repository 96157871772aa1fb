/**
 * The renderer's hyperparameters (contract `Hyperparams`) and the engine's `TrainConfig`,
 * both ways: forward when a run starts, backward when a saved model is opened (from the
 * config recorded in its metadata, which may come from the CLI or an older version, so
 * each field is checked on its own and dropped when it does not fit). The thread count
 * goes to the worker, not into the config: it changes the speed only, and a saved model
 * may be opened on another machine.
 */
import { hyperparamsSchema, type Hyperparams } from '../ipc/contract';
import { type TrainConfig, trainConfigFromSettings } from '../../engine';

/**
 * The engine's mapping, shared with the CLI (so a run is reproducible in either). The
 * validation size stays as asked: the worker applies the limit's rule once it knows the
 * dataset's size.
 */
export function toTrainConfig(h: Hyperparams): TrainConfig {
  return trainConfigFromSettings(h);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Hyperparameters recovered from a saved config; fields that are missing or out of range are left out. */
export function fromTrainConfig(config: unknown, seed: unknown): Partial<Hyperparams> {
  if (!isObject(config)) return {};
  const opt = isObject(config['optimizer']) ? config['optimizer'] : {};
  const momentum = typeof opt['momentum'] === 'number' ? opt['momentum'] : 0;
  const optimizer = opt['type'] === 'adam' ? 'adam'
    : opt['type'] !== 'sgd' ? undefined
      : momentum === 0 ? 'sgd'
        : opt['nesterov'] === true ? 'nesterov' : 'momentum';
  const candidate: Record<string, unknown> = {
    epochs: config['epochs'],
    batchSize: config['batchSize'],
    learningRate: config['learningRate'],
    optimizer,
    schedule: config['schedule'] ?? { type: 'constant' },
    weightDecay: typeof opt['weight_decay'] === 'number' ? opt['weight_decay'] : 0,
    loss: config['loss'] ?? 'categorical_crossentropy',
    validationSize: config['validationSize'],
    seed,
  };
  const out: Record<string, unknown> = {};
  const shape = hyperparamsSchema.shape;
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const r = shape[key].safeParse(candidate[key]);
    // Optional fields (threads) are absent from saved configs: leave them out rather than undefined.
    if (r.success && r.data !== undefined) out[key] = r.data;
  }
  return out as Partial<Hyperparams>;
}
