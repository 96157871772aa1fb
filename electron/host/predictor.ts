/**
 * The host's side of the prediction worker: started on first use and kept, restarted
 * if it dies. A model is sent to the worker once per key (the worker caches it); later
 * requests send only the key and the pixels. The host measures each prediction from
 * request to answer, which is what the student waits for.
 */
import type { Worker } from 'node:worker_threads';
import type { DecodedImage, ExplainedStep, LayerActivation, PlaneFrame, Prediction, Reconstruction, TestCodes } from '../ipc/contract';
import { type PlaneBounds, msg } from '../../engine';
import { HostError } from './hostError';
import type { ExplainJob, ModelSource, PredictCommand, PredictWorkerMessage } from './workerProtocol';

interface Pending {
  cmd: PredictCommand;
  /** Null for a command that needs no model (a step explained from fresh weights). */
  source: (() => ModelSource | Promise<ModelSource>) | null;
  /** A Prediction for 'predict', a PlaneFrame for 'plane', and so on: what the command's reply carries. */
  resolve(p: Answer): void;
  reject(e: unknown): void;
  t0: number;
  resent: boolean;
}

type Answer = Prediction | PlaneFrame | Reconstruction | DecodedImage | TestCodes | ExplainedStep;

/** Keys the host remembers sending; the worker keeps fewer, and says 'missing' when it dropped one. */
const SENT_KEYS = 16;

export class Predictor {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly sent = new Set<string>();
  private nextId = 1;

  constructor(private readonly createWorker: () => Worker) {}

  /**
   * Class probabilities for one 28×28 image (values in [0, 1]), or with `raw` the outputs for one
   * sample of numbers; `source` is asked for the model only when the worker does not have `key` yet.
   */
  predict(
    key: string, source: () => ModelSource | Promise<ModelSource>, pixels: ArrayLike<number>, withActivations: boolean, raw = false,
  ): Promise<Prediction> {
    return this.request({ type: 'predict', id: this.nextId++, key, pixels: Float32Array.from(pixels), withActivations, raw }, source) as Promise<Prediction>;
  }

  /** The model over a square of the plane, computed in the worker like any prediction. */
  plane(
    key: string, source: () => ModelSource | Promise<ModelSource>, bounds: PlaneBounds, resolution: number, unitResolution: number,
  ): Promise<PlaneFrame> {
    return this.request({ type: 'plane', id: this.nextId++, key, bounds, resolution, unitResolution }, source) as Promise<PlaneFrame>;
  }

  /** An autoencoder's reconstruction of one image (values in [0, 1]) and the image's code. */
  reconstruct(key: string, source: () => ModelSource | Promise<ModelSource>, pixels: ArrayLike<number>): Promise<Reconstruction> {
    return this.request({ type: 'reconstruct', id: this.nextId++, key, pixels: Float32Array.from(pixels) }, source) as Promise<Reconstruction>;
  }

  /** The image an autoencoder's decoder makes of one code. */
  decode(key: string, source: () => ModelSource | Promise<ModelSource>, code: ArrayLike<number>): Promise<DecodedImage> {
    return this.request({ type: 'decode', id: this.nextId++, key, code: Float32Array.from(code) }, source) as Promise<DecodedImage>;
  }

  /** The codes of the first `limit` test images of the folder `dataDir`, with their labels. */
  codes(key: string, source: () => ModelSource | Promise<ModelSource>, dataDir: string, limit: number): Promise<TestCodes> {
    return this.request({ type: 'codes', id: this.nextId++, key, dataDir, limit }, source) as Promise<TestCodes>;
  }

  /**
   * One training step on one sample, traced by the engine in the worker: with the model under
   * `model.key` (which must be `job.spec`'s network), or with `job.init`'s fresh weights when `model` is null.
   */
  explain(model: { key: string; source: () => ModelSource | Promise<ModelSource> } | null, job: ExplainJob): Promise<ExplainedStep> {
    return this.request({ type: 'explain', id: this.nextId++, key: model?.key ?? 'init', ...job }, model?.source ?? null) as Promise<ExplainedStep>;
  }

  private request(cmd: PredictCommand, source: (() => ModelSource | Promise<ModelSource>) | null): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const p: Pending = { cmd, source, resolve, reject, t0: performance.now(), resent: false };
      this.pending.set(cmd.id, p);
      void this.send(p, source !== null && !this.sent.has(cmd.key));
    });
  }

  /** Forgets models the worker may hold under keys starting with `prefix` (e.g. a deleted model). */
  forget(prefix: string): void {
    for (const k of [...this.sent]) if (k.startsWith(prefix)) this.sent.delete(k);
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new HostError('internal', msg('general.predictShutDown')));
    if (w) await w.terminate().catch(() => 0);
  }

  private async send(p: Pending, withSource: boolean): Promise<void> {
    try {
      const source = withSource && p.source ? await p.source() : undefined;
      if (!this.pending.has(p.cmd.id)) return;
      const worker = this.ensureWorker();
      const cmd: PredictCommand = source ? { ...p.cmd, source } : { ...p.cmd };
      // The pixels are copied, not transferred: a resend needs them again.
      worker.postMessage(cmd);
      worker.ref();
      if (source) {
        this.sent.delete(p.cmd.key);
        this.sent.add(p.cmd.key);
        while (this.sent.size > SENT_KEYS) this.sent.delete(this.sent.values().next().value!);
      }
    } catch (e) {
      this.settle(p.cmd.id)?.reject(e);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    this.worker = worker;
    this.sent.clear();
    worker.on('message', (m: PredictWorkerMessage) => this.onMessage(m));
    const died = (why: string, err?: unknown) => {
      if (this.worker !== worker) return;
      console.error(`Layerwise: the prediction worker stopped unexpectedly (${why}).`, err ?? '');
      this.worker = null;
      this.sent.clear();
      this.failAll(new HostError('internal', msg('general.predictCrashed')));
    };
    worker.on('error', (err) => died(err.message, err));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return worker;
  }

  private onMessage(m: PredictWorkerMessage): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'missing') {
      this.sent.delete(p.cmd.key);
      if (p.resent) {
        this.settle(m.id)?.reject(new HostError('internal', msg('general.predictLoadFailed')));
        return;
      }
      p.resent = true;
      void this.send(p, true);
      return;
    }
    this.settle(m.id);
    if (m.type === 'error') {
      if (m.code === 'bad-file') this.sent.delete(p.cmd.key);
      p.reject(new HostError(m.code, m.detail ?? m.message));
      return;
    }
    if (m.type === 'plane') return p.resolve(m.frame);
    if (m.type === 'reconstruction') return p.resolve(m.reconstruction);
    if (m.type === 'decoded') return p.resolve(m.decoded);
    if (m.type === 'codes') return p.resolve(m.codes);
    if (m.type === 'explained') return p.resolve(m.step);
    const layers: LayerActivation[] | null = m.layers
      ? m.layers.map((l) => ({ name: l.name, type: l.type, shape: l.shape, values: Array.from(l.values) }))
      : null;
    p.resolve({ probs: Array.from(m.probs), predicted: m.predicted, layers, saliency: m.saliency ? Array.from(m.saliency) : null, milliseconds: performance.now() - p.t0 });
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
    return p;
  }

  private failAll(e: unknown): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }
}
