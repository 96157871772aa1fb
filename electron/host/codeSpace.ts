/**
 * The host's side of the code-space worker: started on first use and kept, restarted after
 * a crash. Each client has at most one job under way (starting another cancels it); a job's
 * events go to the client's listeners with its id. A crashed worker ends every job with
 * 'codes:failed' and rejects the pending layer requests, rather than leave a progress bar
 * waiting forever.
 */
import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { CodeLayers, CodesEvent } from '../ipc/contract';
import { formatMessage, msg } from '../../engine';
import { HostError } from './hostError';
import type { CodesCommand, CodesJobSettings, CodesWorkerMessage } from './codesProtocol';
import type { JobDataset, ModelSource } from './workerProtocol';

interface Job {
  jobId: string;
  clientId: string;
  emit(event: CodesEvent): void;
}

interface Asked {
  resolve(layers: CodeLayers): void;
  reject(e: unknown): void;
}

const ENDS: ReadonlySet<string> = new Set(['codes:done', 'codes:cancelled', 'codes:failed']);

export class CodeSpace {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly jobs = new Map<number, Job>();
  private readonly asked = new Map<number, Asked>();

  constructor(private readonly createWorker: () => Worker) {}

  /** The model's layers and code layer, with the test set its codes would come from. */
  layers(key: string, source: ModelSource, dataset: JobDataset): Promise<CodeLayers> {
    const id = this.nextId++;
    return new Promise<CodeLayers>((resolve, reject) => {
      this.asked.set(id, { resolve, reject });
      this.send({ type: 'layers', id, key, source, dataset });
    });
  }

  /** Starts a job for `clientId` (cancelling its job under way); its events go to `emit`. */
  start(clientId: string, key: string, source: ModelSource, dataset: JobDataset, settings: CodesJobSettings, emit: (e: CodesEvent) => void): { jobId: string } {
    this.cancelClient(clientId);
    const id = this.nextId++, jobId = randomUUID();
    this.jobs.set(id, { jobId, clientId, emit });
    this.send({ type: 'job', id, key, source, dataset, settings });
    return { jobId };
  }

  /** Cancels the client's job `jobId`; its 'codes:cancelled' follows. 'not-found' for a job that is not the client's or has ended. */
  cancel(clientId: string, jobId: string): void {
    const entry = [...this.jobs].find(([, j]) => j.jobId === jobId && j.clientId === clientId);
    if (!entry) throw new HostError('not-found', msg('general.codesNoSuchJob'));
    this.worker?.postMessage({ type: 'cancel', id: entry[0] } satisfies CodesCommand);
  }

  /** The client went away (or starts another job): cancel what it has under way. */
  cancelClient(clientId: string): void {
    for (const [id, job] of this.jobs) {
      if (job.clientId === clientId) this.worker?.postMessage({ type: 'cancel', id } satisfies CodesCommand);
    }
  }

  /** Jobs under way (tests). */
  get running(): number {
    return this.jobs.size;
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll();
    if (w) await w.terminate().catch(() => 0);
  }

  private send(cmd: CodesCommand): void {
    const worker = this.ensureWorker();
    worker.postMessage(cmd);
    worker.ref();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    this.worker = worker;
    worker.on('message', (m: CodesWorkerMessage) => this.onMessage(m));
    const died = (why: string, err?: unknown) => {
      if (this.worker !== worker) return;
      console.error(`Layerwise: the code-space worker stopped unexpectedly (${why}).`, err ?? '');
      this.worker = null;
      this.failAll();
    };
    worker.on('error', (err) => died(err.message, err));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return worker;
  }

  private onMessage(m: CodesWorkerMessage): void {
    if (m.type === 'layers' || (m.type === 'error' && this.asked.has(m.id))) {
      const asked = this.asked.get(m.id);
      this.asked.delete(m.id);
      if (m.type === 'layers') asked?.resolve(m.layers);
      else asked?.reject(new HostError(m.code, m.detail ?? m.message));
      this.idle();
      return;
    }
    const job = this.jobs.get(m.id);
    if (!job) return;
    const event: CodesEvent = m.type === 'error'
      ? { type: 'codes:failed', jobId: job.jobId, message: m.message, ...(m.detail ? { detail: m.detail } : {}) }
      : { ...m.event, jobId: job.jobId } as CodesEvent;
    if (ENDS.has(event.type)) this.jobs.delete(m.id);
    try {
      job.emit(event);
    } catch (e) {
      console.error('Layerwise: a code-space listener failed:', e);
    }
    this.idle();
  }

  /** Nothing under way: the worker no longer keeps the process alive. */
  private idle(): void {
    if (this.jobs.size === 0 && this.asked.size === 0) this.worker?.unref();
  }

  private failAll(): void {
    const detail = msg('general.codesCrashed');
    const jobs = [...this.jobs.values()], asked = [...this.asked.values()];
    this.jobs.clear();
    this.asked.clear();
    for (const j of jobs) j.emit({ type: 'codes:failed', jobId: j.jobId, message: formatMessage(detail), detail });
    for (const a of asked) a.reject(new HostError('internal', detail));
  }
}
