/**
 * The network being edited: an ordered list of blocks (a layer spec plus a stable id for
 * the UI), every edit undoable, the result kept in localStorage. `spec`, `analysis`,
 * `valid` and `load()` are what the rest of the app uses; the builder uses the rest.
 */
import { type Shape, analyzeNetwork, type AnalyzeOptions, type LayerInfo, type NetworkAnalysis, unavailableReason, PRESETS, presetFor, type PresetName, type Message, isInputShape, type LayerSpec, type NetworkSpec, type SpecFix, type SpecIssue, codeLayerIndex } from '$engine';
import { applyFixToRows, type Row } from './fixes';
import { History } from './history.svelte';
import { PALETTE, paletteItem, type PaletteId } from './layerCatalog';
import { checkSetting, settingsOf, type SettingKey, type SettingProblem } from './layerSettings';
import { defaultStorage, readStoredCodeLayer, readStoredNetwork, writeStoredNetwork, type NetworkStorage } from './networkStorage';

/** One block of the chain, with what the analysis says about it. */
export interface Block {
  readonly id: string;
  readonly index: number;
  readonly layer: LayerSpec;
  /** Shapes and parameter count; `outputShape` is null while this or an earlier layer has a problem. */
  readonly info: LayerInfo | null;
  /** Errors: the network cannot train until they are fixed. */
  readonly issues: readonly SpecIssue[];
  /** Advice: the network trains, but will learn badly. */
  readonly warnings: readonly SpecIssue[];
}

interface Snapshot {
  readonly spec: NetworkSpec;
  readonly ids: readonly string[];
  readonly selectedId: string | null;
}

export interface NetworkEditorOptions {
  /** Where the network is kept between launches; localStorage by default, null for none. */
  storage?: NetworkStorage | null;
  /** Undo steps kept (default 100). */
  historyLimit?: number;
  /** The network to start from when storage holds none (default: the MLP preset). */
  initial?: NetworkSpec;
}

export class NetworkEditor {
  #spec = $state.raw<NetworkSpec>(PRESETS.mlp);
  #ids = $state.raw<readonly string[]>([]);
  #nextId = 0;
  readonly #storage: NetworkStorage | null;
  readonly #history: History<Snapshot>;

  /** The block the inspector shows and after which the palette inserts. */
  selectedId = $state<string | null>(null);
  /** The Input block is selected: the inspector edits what one sample is, and the palette inserts first. */
  inputSelected = $state(false);
  /** A preset waiting for the user to confirm that it may replace the network. */
  pendingPreset = $state<PresetName | null>(null);

  /** What the data expect of the output (set from the training data: 2 classes for circles); default: MNIST's 10 digits. */
  analyzeOptions = $state.raw<AnalyzeOptions>({});
  /** Shapes, parameter counts and problems, recomputed on every edit. */
  readonly analysis: NetworkAnalysis = $derived(analyzeNetwork(this.#spec, this.analyzeOptions));
  readonly valid = $derived(this.analysis.issues.length === 0);
  readonly blocks: readonly Block[] = $derived(
    this.#spec.layers.map((layer, index) => ({
      id: this.#ids[index]!,
      index,
      layer,
      info: this.analysis.layers[index] ?? null,
      issues: this.analysis.issues.filter((i) => i.layerIndex === index),
      warnings: this.analysis.warnings.filter((i) => i.layerIndex === index),
    })),
  );
  /**
   * The block marked as the code (an autoencoder's bottleneck); null = none, and the code is
   * then the narrowest layer before the last. Kept beside the spec, not in it (the spec stays
   * what Keras reads): training sends its position and the saved model names it (`codeLayer`).
   */
  #codeId = $state<string | null>(null);
  /** The block marked as the code, if it is still there. */
  readonly codeMarkedId = $derived(this.#codeId !== null && this.#ids.includes(this.#codeId) ? this.#codeId : null);
  /** The code layer's position: the block marked, else the narrowest layer before the last (engine `codeLayerIndex`); -1 without one. */
  readonly codeIndex = $derived(this.codeMarkedId !== null ? this.#ids.indexOf(this.codeMarkedId) : codeLayerIndex(this.analysis.layers));
  /** Problems of the network as a whole (no output of 10 units, empty network…). */
  readonly networkIssues: readonly SpecIssue[] = $derived(this.analysis.issues.filter((i) => i.layerIndex === null));
  readonly selected: Block | null = $derived(this.blocks.find((b) => b.id === this.selectedId) ?? null);
  /** Classes of the Train tab's data when the builder knows them (its output widths), else 2: the K of the plane presets. */
  readonly presetClasses: number = $derived(
    (this.analyzeOptions.outputKind ?? 'classes') === 'classes' ? this.analyzeOptions.outputWidths?.[0] ?? 2 : 2,
  );
  /** Palette items that cannot work anywhere in this network, with the engine's reason (Conv2D on points of the plane). */
  readonly unavailable: ReadonlyMap<PaletteId, Message> = $derived(
    new Map(PALETTE.flatMap((p) => {
      const why = unavailableReason(p.create(), this.analysis);
      return why ? [[p.id, why] as const] : [];
    })),
  );

  constructor(options: NetworkEditorOptions = {}) {
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#history = new History<Snapshot>(options.historyLimit ?? 100);
    const stored = readStoredNetwork(this.#storage);
    this.#spec = stored ?? options.initial ?? PRESETS.mlp;
    this.#ids = this.#spec.layers.map(() => this.#newId());
    const mark = stored ? readStoredCodeLayer(this.#storage) : null;
    if (mark !== null && mark < this.#ids.length) this.#codeId = this.#ids[mark]!;
    if (!stored) this.#persist();
  }

  /** The spec the blocks describe (what training sends to the host). Assigning it is `load()`. */
  get spec(): NetworkSpec {
    return this.#spec;
  }
  set spec(spec: NetworkSpec) {
    this.load(spec);
  }

  get canUndo(): boolean {
    return this.#history.canUndo;
  }
  get canRedo(): boolean {
    return this.#history.canRedo;
  }

  /** Where a new block goes: after the selected one, else at the end. */
  get insertionIndex(): number {
    if (this.inputSelected) return 0;
    const i = this.indexOf(this.selectedId);
    return i < 0 ? this.#ids.length : i + 1;
  }

  indexOf(id: string | null): number {
    return id === null ? -1 : this.#ids.indexOf(id);
  }

  block(id: string | null): Block | null {
    return this.blocks.find((b) => b.id === id) ?? null;
  }

  select(id: string | null): void {
    this.selectedId = id !== null && this.#ids.includes(id) ? id : null;
    this.inputSelected = false;
  }

  selectInput(): void {
    this.select(null);
    this.inputSelected = true;
  }

  /** Changes what one sample is (`input_shape`: [28, 28, 1], [2], [n]); undoable. Refuses a shape the engine cannot take. */
  setInputShape(shape: readonly number[]): boolean {
    if (!isInputShape(shape)) return false;
    if (JSON.stringify(shape) === JSON.stringify(this.#spec.input_shape)) return true;
    const keep = this.inputSelected;
    this.#commit(this.#rows(), this.selectedId, null, [...shape]);
    this.inputSelected = keep;
    return true;
  }

  /** Replaces the whole network (a preset, an opened model); undoable. `codeLayer`: the name of its code layer, marked. */
  load(spec: NetworkSpec, codeLayer: string | null = null): void {
    const rows = spec.layers.map((layer) => ({ id: this.#newId(), layer }));
    this.#commit(rows, null, null, spec.input_shape);
    const marked = codeLayer === null ? -1 : this.analysis.layers.findIndex((l) => l.name === codeLayer);
    this.#codeId = marked >= 0 ? this.#ids[marked]! : null;
    this.#persist();
  }

  /** Marks a block as the code (the bottleneck), or unmarks it (`on` false: back to the narrowest layer). */
  markCode(id: string, on: boolean): void {
    if (on && this.#ids.includes(id)) this.#codeId = id;
    else if (!on && this.#codeId === id) this.#codeId = null;
    this.#persist();
  }

  applyPreset(name: PresetName): void {
    this.pendingPreset = null;
    this.load(presetFor(name, this.presetClasses));
  }

  /**
   * A preset from the toolbar or the menu: one that would replace the layers of the
   * network waits for confirmation (unless the network is that preset already). Returns true if applied.
   */
  requestPreset(name: PresetName): boolean {
    if (this.#ids.length > 0 && JSON.stringify(this.#spec) !== JSON.stringify(presetFor(name, this.presetClasses))) {
      this.pendingPreset = name;
      return false;
    }
    this.applyPreset(name);
    return true;
  }

  confirmPendingPreset(): void {
    if (this.pendingPreset !== null) this.applyPreset(this.pendingPreset);
  }

  cancelPendingPreset(): void {
    this.pendingPreset = null;
  }

  /** Inserts `layer` at `index` (default: `insertionIndex`) and selects it; returns its id. */
  insert(layer: LayerSpec, index = this.insertionIndex): string {
    const rows = this.#rows();
    const id = this.#newId();
    rows.splice(Math.max(0, Math.min(index, rows.length)), 0, { id, layer });
    this.#commit(rows, id);
    return id;
  }

  addFromPalette(item: PaletteId, index?: number): string {
    return this.insert(paletteItem(item).create(), index);
  }

  /** Moves a block so that it ends up at position `toIndex`; false if nothing moved. */
  move(id: string, toIndex: number): boolean {
    const from = this.indexOf(id);
    const to = Math.max(0, Math.min(toIndex, this.#ids.length - 1));
    if (from < 0 || from === to) return false;
    const rows = this.#rows();
    const [row] = rows.splice(from, 1);
    rows.splice(to, 0, row!);
    this.#commit(rows, id);
    return true;
  }

  moveBy(id: string, delta: number): boolean {
    const from = this.indexOf(id);
    return from >= 0 && from + delta >= 0 && from + delta < this.#ids.length && this.move(id, from + delta);
  }

  /** Moves a block to a gap of the chain (0 = before the first block, length = after the last), as a drop does. */
  moveToGap(id: string, gap: number): boolean {
    const from = this.indexOf(id);
    return from >= 0 && this.move(id, gap > from ? gap - 1 : gap);
  }

  /** Removes a block; a selected block hands the selection to its neighbour. */
  remove(id: string): boolean {
    const index = this.indexOf(id);
    if (index < 0) return false;
    const rows = this.#rows();
    rows.splice(index, 1);
    const select = this.selectedId === id ? (rows[index] ?? rows[index - 1])?.id ?? null : this.selectedId;
    this.#commit(rows, select);
    return true;
  }

  /** Inserts a copy right after the block (without its name, which must stay unique); returns the copy's id. */
  duplicate(id: string): string | null {
    const index = this.indexOf(id);
    if (index < 0) return null;
    const { name: _name, ...copy } = this.#spec.layers[index]!;
    return this.insert(copy as LayerSpec, index + 1);
  }

  /**
   * Changes one setting (undefined = back to the Keras default). A value outside the
   * setting's range is refused and the problem returned; the spec is left as it was.
   * Consecutive changes of the same setting are one undo step until `endEdit()`.
   */
  setSetting(id: string, key: SettingKey, value: unknown): SettingProblem | null {
    const index = this.indexOf(id);
    const layer = this.#spec.layers[index];
    const descriptor = layer ? settingsOf(layer).find((d) => d.key === key) : undefined;
    if (!layer || !descriptor) return { code: 'option', options: [] };
    const problem = checkSetting(descriptor, value);
    if (problem) return problem;
    const current = (layer as unknown as Record<string, unknown>)[key];
    if (JSON.stringify(current) === JSON.stringify(value)) return null;
    const { [key]: _old, ...rest } = layer as unknown as Record<string, unknown>;
    const next = (value === undefined ? rest : { ...layer, [key]: value }) as unknown as LayerSpec;
    const rows = this.#rows();
    rows[index] = { id, layer: next };
    this.#commit(rows, id, `${id}:${key}`);
    return null;
  }

  /** Ends a run of changes to one setting, so the next change is its own undo step. */
  endEdit(): void {
    this.#history.breakCoalescing();
  }

  /** Applies one of the engine's suggested fixes as a single undoable edit; false if it no longer applies. */
  applyFix(fix: SpecFix): boolean {
    const rows = this.#rows();
    const end: Shape | null = this.analysis.outputShape;
    const result = applyFixToRows(rows, fix, end, () => this.#newId());
    if (!result) return false;
    this.#commit(rows, result.select);
    return true;
  }

  undo(): boolean {
    const prev = this.#history.undo(this.#snapshot());
    if (prev) this.#restore(prev);
    return prev !== null;
  }

  redo(): boolean {
    const next = this.#history.redo(this.#snapshot());
    if (next) this.#restore(next);
    return next !== null;
  }

  #newId(): string {
    return `b${++this.#nextId}`;
  }

  #rows(): Row[] {
    return this.#spec.layers.map((layer, i) => ({ id: this.#ids[i]!, layer }));
  }

  #snapshot(): Snapshot {
    return { spec: this.#spec, ids: this.#ids, selectedId: this.selectedId };
  }

  #restore(s: Snapshot): void {
    this.#spec = s.spec;
    this.#ids = s.ids;
    this.select(s.selectedId);
    this.pendingPreset = null;
    this.#persist();
  }

  #commit(rows: readonly Row[], select: string | null, coalesceKey: string | null = null, inputShape = this.#spec.input_shape): void {
    this.#history.record(this.#snapshot(), coalesceKey);
    this.#spec = { input_shape: inputShape, layers: rows.map((r) => r.layer) };
    this.#ids = rows.map((r) => r.id);
    this.select(select);
    this.#persist();
  }

  #persist(): void {
    // The mark goes with the network (by position: block ids do not outlive the page).
    const mark = this.#codeId === null ? -1 : this.#ids.indexOf(this.#codeId);
    writeStoredNetwork(this.#storage, this.#spec, mark >= 0 ? mark : null);
  }
}
