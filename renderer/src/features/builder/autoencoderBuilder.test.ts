/**
 * Building an autoencoder: its presets in the toolbar, the code layer (the narrowest by
 * default, or the one marked in the inspector) drawn as the network's waist, and the
 * analysis' "the output must have the input's shape" fixed with one click.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeOptionsFor, PRESETS, type NetworkSpec } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import BuilderPanel from './BuilderPanel.svelte';
import { NetworkEditor } from './networkEditor.svelte';

const RECONSTRUCT = analyzeOptionsFor({ kind: 'reconstruction' });

function setup(spec: NetworkSpec = PRESETS.mlp, reconstruct = true) {
  const editor = new NetworkEditor({ storage: null, initial: spec });
  if (reconstruct) editor.analyzeOptions = RECONSTRUCT;
  render(BuilderPanel, { props: { editor } });
  const items = () => within(screen.getByRole('list', { name: /^(Network|Réseau)$/ })).getAllByRole('listitem');
  return { editor, items };
}

afterEach(() => i18n.setLang('en'));

describe('autoencoders in the builder', () => {
  it('offers both autoencoder presets, in French too', async () => {
    i18n.setLang('fr');
    const { editor } = setup(PRESETS.autoencoder);
    await fireEvent.click(screen.getByRole('button', { name: /^Auto-encodeur 2D/ }));
    if (editor.pendingPreset) editor.confirmPendingPreset();
    flushSync();
    expect(editor.spec).toEqual(PRESETS.autoencoder2d);
    expect(screen.getByRole('button', { name: /^Auto-encodeur(?! 2D)/ })).toHaveAccessibleDescription(/784-100-10-100-784/);
  });

  it('draws the narrowest layer as the code by default, and the one marked in the inspector once marked', async () => {
    const { editor, items } = setup(PRESETS.autoencoder);
    expect(editor.codeIndex).toBe(2);
    expect(items()[2]).toHaveClass('code');
    expect(within(items()[2]!).getByText('Code')).toBeInTheDocument();
    expect(screen.getByText('The image given back, pixel by pixel — ready to train')).toBeInTheDocument();
    expect(items().filter((li) => li.classList.contains('code'))).toHaveLength(1);

    editor.select(editor.blocks[1]!.id);
    flushSync();
    const mark = screen.getByRole('checkbox', { name: 'This layer is the code (bottleneck)' });
    expect(mark).not.toBeChecked();
    expect(screen.getByText(/Unless you mark one, the code is the narrowest layer/)).toBeInTheDocument();
    await fireEvent.click(mark);
    expect(editor.codeIndex).toBe(1);
    expect(editor.codeMarkedId).toBe(editor.blocks[1]!.id);
    expect(items()[1]).toHaveClass('code');
    expect(items()[2]).not.toHaveClass('code');
    await fireEvent.click(mark);
    expect(editor.codeIndex).toBe(2);
  });

  it('shows no code and no mark for a classifier', () => {
    const { editor, items } = setup(PRESETS.autoencoder, false);
    editor.select(editor.blocks[2]!.id);
    flushSync();
    expect(items().filter((li) => li.classList.contains('code'))).toHaveLength(0);
    expect(screen.queryByRole('checkbox', { name: /code/ })).toBeNull();
  });

  it('marks the code layer a saved model names when it is opened', () => {
    const editor = new NetworkEditor({ storage: null });
    editor.analyzeOptions = RECONSTRUCT;
    const named = { ...PRESETS.autoencoder, layers: PRESETS.autoencoder.layers.map((l, i) => ({ ...l, name: `layer_${i}` })) };
    editor.load(named, 'layer_3');
    expect(editor.codeIndex).toBe(3);
    editor.load(named, 'missing');
    expect(editor.codeMarkedId).toBeNull();
    expect(editor.codeIndex).toBe(2);
  });

  it('fixes an output that is not the input’s shape with one click', async () => {
    const encoder: NetworkSpec = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 32, activation: 'relu' }] };
    const { editor } = setup(encoder);
    expect(editor.valid).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Add the output layers' }));
    expect(editor.valid).toBe(true);
    expect(editor.spec.layers.map((l) => l.type)).toEqual(['Flatten', 'Dense', 'Dense', 'Reshape']);
    expect(editor.analysis.outputShape).toEqual([28, 28, 1]);
  });
});
