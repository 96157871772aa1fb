import { describe, expect, it } from 'vitest';
import { PRESETS, type NetworkSpec } from '$engine';
import { NetworkEditor } from './networkEditor.svelte';
import { STORAGE_KEY, type NetworkStorage } from './networkStorage';

function memoryStorage(initial: Record<string, string> = {}): NetworkStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const types = (e: NetworkEditor) => e.spec.layers.map((l) => l.type);
const editor = (spec: NetworkSpec = PRESETS.mlp) => {
  const e = new NetworkEditor({ storage: null });
  e.load(spec);
  return e;
};

describe('NetworkEditor edits', () => {
  it('starts from the MLP preset, valid, with one block per layer', () => {
    const e = new NetworkEditor({ storage: null });
    expect(types(e)).toEqual(['Flatten', 'Dense', 'Dense']);
    expect(e.valid).toBe(true);
    expect(e.analysis.totalParams).toBe(101_770);
    expect(new Set(e.blocks.map((b) => b.id)).size).toBe(3);
  });

  it('adds palette items at the end, after the selected block, or at an index', () => {
    const e = editor();
    const dropout = e.addFromPalette('Dropout');
    expect(types(e)).toEqual(['Flatten', 'Dense', 'Dense', 'Dropout']);
    expect(e.selectedId).toBe(dropout);
    e.select(e.blocks[0]!.id);
    e.addFromPalette('Tanh');
    expect(e.spec.layers[1]).toEqual({ type: 'Activation', activation: 'tanh' });
    e.addFromPalette('ReLU', 0);
    expect(types(e)).toEqual(['ReLU', 'Flatten', 'Activation', 'Dense', 'Dense', 'Dropout']);
  });

  it('moves, removes and duplicates blocks, keeping ids stable', () => {
    const e = editor(PRESETS.cnn);
    const [c1, , c2] = e.blocks.map((b) => b.id);
    expect(e.moveBy(c2!, -1)).toBe(true);
    expect(e.indexOf(c2!)).toBe(1);
    expect(e.moveBy(c1!, -1)).toBe(false); // already first
    expect(e.moveToGap(c1!, 6)).toBe(true); // drop after the last block
    expect(e.indexOf(c1!)).toBe(5);
    const copy = e.duplicate(c2!)!;
    expect(e.indexOf(copy)).toBe(e.indexOf(c2!) + 1);
    expect(e.block(copy)!.layer).toEqual(e.block(c2!)!.layer);
    e.select(copy);
    expect(e.remove(copy)).toBe(true);
    expect(e.indexOf(copy)).toBe(-1);
    expect(e.selectedId).not.toBeNull(); // handed to the neighbour
  });

  it('changes settings within range and refuses values that would break the spec', () => {
    const e = editor();
    const dense = e.blocks[1]!.id;
    expect(e.setSetting(dense, 'units', 32)).toBeNull();
    expect(e.spec.layers[1]).toMatchObject({ units: 32 });
    expect(e.analysis.layers[1]!.outputShape).toEqual([32]);
    expect(e.setSetting(dense, 'units', 0)).toEqual({ code: 'int', min: 1, max: 4096 });
    expect(e.setSetting(dense, 'units', 2.5)).toMatchObject({ code: 'int' });
    expect(e.setSetting(dense, 'units', undefined)).toEqual({ code: 'required' });
    expect(e.setSetting(dense, 'activation', 'swish')).toMatchObject({ code: 'option' });
    expect(e.spec.layers[1]).toMatchObject({ units: 32, activation: 'relu' });
    expect(e.setSetting(dense, 'use_bias', false)).toBeNull();
    expect(e.setSetting(dense, 'use_bias', undefined)).toBeNull(); // back to the default
    expect('use_bias' in e.spec.layers[1]!).toBe(false);
    expect(e.setSetting(dense, 'filters', 3)).not.toBeNull(); // not a Dense setting
  });
});

describe('NetworkEditor undo/redo', () => {
  it('undoes and redoes every kind of edit', () => {
    const e = editor();
    const history: string[][] = [types(e)];
    const dense = e.blocks[1]!.id;
    e.addFromPalette('Dropout');
    history.push(types(e));
    e.moveBy(dense, 1);
    history.push(types(e));
    e.duplicate(dense);
    history.push(types(e));
    e.remove(e.blocks[0]!.id);
    history.push(types(e));
    for (let i = history.length - 2; i >= 0; i--) {
      expect(e.undo()).toBe(true);
      expect(types(e)).toEqual(history[i]);
    }
    for (let i = 1; i < history.length; i++) {
      expect(e.redo()).toBe(true);
      expect(types(e)).toEqual(history[i]);
    }
    expect(e.redo()).toBe(false);
  });

  it('makes typing in one setting a single undo step, and a new edit clears redo', () => {
    const e = editor();
    const dense = e.blocks[1]!.id;
    e.setSetting(dense, 'units', 1);
    e.setSetting(dense, 'units', 12);
    e.setSetting(dense, 'units', 128 + 2);
    e.endEdit();
    e.setSetting(dense, 'units', 64);
    e.undo();
    expect(e.spec.layers[1]).toMatchObject({ units: 130 });
    e.undo();
    expect(e.spec.layers[1]).toMatchObject({ units: 128 });
    e.redo();
    e.addFromPalette('ReLU');
    expect(e.canRedo).toBe(false);
  });

  it('undoes across presets and restores the selection', () => {
    const e = editor();
    const dense = e.blocks[1]!.id;
    e.select(dense);
    e.applyPreset('cnn');
    expect(e.analysis.totalParams).toBe(5_994);
    expect(e.selectedId).toBeNull();
    e.undo();
    expect(e.spec.layers).toEqual(PRESETS.mlp.layers);
    expect(e.selectedId).toBe(dense);
    e.redo();
    expect(e.spec.layers).toEqual(PRESETS.cnn.layers);
  });

  it('asks before emptying a non-empty network', () => {
    const e = editor();
    expect(e.requestPreset('empty')).toBe(false);
    expect(e.pendingPreset).toBe('empty');
    expect(e.spec.layers).toHaveLength(3);
    e.cancelPendingPreset();
    expect(e.pendingPreset).toBeNull();
    e.requestPreset('empty');
    e.confirmPendingPreset();
    expect(e.spec.layers).toHaveLength(0);
    expect(e.requestPreset('cnn')).toBe(true); // nothing to lose
  });

  it('asks before a preset replaces the network, unless the network is that preset already', () => {
    const e = editor();
    expect(e.requestPreset('mlp')).toBe(true); // the MLP already: nothing to lose
    expect(e.requestPreset('cnn')).toBe(false);
    expect(e.pendingPreset).toBe('cnn');
    expect(e.spec.layers).toEqual(PRESETS.mlp.layers);
    e.confirmPendingPreset();
    expect(e.spec.layers).toEqual(PRESETS.cnn.layers);
    e.undo();
    expect(e.spec.layers).toEqual(PRESETS.mlp.layers);
  });

  it('keeps a bounded history', () => {
    const e = new NetworkEditor({ storage: null, historyLimit: 5 });
    for (let i = 0; i < 10; i++) e.addFromPalette('ReLU');
    let undone = 0;
    while (e.undo()) undone++;
    expect(undone).toBe(5);
    expect(e.spec.layers).toHaveLength(8);
  });
});

describe('NetworkEditor fixes', () => {
  it('insertFlatten makes Conv2D → Dense valid', () => {
    const e = editor({
      input_shape: [28, 28, 1],
      layers: [{ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10, activation: 'softmax' }],
    });
    expect(e.valid).toBe(false);
    const issue = e.blocks[1]!.issues[0]!;
    expect(issue.fix).toEqual({ kind: 'insertFlatten', index: 1 });
    expect(e.applyFix(issue.fix!)).toBe(true);
    expect(types(e)).toEqual(['Conv2D', 'Flatten', 'Dense']);
    expect(e.valid).toBe(true);
    expect(e.selected?.layer.type).toBe('Flatten');
    e.undo();
    expect(types(e)).toEqual(['Conv2D', 'Dense']);
  });

  it('appendOutput finishes an empty network or an image-shaped end', () => {
    const e = editor(PRESETS.empty);
    e.applyFix(e.networkIssues[0]!.fix!);
    expect(types(e)).toEqual(['Flatten', 'Dense']);
    expect(e.valid).toBe(true);
    const f = editor({ input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 32 }] });
    f.applyFix(f.networkIssues[0]!.fix!);
    expect(types(f)).toEqual(['Flatten', 'Dense', 'Dense']);
    expect(f.valid).toBe(true);
  });

  it('setPadding and removeLayer', () => {
    const e = editor({
      input_shape: [28, 28, 1],
      layers: [{ type: 'Conv2D', filters: 4, kernel_size: 30 }, { type: 'Flatten' }, { type: 'Dense', units: 10 }],
    });
    e.applyFix(e.blocks[0]!.issues[0]!.fix!);
    expect(e.spec.layers[0]).toMatchObject({ padding: 'same' });
    expect(e.valid).toBe(true);
    const f = editor({ input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'MaxPooling2D' }, { type: 'Dense', units: 10 }] });
    f.applyFix(f.blocks[1]!.issues[0]!.fix!);
    expect(types(f)).toEqual(['Flatten', 'Dense']);
    expect(f.valid).toBe(true);
  });
});

describe('NetworkEditor output-activation warning', () => {
  it('setActivation turns a relu output into softmax, in one undoable step, and stays valid throughout', () => {
    const e = editor();
    e.setSetting(e.blocks[2]!.id, 'activation', 'relu');
    e.endEdit();
    expect(e.valid).toBe(true);
    expect(e.blocks[2]!.issues).toEqual([]);
    const warning = e.blocks[2]!.warnings[0]!;
    expect(warning).toMatchObject({ severity: 'warning', layerName: 'dense_2', fix: { kind: 'setActivation', index: 2, activation: 'softmax' } });
    expect(e.applyFix(warning.fix!)).toBe(true);
    expect(e.spec.layers[2]).toEqual({ type: 'Dense', units: 10, activation: 'softmax' });
    expect(e.blocks[2]!.warnings).toEqual([]);
    expect(e.selected?.index).toBe(2);
    e.undo();
    expect(e.spec.layers[2]).toMatchObject({ activation: 'relu' });
    e.redo();
    expect(e.spec.layers[2]).toMatchObject({ activation: 'softmax' });
  });

  it('setActivation sets an Activation layer and replaces a ReLU or LeakyReLU by Softmax, keeping a given name', () => {
    const e = editor({
      input_shape: [28, 28, 1],
      layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'Activation', activation: 'sigmoid' }],
    });
    const id = e.blocks[2]!.id;
    e.applyFix(e.blocks[2]!.warnings[0]!.fix!);
    expect(e.spec.layers[2]).toEqual({ type: 'Activation', activation: 'softmax' });
    expect(e.blocks[2]!.id).toBe(id);
    const f = editor({ input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'LeakyReLU', alpha: 0.1, name: 'scores' }] });
    f.applyFix(f.blocks[2]!.warnings[0]!.fix!);
    expect(f.spec.layers[2]).toEqual({ type: 'Softmax', name: 'scores' });
    expect(f.analysis.warnings).toEqual([]);
    const g = editor({ input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'ReLU' }] });
    g.applyFix(g.blocks[2]!.warnings[0]!.fix!);
    expect(g.spec.layers[2]).toEqual({ type: 'Softmax' });
  });

  it('setActivation no longer applies once the layer is gone or cannot take it', () => {
    const e = new NetworkEditor({ storage: null });
    expect(e.applyFix({ kind: 'setActivation', index: 7, activation: 'softmax' })).toBe(false);
    expect(e.applyFix({ kind: 'setActivation', index: 0, activation: 'softmax' })).toBe(false); // Flatten
    expect(e.spec).toEqual(PRESETS.mlp);
    expect(e.canUndo).toBe(false);
  });
});

describe('NetworkEditor persistence', () => {
  it('saves every edit and restores it in a new editor', () => {
    const storage = memoryStorage();
    const a = new NetworkEditor({ storage });
    a.applyPreset('cnn');
    a.setSetting(a.blocks[0]!.id, 'filters', 6);
    const b = new NetworkEditor({ storage });
    expect(b.spec.layers[0]).toMatchObject({ type: 'Conv2D', filters: 6 });
    expect(b.spec).toEqual(a.spec);
    a.undo();
    expect(new NetworkEditor({ storage }).spec.layers[0]).toMatchObject({ filters: 8 });
  });

  it.each([
    ['not JSON', '{oops'],
    ['another version', JSON.stringify({ version: 99, spec: PRESETS.cnn })],
    ['no layers', JSON.stringify({ version: 1, spec: { input_shape: [28, 28, 1] } })],
    ['unknown layer', JSON.stringify({ version: 1, spec: { input_shape: [28, 28, 1], layers: [{ type: 'LSTM' }] } })],
    ['null', 'null'],
  ])('falls back to the MLP preset when storage holds %s', (_what, raw) => {
    const storage = memoryStorage({ [STORAGE_KEY]: raw });
    const e = new NetworkEditor({ storage });
    expect(e.spec).toEqual(PRESETS.mlp);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).spec).toEqual(PRESETS.mlp);
  });

  it('survives storage that throws', () => {
    const storage: NetworkStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    const e = new NetworkEditor({ storage });
    e.addFromPalette('Dense');
    expect(e.spec.layers).toHaveLength(4);
  });
});

describe('NetworkEditor checks the output against the data', () => {
  it('wants 10 outputs for MNIST by default, and what the Train tab’s data want once told', () => {
    const e = new NetworkEditor({ storage: null, initial: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] } });
    expect(e.valid).toBe(false);
    e.analyzeOptions = { outputWidths: [2, 1], outputKind: 'classes' };
    expect(e.valid).toBe(true);
    e.analyzeOptions = { outputWidths: [3], outputKind: 'classes' };
    expect(e.valid).toBe(false);
  });
});

describe('the code mark is kept with the network', () => {
  it('comes back after a reload at the same layer, and is forgotten once unmarked', () => {
    const storage = memoryStorage();
    const e = new NetworkEditor({ storage, initial: PRESETS.autoencoder });
    const ids = e.blocks.map((b) => b.id);
    e.markCode(ids[1]!, true);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).codeLayer).toBe(1);
    const again = new NetworkEditor({ storage });
    expect(again.codeIndex).toBe(1);
    expect(again.codeMarkedId).toBe(again.blocks[1]!.id);
    again.markCode(again.blocks[1]!.id, false);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).codeLayer).toBeUndefined();
    expect(new NetworkEditor({ storage }).codeMarkedId).toBeNull();
  });
});
