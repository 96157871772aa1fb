/**
 * The builder's user actions: each edits the network through the NetworkEditor, says
 * what happened in the polite live region, and asks for focus to land where a keyboard
 * user expects it (blocks are re-created or moved in the DOM by some edits).
 */
import type { PresetName, SpecFix } from '$engine';
import { t } from '../../lib/i18n/i18n.svelte';
import { fixLabel, presetLabel } from './builderText';
import { layerLabel, type PaletteId } from './layerCatalog';
import type { NetworkEditor } from './networkEditor.svelte';

/**
 * Where focus should go after the next render: a block (optionally one of its buttons),
 * or the chain itself. `scrollOnly` just brings the block into view (focus stays put).
 */
export interface FocusRequest {
  readonly id: string | null;
  readonly action?: string;
  readonly scrollOnly?: boolean;
}

export class BuilderActions {
  readonly editor: NetworkEditor;
  /** What the builder's polite live region says. */
  announcement = $state('');
  #flip = false;
  focusRequest = $state.raw<FocusRequest | null>(null);

  constructor(editor: NetworkEditor) {
    this.editor = editor;
  }

  /** Says `text` in the live region; the same sentence twice (two moves down) is still announced. */
  announce(text: string): void {
    this.#flip = !this.#flip;
    this.announcement = this.#flip ? text : `${text}\u00a0`;
  }

  #label(id: string): string {
    const block = this.editor.block(id);
    return block ? layerLabel(block.layer) : '';
  }

  #where(id: string): { position: number; total: number } {
    return { position: this.editor.indexOf(id) + 1, total: this.editor.blocks.length };
  }

  /** A palette item at `index` (default: after the selected block, else at the end). */
  add(item: PaletteId, index?: number): string {
    const id = this.editor.addFromPalette(item, index);
    this.announce(t('builder.announce.added', { layer: this.#label(id), ...this.#where(id) }));
    this.focusRequest = { id, scrollOnly: true };
    return id;
  }

  /** Moves a block one step; `refocus` names the control to keep focus on (a button, or the block when absent). */
  moveBy(id: string, delta: number, refocus?: string): boolean {
    if (!this.editor.moveBy(id, delta)) return false;
    this.#moved(id, refocus);
    return true;
  }

  moveToGap(id: string, gap: number): boolean {
    if (!this.editor.moveToGap(id, gap)) return false;
    this.#moved(id);
    return true;
  }

  #moved(id: string, action?: string): void {
    this.announce(t('builder.announce.moved', { layer: this.#label(id), ...this.#where(id) }));
    this.focusRequest = action ? { id, action } : { id };
  }

  /** Removes a block; focus goes to the block now selected (its neighbour) or the chain. */
  remove(id: string): boolean {
    const label = this.#label(id);
    if (!this.editor.remove(id)) return false;
    this.announce(t('builder.announce.removed', { layer: label, total: this.editor.blocks.length }));
    this.focusRequest = { id: this.editor.selectedId };
    return true;
  }

  duplicate(id: string): string | null {
    const copy = this.editor.duplicate(id);
    if (copy === null) return null;
    this.announce(t('builder.announce.duplicated', { layer: this.#label(copy), position: this.editor.indexOf(copy) + 1 }));
    this.focusRequest = { id: copy };
    return copy;
  }

  fix(fix: SpecFix): boolean {
    if (!this.editor.applyFix(fix)) return false;
    this.announce(t('builder.announce.fixed', { fix: fixLabel(fix) }));
    this.focusRequest = { id: this.editor.selectedId };
    return true;
  }

  undo(): boolean {
    if (!this.editor.undo()) return false;
    this.announce(t('builder.announce.undo'));
    return true;
  }

  redo(): boolean {
    if (!this.editor.redo()) return false;
    this.announce(t('builder.announce.redo'));
    return true;
  }

  /** A preset button: applies it, or opens the confirmation when it would empty the network. */
  preset(name: PresetName): void {
    if (this.editor.requestPreset(name)) this.#presetLoaded(name);
  }

  confirmPreset(): void {
    const name = this.editor.pendingPreset;
    if (name === null) return;
    this.editor.confirmPendingPreset();
    this.#presetLoaded(name);
  }

  cancelPreset(): void {
    this.editor.cancelPendingPreset();
  }

  #presetLoaded(name: PresetName): void {
    this.announce(t('builder.announce.preset', { preset: presetLabel(name, this.editor.presetClasses) }));
  }

  /** Arrow keys in the chain: focus (and so select) the previous/next, first or last block. */
  focusNeighbour(id: string, where: -1 | 1 | 'first' | 'last'): void {
    const blocks = this.editor.blocks;
    const i = this.editor.indexOf(id);
    const target = where === 'first' ? blocks[0] : where === 'last' ? blocks.at(-1) : blocks[i + where];
    if (target) this.focusRequest = { id: target.id };
  }
}
