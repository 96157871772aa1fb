/**
 * The code space's state: the model's layers, the student's settings, and the job under
 * way with what it has sent so far (the images, the moving 2-D positions, the k-means
 * tables). One job at a time: running again, or cancelling, drops the job before; events
 * of any other job are ignored.
 */
import type { ClusterSummary, CodeLayers, CodesEvent, DatasetChoice, LayerwiseApi, ModelRef } from '../../../../electron/ipc/contract';
import { errorText } from '../../lib/i18n/i18n.svelte';

export type CodesApi = Pick<LayerwiseApi, 'codes:layers' | 'codes:start' | 'codes:cancel' | 'onCodesEvent'>;
export type CodeMethodKind = 'pca' | 'tsne' | 'umap';
export type JobStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the codes come from: a model and the dataset whose test images it reads. */
export interface CodesTarget {
  model: ModelRef;
  dataset: DatasetChoice;
}

export const COUNT_CHOICES = [500, 1000, 2000, 5000] as const;
const TSNE_ITERATIONS = 1000;
const KMEANS_RESTARTS = 10;

type Started = Extract<CodesEvent, { type: 'codes:started' }>;

export class CodeSpace {
  layers = $state.raw<CodeLayers | null>(null);
  layersError = $state<string | null>(null);
  /** The layer picked (an index into `layers.layers`); null = the code layer. */
  layer = $state<number | null>(null);
  count = $state<number>(1000);
  method = $state<CodeMethodKind>('pca');
  perplexity = $state(30);
  neighbors = $state(15);
  /** Clusters for k-means; null = one per class. */
  k = $state<number | null>(null);

  status = $state<JobStatus>('idle');
  progress = $state.raw<{ phase: 'codes' | 'embedding' | 'kmeans'; done: number; total: number } | null>(null);
  started = $state.raw<Started | null>(null);
  /** `[count, 2]` positions, as they move. */
  points = $state.raw<Float32Array | null>(null);
  explained = $state.raw<number[] | null>(null);
  clusters = $state.raw<{ codes: ClusterSummary; pixels: ClusterSummary } | null>(null);
  error = $state<string | null>(null);
  seconds = $state<number | null>(null);
  /** The settings the shown picture was computed with (a change makes it stale). */
  shownKey = $state<string | null>(null);

  #jobId: string | null = null;
  /** Events that came while `codes:start` was on its way (its answer names the job they belong to). */
  #early: CodesEvent[] | null = null;
  #images: Uint8Array | null = null;
  #unsubscribe: (() => void) | null = null;
  #layersToken = 0;

  constructor(private readonly api: CodesApi, private readonly target: () => CodesTarget | null) {}

  /** The layer the job takes: the picked one, else the model's code layer. */
  get layerIndex(): number | null {
    return this.layer ?? this.layers?.codeLayer ?? null;
  }

  get classes(): number {
    return this.layers?.classNames?.length ?? 0;
  }

  get kmeansK(): number {
    return this.k ?? Math.max(2, this.classes || 10);
  }

  /** Most images a t-SNE takes (the host says; null before the layers are known). */
  get tsneMax(): number | null {
    return this.layers?.maxTsnePoints ?? null;
  }

  /** The images a job takes: t-SNE at most `tsneMax`, and never more than the test set has. */
  get effectiveCount(): number {
    const capped = this.method === 'tsne' && this.tsneMax !== null ? Math.min(this.count, this.tsneMax) : this.count;
    return this.layers ? Math.min(capped, this.layers.testCount) : capped;
  }

  /** Everything a job's result depends on, as one string. */
  get settingsKey(): string {
    return JSON.stringify([this.layerIndex, this.effectiveCount, this.method, this.perplexity, this.neighbors, this.kmeansK]);
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Asks the host for the model's layers (a new model: the picked layer and the picture are dropped). */
  async loadLayers(): Promise<void> {
    const target = this.target();
    const token = ++this.#layersToken;
    void this.cancel();
    this.layers = null;
    this.layer = null;
    this.layersError = null;
    this.reset();
    if (!target) return;
    try {
      const layers = await this.api['codes:layers'](target);
      if (token === this.#layersToken) this.layers = layers;
    } catch (e) {
      if (token === this.#layersToken) this.layersError = errorText(e);
    }
  }

  async run(): Promise<void> {
    const target = this.target();
    if (!target || !this.layers) return;
    await this.cancel();
    this.#unsubscribe ??= this.api.onCodesEvent((e) => this.onEvent(e));
    this.reset();
    this.status = 'running';
    this.shownKey = this.settingsKey;
    const method = this.method === 'pca' ? { kind: 'pca' as const }
      : this.method === 'tsne' ? { kind: 'tsne' as const, perplexity: this.perplexity, iterations: TSNE_ITERATIONS }
      : { kind: 'umap' as const, neighbors: this.neighbors };
    const kmeans = this.classes > 0 ? { k: this.kmeansK, restarts: KMEANS_RESTARTS } : null;
    const early: CodesEvent[] = [];
    this.#early = early;
    try {
      const { jobId } = await this.api['codes:start']({ ...target, layer: this.layerIndex, count: this.effectiveCount, method, kmeans, seed: 1 });
      if (this.#early !== early) {
        // Cancelled or run again while starting: this job is no longer wanted.
        void this.api['codes:cancel']({ jobId }).catch(() => undefined);
        return;
      }
      this.#early = null;
      this.#jobId = jobId;
      for (const e of early) this.onEvent(e);
    } catch (e) {
      if (this.#early !== early) return;
      this.#early = null;
      this.status = 'failed';
      this.error = errorText(e);
    }
  }

  /** Stops the job under way (the student changed a setting or left); what it showed so far stays. */
  async cancel(): Promise<void> {
    const jobId = this.#jobId;
    this.#jobId = null;
    this.#early = null;
    if (this.status === 'running') this.status = 'cancelled';
    this.progress = null;
    if (jobId) await this.api['codes:cancel']({ jobId }).catch(() => undefined);
  }

  /** Sample `i`'s image as base64 bytes (DigitImage's input), or null for samples that are not images. */
  imageOf(i: number): string | null {
    const images = this.#images, per = 784;
    if (!images || images.length < (i + 1) * per) return null;
    let s = '';
    for (let p = 0; p < per; p++) s += String.fromCharCode(images[i * per + p]!);
    return btoa(s);
  }

  dispose(): void {
    void this.cancel();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  private reset(): void {
    this.progress = null;
    this.started = null;
    this.points = null;
    this.explained = null;
    this.clusters = null;
    this.error = null;
    this.seconds = null;
    this.#images = null;
    this.shownKey = null;
    if (this.status !== 'running') this.status = 'idle';
  }

  private onEvent(e: CodesEvent): void {
    if (this.#early) {
      this.#early.push(e);
      return;
    }
    if (e.jobId !== this.#jobId) return;
    switch (e.type) {
      case 'codes:started':
        this.started = e;
        this.#images = e.pixels ? Uint8Array.from(atob(e.pixels), (c) => c.charCodeAt(0)) : null;
        break;
      case 'codes:progress':
        this.progress = { phase: e.phase, done: e.done, total: e.total };
        break;
      case 'codes:points':
        this.points = Float32Array.from(e.points);
        if (e.explained) this.explained = e.explained;
        break;
      case 'codes:clusters':
        this.clusters = { codes: e.codes, pixels: e.pixels };
        break;
      case 'codes:done':
        this.#jobId = null;
        this.status = 'done';
        this.progress = null;
        this.seconds = e.seconds;
        break;
      case 'codes:cancelled':
        this.#jobId = null;
        this.status = 'cancelled';
        this.progress = null;
        break;
      case 'codes:failed':
        this.#jobId = null;
        this.status = 'failed';
        this.progress = null;
        this.error = errorText(e);
        break;
    }
  }
}
