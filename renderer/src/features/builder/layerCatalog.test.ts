import { describe, expect, it } from 'vitest';
import { layerKind, LAYER_TYPES, PALETTE_GROUPS as ENGINE_GROUPS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { MESSAGES } from '../../lib/i18n/messages';
import { layerDetail, problemText } from './builderText';
import { PALETTE, PALETTE_GROUPS, PALETTE_IDS, readTargetShape } from './layerCatalog';
import { NetworkEditor } from './networkEditor.svelte';

describe('the builder knows every registered layer', () => {
  it('has, for every kind of the registry, its palette data and its texts in both languages', () => {
    for (const type of LAYER_TYPES) {
      const kind = layerKind(type);
      // Palette data: a colour, a section, and at least one item that creates a block of this type with valid settings.
      expect(kind.palette.items.length, type).toBeGreaterThan(0);
      expect(ENGINE_GROUPS, type).toContain(kind.palette.group);
      expect(['core', 'conv', 'pool', 'reshape', 'regularize', 'activation'], type).toContain(kind.palette.family);
      for (const item of kind.palette.items) {
        const block = item.create();
        expect(block.type, item.id).toBe(type);
        expect(kind.checkSettings(block as never), item.id).toEqual([]);
        expect(PALETTE_IDS, item.id).toContain(item.id);
      }
      expect(kind.settings).toEqual(kind.controls.map((c) => c.key));
      for (const lang of ['en', 'fr'] as const) {
        expect(MESSAGES[lang][`builder.about.${type}`], `${lang} about ${type}`).toBeTruthy();
        for (const item of kind.palette.items) expect(MESSAGES[lang][`builder.item.${item.id}`], `${lang} item ${item.id}`).toBeTruthy();
        for (const key of kind.settings) {
          expect(MESSAGES[lang][`builder.setting.${key}`], `${lang} ${type}.${key}`).toBeTruthy();
          expect(MESSAGES[lang][`builder.setting.${key}.help`], `${lang} ${type}.${key} help`).toBeTruthy();
        }
      }
    }
    expect(new Set(PALETTE_IDS).size).toBe(PALETTE_IDS.length);
    expect(PALETTE_GROUPS.flatMap((g) => g.items).sort()).toEqual([...PALETTE_IDS].sort());
    expect(PALETTE_GROUPS.find((g) => g.group === 'utility')!.items).toEqual(expect.arrayContaining(['Reshape', 'BatchNormalization', 'GaussianNoise']));
  });

  it('keeps every default a control shows within what the engine accepts', () => {
    for (const type of LAYER_TYPES) {
      const kind = layerKind(type);
      for (const c of kind.controls) {
        if (c.fallback === undefined || c.fallback === null) continue;
        const block = { ...kind.palette.items[0]!.create(), [c.key]: c.fallback };
        expect(kind.checkSettings(block as never), `${type}.${c.key}`).toEqual([]);
      }
    }
  });

  it('creates Reshape and BatchNormalization blocks the engine accepts where they fit', () => {
    const e = new NetworkEditor({ storage: null });
    e.load({ input_shape: [784], layers: [] });
    e.addFromPalette('Reshape');
    e.addFromPalette('BatchNormalization');
    e.addFromPalette('Flatten');
    e.addFromPalette('Dense');
    e.setSetting(e.blocks[3]!.id, 'units', 10);
    e.setSetting(e.blocks[3]!.id, 'activation', 'softmax');
    expect(e.analysis.issues).toEqual([]);
    expect(e.analysis.layers.map((l) => [l.type, l.outputShape, l.params, l.trainableParams])).toEqual([
      ['Reshape', [28, 28, 1], 0, 0], ['BatchNormalization', [28, 28, 1], 4, 2], ['Flatten', [784], 0, 0], ['Dense', [10], 7850, 7850],
    ]);
    expect(PALETTE.find((p) => p.id === 'Reshape')!.create()).toEqual({ type: 'Reshape', target_shape: [28, 28, 1] });
  });
});

describe('target_shape and batch normalization settings', () => {
  it('reads a shape typed as students write it, and nothing else', () => {
    expect(readTargetShape('28×28×1')).toEqual([28, 28, 1]);
    expect(readTargetShape(' 28 x 28 X 1 ')).toEqual([28, 28, 1]);
    expect(readTargetShape('[28, 28, 1]')).toEqual([28, 28, 1]);
    expect(readTargetShape('7*7*16')).toEqual([7, 7, 16]);
    expect(readTargetShape('784')).toEqual([784]);
    for (const bad of ['', '28×', '28××1', '28.5×2', 'abc', '-1×784', '28;28']) expect(readTargetShape(bad), bad).toBeNull();
  });

  it('refuses shapes and momentum values the engine would refuse, and says how to write them', () => {
    const e = new NetworkEditor({ storage: null });
    e.load({ input_shape: [784], layers: [{ type: 'Reshape', target_shape: [28, 28, 1] }, { type: 'BatchNormalization' }] });
    const [reshape, bn] = e.blocks.map((b) => b.id);
    expect(e.setSetting(reshape!, 'target_shape', [1, 1, 1, 784])).toEqual({ code: 'shape', maxRank: 3, max: 1_000_000 });
    expect(e.setSetting(reshape!, 'target_shape', [0, 784])).toMatchObject({ code: 'shape' });
    expect(e.setSetting(reshape!, 'target_shape', [1_000_001])).toMatchObject({ code: 'shape' });
    expect(e.setSetting(reshape!, 'target_shape', undefined)).toEqual({ code: 'required' });
    expect(e.setSetting(reshape!, 'target_shape', [7, 7, 16])).toBeNull();
    const layerIssues = () => e.analysis.issues.filter((i) => i.layerIndex !== null);
    expect(layerIssues()).toEqual([]); // the network still has to end in class scores, nothing more
    // Readable but the wrong size: stored, and the analysis says so with the sizes.
    expect(e.setSetting(reshape!, 'target_shape', [7, 7, 15])).toBeNull();
    expect(layerIssues()[0]!.message).toMatch(/its target shape 7×7×15 holds 735 values, but its 784 input holds 784/);
    expect(e.setSetting(bn!, 'momentum', 1)).toEqual({ code: 'numberOpen', min: 0, max: 1 });
    expect(e.setSetting(bn!, 'momentum', 0)).toMatchObject({ code: 'numberOpen' });
    expect(e.setSetting(bn!, 'epsilon', 0)).toMatchObject({ code: 'numberOpen' });
    expect(e.setSetting(bn!, 'momentum', 0.9)).toBeNull();
    expect(e.spec.layers[1]).toEqual({ type: 'BatchNormalization', momentum: 0.9 });
  });

  it('describes the blocks and the problems in the UI language', () => {
    i18n.lang = 'fr';
    try {
      expect(layerDetail({ type: 'Reshape', target_shape: [28, 28, 1] })).toBe('vers 28×28×1');
      expect(layerDetail({ type: 'BatchNormalization', momentum: 0.9 })).toBe('momentum 0,9');
      expect(layerDetail({ type: 'BatchNormalization' })).toBe('momentum 0,99');
      // A layer with no wording of its own shows its settings as Keras names them.
      expect(layerDetail({ type: 'GaussianNoise', stddev: 0.15 })).toBe('stddev 0,15');
      expect(problemText({ code: 'shape', maxRank: 3, max: 1_000_000 })).toBe('Écrivez de 1 à 3 nombres entiers de 1 à 1\u202f000\u202f000 séparés par ×, comme 28×28×1.');
    } finally {
      i18n.lang = 'en';
    }
    expect(problemText({ code: 'numberOpen', min: 0, max: 1 })).toBe('Enter a number between 0 and 1, both excluded.');
  });
});
