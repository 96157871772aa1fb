/**
 * Worker thread entry for predictions: long-lived, so drawing a digit never waits for a
 * training run nor blocks the main thread. Built networks are cached by key (the host's
 * 'current:<runId>' or 'saved:<id>:<savedAt>'); a request for a key it no longer has
 * and without a source is answered 'missing', and the host sends it again with one.
 */
import { parentPort, type Transferable } from 'node:worker_threads';
import { fromLayersModel, IdxError, LocalizedError, ModelFileError, SpecError, formatMessage, msg, type Message, type Network, predictProbs, isOutOfMemory, saliencyOf } from '../../engine';
import { decode, reconstruct, RequestProblem, testCodes, type CachedModel } from './autoencoderRequests';
import { loadModel } from '../../engine/node';
import { explainJob } from './explainRequests';
import { planeFrame } from './planeFrames';
import type { ModelSource, PredictCommand, PredictWorkerMessage, WorkerActivation } from './workerProtocol';

/** Networks kept built; the least recently used goes first. */
const CACHE_SIZE = 4;

const port = parentPort;
if (!port) throw new Error('predictWorker.ts must run in a worker thread.');

const cache = new Map<string, CachedModel>();

/** An error's text twice: English (logs) and as a catalog message the UI words in its language. */
const said = (detail: Message) => ({ message: formatMessage(detail), detail });

function post(message: PredictWorkerMessage, transfer: Transferable[] = []): void {
  port!.postMessage(message, transfer);
}

async function build(source: ModelSource): Promise<CachedModel> {
  const { network, metadata } = source.kind === 'dir' ? await loadModel(source.dir) : fromLayersModel(source.model.modelJson, source.model.weightData);
  return { network, metadata };
}

async function modelFor(cmd: PredictCommand): Promise<CachedModel | null> {
  const hit = cache.get(cmd.key);
  if (hit) {
    cache.delete(cmd.key);
    cache.set(cmd.key, hit);
    return hit;
  }
  if (!cmd.source) return null;
  const model = await build(cmd.source);
  cache.set(cmd.key, model);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return model;
}

function layerOutputs(network: Network, x: Float32Array): WorkerActivation[] {
  const outs = network.forwardLayers(x, 1);
  return network.layers.map((layer, i) => ({
    name: layer.name, type: layer.spec.type, shape: [...layer.outputShape], values: outs[i]!,
  }));
}

async function handle(cmd: PredictCommand): Promise<void> {
  // A step from fresh weights needs no model: the job carries its network and seed.
  if (cmd.type === 'explain' && cmd.init) return post({ type: 'explained', id: cmd.id, step: await explainJob(cmd, null) });
  const model = await modelFor(cmd);
  if (!model) {
    post({ type: 'missing', id: cmd.id });
    return;
  }
  const network = model.network;
  if (cmd.type === 'reconstruct') return post({ type: 'reconstruction', id: cmd.id, reconstruction: reconstruct(model, cmd.pixels) });
  if (cmd.type === 'decode') return post({ type: 'decoded', id: cmd.id, decoded: decode(model, cmd.code) });
  if (cmd.type === 'codes') return post({ type: 'codes', id: cmd.id, codes: await testCodes(model, cmd.dataDir, cmd.limit) });
  if (cmd.type === 'explain') return post({ type: 'explained', id: cmd.id, step: await explainJob(cmd, model) });
  if (cmd.type === 'plane') {
    if (network.inputSize !== 2) {
      post({ type: 'error', id: cmd.id, code: 'invalid-request', ...said(msg('data.planeOnly', { inputs: network.inputSize })) });
      return;
    }
    const frame = planeFrame(network, cmd.bounds, cmd.resolution, cmd.unitResolution);
    if (frame.grid.kind === 'regression' && !Number.isFinite(frame.grid.range.min + frame.grid.range.max)) throw new ModelFileError(msg('modelFile.nonFiniteOutput'));
    post({ type: 'plane', id: cmd.id, frame });
    return;
  }
  if (network.inputSize !== cmd.pixels.length) {
    const detail = cmd.raw
      ? msg('data.valuesCount', { inputs: network.inputSize, given: cmd.pixels.length })
      : network.inputShape.length === 1 && network.inputSize === 2
      ? msg('data.pointsNotDrawing')
      : msg('general.predictImageSize', { shape: network.inputShape.join('×'), drawing: '28×28' });
    post({ type: 'error', id: cmd.id, code: 'invalid-request', ...said(detail) });
    return;
  }
  const t0 = performance.now();
  const probs = cmd.raw ? network.forward(cmd.pixels, 1, { training: false }).slice(0, network.outputSize) : predictProbs(network, cmd.pixels, 1);
  // Weights within the load limits can still overflow in a deep enough network: say so rather than send NaN as null.
  if (!probs.every(Number.isFinite)) throw new ModelFileError(msg('modelFile.nonFiniteOutput'));
  let predicted = 0;
  for (let j = 1; j < probs.length; j++) if (probs[j]! > probs[predicted]!) predicted = j;
  const layers = cmd.withActivations ? layerOutputs(network, cmd.pixels) : null;
  // What the network looks at, for a drawing: one backward pass of the predicted class's score.
  const saliency = cmd.withActivations && !cmd.raw && network.inputShape.length === 3 ? saliencyOf(network, cmd.pixels).gradient : null;
  const milliseconds = performance.now() - t0;
  const transfer: Transferable[] = [probs.buffer as ArrayBuffer, ...(layers ?? []).map((l) => l.values.buffer as ArrayBuffer), ...(saliency ? [saliency.buffer as ArrayBuffer] : [])];
  post({ type: 'prediction', id: cmd.id, probs, predicted, layers, saliency, milliseconds }, transfer);
}

port.on('message', (cmd: PredictCommand) => {
  if (!['predict', 'plane', 'reconstruct', 'decode', 'codes', 'explain'].includes(cmd?.type)) return;
  handle(cmd).catch((e: unknown) => {
    if (isOutOfMemory(e)) {
      post({ type: 'error', id: cmd.id, code: 'invalid-request', ...said(msg('modelFile.outOfMemory')) });
      return;
    }
    // The student's own mistakes (a sample that is not there, a loss for values…), and a network the data cannot take.
    if (e instanceof RequestProblem || e instanceof IdxError || (cmd.type === 'explain' && (e instanceof LocalizedError || e instanceof SpecError))) {
      post({ type: 'error', id: cmd.id, code: 'invalid-request', ...(e.detail ? said(e.detail) : { message: e.message }) });
      return;
    }
    const known = e instanceof ModelFileError;
    if (!known) console.error('Layerwise: prediction failed:', e);
    post({
      type: 'error', id: cmd.id, code: known ? 'bad-file' : 'internal',
      ...(known ? (e.detail ? said(e.detail) : { message: e.message }) : said(msg('general.predictFailed'))),
    });
  });
});
