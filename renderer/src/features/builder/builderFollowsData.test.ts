import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS, type NetworkSpec } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import BuilderPanel from './BuilderPanel.svelte';
import { inputChoiceOf, readRowLength, shapeFor } from './inputChoice';
import { NetworkEditor } from './networkEditor.svelte';

function setup(spec: NetworkSpec = PRESETS.mlp) {
  const editor = new NetworkEditor({ storage: null, initial: spec });
  const user = userEvent.setup();
  render(BuilderPanel, { props: { editor } });
  const total = () => screen.getByText('Total parameters', { selector: '.toolbar *' }).nextElementSibling!.textContent;
  return { editor, user, total };
}

const inputBlock = () => screen.getByRole('button', { name: /^Input / });

afterEach(() => i18n.setLang('en'));

describe('the Input block says, and lets the student choose, what one sample is', () => {
  it('switches between an image, 2 numbers and n numbers in its inspector, each an undoable input_shape', async () => {
    const { editor, user } = setup();
    await user.click(inputBlock());
    expect(inputBlock()).toHaveAttribute('aria-pressed', 'true');
    const group = screen.getByRole('group', { name: 'One sample is' });
    expect(within(group).getByRole('radio', { name: 'An image 28×28×1' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: '2 numbers (a point of the plane)' }));
    expect(editor.spec.input_shape).toEqual([2]);
    expect(inputBlock()).toHaveTextContent('2 numbers: x₁, x₂ (a point of the plane)');
    await user.click(within(group).getByRole('radio', { name: 'n numbers (a row of a table)' }));
    expect(editor.spec.input_shape).toEqual([3]);
    const n = screen.getByRole('spinbutton', { name: 'How many numbers (n)' });
    await user.clear(n);
    await user.type(n, '13');
    expect(editor.spec.input_shape).toEqual([13]);
    expect(inputBlock()).toHaveTextContent('13 numbers (a row of a table)');
    // A count the engine refuses is said, and not applied.
    await user.clear(n);
    await user.type(n, '0');
    expect(screen.getByText('Enter a whole number from 1 to 4,096.')).toBeInTheDocument();
    expect(editor.spec.input_shape).toEqual([13]);
    await user.click(within(group).getByRole('radio', { name: 'An image 28×28×1' }));
    expect(editor.spec.input_shape).toEqual([28, 28, 1]);
    expect(editor.spec.layers).toEqual(PRESETS.mlp.layers);
    editor.undo();
    expect(editor.spec.input_shape).toEqual([13]);
  });

  it('speaks French', async () => {
    i18n.setLang('fr');
    const { user } = setup(PRESETS.plane);
    await user.click(screen.getByRole('button', { name: /^Entrée / }));
    const group = screen.getByRole('group', { name: 'Un exemple est' });
    expect(within(group).getByRole('radio', { name: '2 nombres (un point du plan)' })).toBeChecked();
    expect(within(group).getByRole('radio', { name: 'Une image 28×28×1' })).not.toBeChecked();
  });

  it('maps shapes to choices and back', () => {
    expect([[28, 28, 1], [2], [7], [32, 32, 3]].map(inputChoiceOf)).toEqual(['image', 'plane', 'numbers', 'image']);
    expect(shapeFor('image', [32, 32, 3])).toEqual([32, 32, 3]);
    expect(shapeFor('image', [2])).toEqual([28, 28, 1]);
    expect(shapeFor('numbers', [2])).toEqual([3]);
    expect(shapeFor('numbers', [9])).toEqual([9]);
    expect(['12', ' 4096 ', '0', '4097', '1.5', '', 'x'].map(readRowLength)).toEqual([12, 4096, null, null, null, null, null]);
  });
});

describe('the palette follows the input', () => {
  it('disables convolution and pooling on points of the plane, saying why on hover and focus, in English and French', async () => {
    const { editor, user } = setup(PRESETS.plane);
    expect([...editor.unavailable.keys()]).toEqual(['Conv2D', 'MaxPooling2D', 'AveragePooling2D']);
    for (const id of ['Conv2D', 'MaxPooling2D', 'AveragePooling2D']) {
      const item = screen.getByRole('button', { name: id });
      expect(item).toHaveAttribute('aria-disabled', 'true');
      expect(item).toHaveAttribute('draggable', 'false');
      expect(item).toHaveAccessibleDescription(new RegExp(`Not available for this network: ${id} works on images \\[height, width, channels\\] but receives a flat vector \\[2\\]`));
      expect(item.getAttribute('title')).toMatch(/^Not available for this network: /);
    }
    for (const id of ['Dense', 'Dropout', 'GaussianNoise', 'Tanh', 'Flatten']) expect(screen.getByRole('button', { name: id })).not.toHaveAttribute('aria-disabled');
    await user.click(screen.getByRole('button', { name: 'Conv2D' }));
    expect(editor.spec.layers).toHaveLength(2);
    i18n.setLang('fr');
    flushSync();
    expect(screen.getByRole('button', { name: 'Conv2D' })).toHaveAccessibleDescription(/Indisponible pour ce réseau : Conv2D travaille sur des images/);
    // Back to images: everything is available again.
    editor.setInputShape([28, 28, 1]);
    flushSync();
    expect(screen.getByRole('button', { name: 'Conv2D' })).not.toHaveAttribute('aria-disabled');
  });
});

describe('parameters of the course’s small networks', () => {
  it('shows 9 for 2 → Dense 2 tanh → Dense 1 sigmoid (document 004’s 2-2-1)', () => {
    const { editor, total } = setup({
      input_shape: [2],
      layers: [{ type: 'Dense', units: 2, activation: 'tanh' }, { type: 'Dense', units: 1, activation: 'sigmoid' }],
    });
    editor.analyzeOptions = { outputWidths: [2, 1], outputKind: 'classes' };
    flushSync();
    expect(total()).toBe('9');
    expect(editor.valid).toBe(true);
  });

  it('offers the 2-5-K preset, K following the data’s classes: 33 parameters for 2-5-3, 2-5-2 when the classes are unknown', async () => {
    const { editor, user, total } = setup(PRESETS.empty);
    await user.click(screen.getByRole('button', { name: '2-5-2' }));
    expect(editor.spec).toEqual(PRESETS.plane5);
    expect(total()).toBe('27');
    editor.analyzeOptions = { outputWidths: [3], outputKind: 'classes' };
    flushSync();
    await user.click(screen.getByRole('button', { name: '2-5-3' }));
    await user.click(screen.getByRole('button', { name: 'Load 2-5-3' }));
    expect(editor.spec.layers).toEqual([{ type: 'Dense', units: 5, activation: 'tanh' }, { type: 'Dense', units: 3, activation: 'softmax' }]);
    expect(total()).toBe('33');
    expect(editor.valid).toBe(true);
    // The linear classifier follows the classes too.
    await user.click(screen.getByRole('button', { name: 'Linear' }));
    await user.click(screen.getByRole('button', { name: 'Load Linear' }));
    expect(editor.spec.layers).toEqual([{ type: 'Dense', units: 3, activation: 'softmax' }]);
  });
});

describe('the Output block says what a ready network gives, by the data', () => {
  it('scores per digit for MNIST, per class for points, values for a regression, in English and French', () => {
    const { editor } = setup(PRESETS.plane);
    const output = () => document.querySelector('.end.output .end-detail')!.textContent;
    editor.analyzeOptions = { numClasses: 2 };
    flushSync();
    expect(output()).toBe('One score per digit — ready to train');
    editor.analyzeOptions = { outputWidths: [2, 1], outputKind: 'classes' };
    flushSync();
    expect(output()).toBe('One score per class — ready to train');
    i18n.setLang('fr');
    flushSync();
    expect(output()).toBe('Un score par classe — prêt à entraîner');
    editor.analyzeOptions = { outputWidths: [2, 1], outputKind: 'values' };
    flushSync();
    expect(output()).toBe('Les valeurs à prédire — prêt à entraîner');
  });
});
