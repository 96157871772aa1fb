/**
 * A saved autoencoder reopened: the Train tab goes back to reconstructing (with its loss and
 * the corruption it trained with), and the builder marks its code layer; a classifier opened
 * after it takes the Train tab back to classifying.
 */
import { describe, expect, it } from 'vitest';
import type { ModelData } from '../../../../electron/ipc/contract';
import { analyzeOptionsFor, PRESETS } from '$engine';
import { NetworkEditor } from '../builder/networkEditor.svelte';
import { TrainingSettings } from '../training/trainingSettings.svelte';
import { dataTargetFor } from './modelLibrary.svelte';

const settingsApi = { 'datasets:pick': async () => null, 'app:info': async () => { throw new Error('unused'); } } as unknown as ConstructorParameters<typeof TrainingSettings>[0];
const images = (task: ModelData['task']): ModelData => ({ inputShape: [28, 28, 1], task, source: null, bounds: null });

describe('opening an autoencoder', () => {
  it('sets the task to reconstruction with its corruption, and back to classes for a classifier', () => {
    const settings = new TrainingSettings(settingsApi);
    settings.source = 'plane';
    const target = dataTargetFor(settings);
    target.adopt(images({ kind: 'reconstruction' }), { codeLayer: 'code', corruption: { noise: 0.4, binarize: 0.6 } });
    expect(settings.source).toBe('bundled');
    expect(settings.reconstructs).toBe(true);
    expect(settings.loss).toBe('binary_crossentropy');
    expect(settings.reconstruction.corruption()).toEqual({ noise: 0.4, binarize: 0.6 });
    expect(settings.analyzeOptions).toMatchObject({ reconstruct: true });

    target.adopt(images({ kind: 'reconstruction' }), { codeLayer: null, corruption: null });
    expect(settings.reconstruction.corruption()).toBeNull();

    target.adopt(images({ kind: 'classification', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] }));
    expect(settings.reconstructs).toBe(false);
    expect(settings.loss).toBe('categorical_crossentropy');
  });

  it('marks the code layer the file names in the builder', () => {
    const editor = new NetworkEditor({ storage: null });
    editor.analyzeOptions = analyzeOptionsFor({ kind: 'reconstruction' });
    editor.load(PRESETS.autoencoder2d, 'code');
    expect(editor.codeMarkedId).toBe(editor.blocks[2]!.id);
  });
});
