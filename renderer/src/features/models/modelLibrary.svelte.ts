/**
 * The saved models: list, save the run just trained, open (its network goes into the
 * builder, its weights to the drawing pad), rename, delete, export and import. Taking a
 * name that exists, and deleting, wait for a confirmation (`confirmation`, then
 * `confirm()` or `cancelConfirmation()`). Every failure is kept, in the engine's plain
 * words, next to where it happened: the save dialog, a row of the list, the import button.
 */
import type { GeneratedSource, LayerwiseApi, ModelData, ModelRef, ModelSummary, PointsSource, SavedReconstruction } from '../../../../electron/ipc/contract';
import { isMessage, type Message, type NetworkSpec } from '$engine';
import { t } from '../../lib/i18n/i18n.svelte';

export type ModelsApi = Pick<
  LayerwiseApi,
  'models:list' | 'models:save' | 'models:open' | 'models:rename' | 'models:delete' | 'models:export' | 'models:exportCode' | 'models:import'
>;

/** What opening a model changes: the builder's network… */
export interface EditorTarget {
  /** `codeLayer`: an autoencoder's code layer, by name, to mark in the builder. */
  load(spec: NetworkSpec, codeLayer?: string | null): void;
}
/** …and the model the drawing pad predicts with. */
export interface SessionTarget {
  modelRef: ModelRef | null;
  modelLabel: string | null;
  /** The opened model's network (Draw & test says when Build's has changed since). */
  modelSpec?: NetworkSpec | null;
  /** What the opened model reads and answers (Draw & test's pad, plane or fields). */
  modelData?: ModelData | null;
  readonly hasCurrentModel: boolean;
}
/** …and the Train tab's data, so that training goes on with the data the model was made for. */
export interface DataTarget {
  /** `reconstruction`: an autoencoder's corruption (the task is `data.task`). */
  adopt(data: ModelData, reconstruction?: SavedReconstruction | null): void;
}

/** The Train tab's settings as opening a model changes them. */
export interface DataSettings {
  source: string;
  plane: { adopt(source: GeneratedSource | PointsSource): void };
  /** Images: classify them or reconstruct them (an autoencoder), with its corruption. */
  setTask?(task: 'classify' | 'reconstruct'): void;
  reconstruction?: { adopt(saved: SavedReconstruction | null | undefined, reconstructs: boolean): void };
}

/**
 * Points in the plane come back as they were (the generator's settings, or the student's points);
 * an image model opened while the Train tab is on points takes it back to MNIST (points would not fit it).
 */
export function dataTargetFor(settings: DataSettings): DataTarget {
  return {
    adopt(data, reconstruction) {
      if (data.source) {
        settings.source = 'plane';
        settings.plane.adopt(data.source);
      } else if (data.inputShape.length === 3 && (settings.source === 'plane' || settings.source === 'table')) {
        settings.source = 'bundled';
      }
      // An autoencoder reopens as one (its corruption with it); any other image model as a classifier.
      if (data.inputShape.length === 3) {
        const reconstructs = data.task?.kind === 'reconstruction';
        settings.setTask?.(reconstructs ? 'reconstruct' : 'classify');
        settings.reconstruction?.adopt(reconstruction, reconstructs);
      }
    },
  };
}

export type Confirmation =
  | { kind: 'overwrite-save'; name: string }
  | { kind: 'overwrite-rename'; id: string; name: string }
  | { kind: 'delete'; id: string; name: string };

/**
 * A message to show: a dictionary or catalog key (translated when shown, so it follows a
 * change of language), or the words of a failure that carries no catalog message.
 */
export type Note = { tone: 'error' | 'success'; key: string; params?: Record<string, string | number | Message> } | { tone: 'error'; text: string };

export type Outcome = 'done' | 'confirm' | 'error';

/** A failure in the engine's words: its catalog message (worded when shown, in the UI's language), else its text. */
function errorNote(e: unknown): Note {
  const detail = (e as { detail?: unknown } | null)?.detail;
  if (isMessage(detail)) return { tone: 'error', key: detail.key, ...(detail.params ? { params: detail.params } : {}) };
  return { tone: 'error', text: e instanceof Error ? e.message : String(e) };
}
const codeOf = (e: unknown): unknown => (e instanceof Error && 'code' in e ? (e as { code: unknown }).code : undefined);

export class ModelLibrary {
  models = $state.raw<ModelSummary[]>([]);
  loading = $state(false);
  /** Why the list could not be read. */
  listNote = $state.raw<Note | null>(null);

  libraryOpen = $state(false);
  saveOpen = $state(false);
  /** The name typed in the save dialog. */
  saveDraft = $state('');
  saveNote = $state.raw<Note | null>(null);
  saving = $state(false);

  /** The row being renamed, with the name typed so far. */
  renaming = $state.raw<{ id: string; draft: string } | null>(null);
  confirmation = $state.raw<Confirmation | null>(null);
  /** Per-row messages (export path, failures), by model id. */
  rowNotes = $state.raw<Record<string, Note>>({});
  /** A row whose request is in flight. */
  busyId = $state<string | null>(null);
  importNote = $state.raw<Note | null>(null);
  /** What just happened, for the toolbar's status line (saved, opened). */
  notice = $state.raw<Note | null>(null);

  readonly #api: ModelsApi;
  readonly #editor: EditorTarget;
  readonly #session: SessionTarget;
  readonly #data: DataTarget | null;

  constructor(api: ModelsApi, editor: EditorTarget, session: SessionTarget, data: DataTarget | null = null) {
    this.#api = api;
    this.#editor = editor;
    this.#session = session;
    this.#data = data;
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const list = await this.#api['models:list']({});
      this.models = [...list].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      this.listNote = null;
    } catch (e) {
      this.listNote = errorNote(e);
    } finally {
      this.loading = false;
    }
  }

  /** `base 1`, `base 2`, …: the first not taken. */
  suggestName(base: string): string {
    const taken = new Set(this.models.map((m) => m.name.toLocaleLowerCase()));
    let n = 1;
    while (taken.has(`${base} ${n}`.toLocaleLowerCase())) n++;
    return `${base} ${n}`;
  }

  showLibrary(): void {
    this.libraryOpen = true;
    this.rowNotes = {};
    this.importNote = null;
    void this.refresh();
  }

  closeLibrary(): void {
    this.libraryOpen = false;
    this.renaming = null;
    if (this.confirmation?.kind !== 'overwrite-save') this.confirmation = null;
  }

  /** Opens the save dialog with a suggested name (`base 1`, …). */
  async showSave(base: string): Promise<void> {
    this.saveNote = null;
    this.confirmation = null;
    this.saveDraft = '';
    this.saveOpen = true;
    await this.refresh();
    if (this.saveOpen && this.saveDraft === '') this.saveDraft = this.suggestName(base);
  }

  closeSave(): void {
    this.saveOpen = false;
    if (this.confirmation?.kind === 'overwrite-save') this.confirmation = null;
  }

  /** Saves the run just trained as `name`; 'confirm' when the name is taken (see `confirmation`). */
  async save(name: string, overwrite = false): Promise<Outcome> {
    const trimmed = name.trim();
    if (trimmed === '') {
      this.saveNote = { tone: 'error', key: 'models.nameRequired' };
      return 'error';
    }
    this.saving = true;
    this.saveNote = null;
    try {
      const saved = await this.#api['models:save']({ name: trimmed, overwrite });
      this.confirmation = null;
      this.saveOpen = false;
      this.notice = { tone: 'success', key: 'models.saved', params: { name: saved.name } };
      // Predicting with the model just replaced: ask again, with its new weights.
      const ref = this.#session.modelRef;
      if (ref?.kind === 'saved' && ref.id === saved.id) this.#session.modelRef = { kind: 'saved', id: saved.id };
      void this.refresh();
      return 'done';
    } catch (e) {
      if (codeOf(e) === 'exists' && !overwrite) {
        this.confirmation = { kind: 'overwrite-save', name: trimmed };
        return 'confirm';
      }
      this.confirmation = null;
      this.saveNote = errorNote(e);
      return 'error';
    } finally {
      this.saving = false;
    }
  }

  /** Goes ahead with what `confirmation` asked about. */
  async confirm(): Promise<Outcome> {
    const c = this.confirmation;
    if (c === null) return 'error';
    if (c.kind === 'overwrite-save') return this.save(c.name, true);
    if (c.kind === 'overwrite-rename') return this.rename(c.id, c.name, true);
    return this.#delete(c.id);
  }

  cancelConfirmation(): void {
    this.confirmation = null;
  }

  startRename(id: string): void {
    const model = this.models.find((m) => m.id === id);
    if (!model) return;
    this.confirmation = null;
    this.renaming = { id, draft: model.name };
    this.#setRowNote(id, null);
  }

  cancelRename(): void {
    this.renaming = null;
    if (this.confirmation?.kind === 'overwrite-rename') this.confirmation = null;
  }

  async rename(id: string, name: string, overwrite = false): Promise<Outcome> {
    const trimmed = name.trim();
    if (trimmed === '') {
      this.#setRowNote(id, { tone: 'error', key: 'models.nameRequired' });
      return 'error';
    }
    if (this.models.find((m) => m.id === id)?.name === trimmed) {
      this.renaming = null;
      return 'done';
    }
    return this.#rowRequest(id, async () => {
      try {
        const renamed = await this.#api['models:rename']({ id, name: trimmed, overwrite });
        this.renaming = null;
        this.confirmation = null;
        const ref = this.#session.modelRef;
        if (ref?.kind === 'saved' && ref.id === id) {
          this.#session.modelRef = { kind: 'saved', id: renamed.id };
          this.#session.modelLabel = renamed.name;
        }
        await this.refresh();
        return 'done';
      } catch (e) {
        if (codeOf(e) === 'exists' && !overwrite) {
          this.confirmation = { kind: 'overwrite-rename', id, name: trimmed };
          return 'confirm';
        }
        this.confirmation = null;
        throw e;
      }
    });
  }

  /** Asks to confirm deleting a model (nothing is deleted until `confirm()`). */
  requestDelete(id: string): void {
    const model = this.models.find((m) => m.id === id);
    if (!model) return;
    this.renaming = null;
    this.confirmation = { kind: 'delete', id, name: model.name };
  }

  async #delete(id: string): Promise<Outcome> {
    return this.#rowRequest(id, async () => {
      this.confirmation = null;
      await this.#api['models:delete']({ id });
      const ref = this.#session.modelRef;
      if (ref?.kind === 'saved' && ref.id === id) {
        this.#session.modelRef = null;
        this.#session.modelLabel = null;
        this.#session.modelData = null;
      }
      await this.refresh();
      return 'done';
    });
  }

  /** Opens a model: its network goes into the builder and the drawing pad predicts with it. */
  async open(id: string): Promise<Outcome> {
    return this.#rowRequest(id, async () => {
      const opened = await this.#api['models:open']({ id });
      if (opened.reconstruction) this.#editor.load(opened.spec, opened.reconstruction.codeLayer);
      else this.#editor.load(opened.spec);
      this.#session.modelRef = { kind: 'saved', id: opened.summary.id };
      this.#session.modelLabel = opened.summary.name;
      this.#session.modelSpec = opened.spec;
      // A file from before models kept their data: its network alone says what it reads.
      this.#session.modelData = opened.data ?? null;
      if (opened.data && opened.reconstruction) this.#data?.adopt(opened.data, opened.reconstruction);
      else if (opened.data) this.#data?.adopt(opened.data);
      this.notice = { tone: 'success', key: 'models.opened', params: { name: opened.summary.name } };
      this.closeLibrary();
      return 'done';
    });
  }

  /** Exports a model where the user chooses (native dialog); the path is shown on its row. */
  async exportModel(id: string): Promise<Outcome> {
    return this.#rowRequest(id, async () => {
      const result = await this.#api['models:export']({ id });
      if (result !== null) this.#setRowNote(id, { tone: 'success', key: 'models.exported', params: { path: result.path } });
      return 'done';
    });
  }

  /** Writes a model as a PyTorch or Keras script where the user chooses (native dialog); the path is shown on its row. */
  async exportCode(id: string, format: 'pytorch' | 'keras'): Promise<Outcome> {
    return this.#rowRequest(id, async () => {
      const result = await this.#api['models:exportCode']({ id, format });
      if (result !== null) this.#setRowNote(id, { tone: 'success', key: 'models.exportedCode', params: { path: result.path } });
      return 'done';
    });
  }

  async importModel(): Promise<Outcome> {
    this.importNote = null;
    this.busyId = 'import';
    try {
      const imported = await this.#api['models:import']({ fallbackName: t('models.importedName') });
      if (imported !== null) {
        this.importNote = { tone: 'success', key: 'models.imported', params: { name: imported.name } };
        await this.refresh();
      }
      return 'done';
    } catch (e) {
      this.importNote = errorNote(e);
      return 'error';
    } finally {
      this.busyId = null;
    }
  }

  /** Runs a request for one row: busy while it runs, its failure shown on that row. */
  async #rowRequest(id: string, run: () => Promise<Outcome>): Promise<Outcome> {
    this.busyId = id;
    this.#setRowNote(id, null);
    try {
      return await run();
    } catch (e) {
      this.#setRowNote(id, errorNote(e));
      return 'error';
    } finally {
      this.busyId = null;
    }
  }

  #setRowNote(id: string, note: Note | null): void {
    const next = { ...this.rowNotes };
    if (note === null) delete next[id];
    else next[id] = note;
    this.rowNotes = next;
  }
}
