import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS, type NetworkSpec } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import BuilderPanel from './BuilderPanel.svelte';
import { PALETTE_IDS } from './layerCatalog';
import { NetworkEditor } from './networkEditor.svelte';

function setup(spec: NetworkSpec = PRESETS.mlp) {
  const editor = new NetworkEditor({ storage: null, initial: spec });
  const user = userEvent.setup();
  render(BuilderPanel, { props: { editor } });
  const network = () => screen.getByRole('list', { name: /^(Network|Réseau)$/ });
  const items = () => within(network()).queryAllByRole('listitem');
  const types = () => editor.spec.layers.map((l) => l.type);
  return { editor, user, network, items, types };
}

const squash = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

afterEach(() => i18n.setLang('en'));

describe('BuilderPanel display', () => {
  it('shows every output shape and the total for the CNN preset', () => {
    const { items } = setup(PRESETS.cnn);
    expect(items()).toHaveLength(6);
    expect(items()[0]).toHaveTextContent('24×24×8');
    expect(items()[1]).toHaveTextContent('12×12×8');
    expect(items()[3]).toHaveTextContent('4×4×16');
    expect(items()[5]).toHaveTextContent('2,570 parameters');
    expect(screen.getByText('Total parameters', { selector: '.toolbar *' }).nextElementSibling).toHaveTextContent('5,994');
    expect(screen.getByText('Input')).toBeInTheDocument();
    expect(screen.getByText('28×28×1')).toBeInTheDocument();
  });

  it('formats the total the French way and translates the chrome, keeping Keras names', async () => {
    i18n.setLang('fr');
    setup(PRESETS.cnn);
    expect(squash(screen.getByText('Paramètres au total', { selector: '.toolbar *' }).nextElementSibling!.textContent)).toBe('5 994');
    expect(screen.getByRole('list', { name: 'Réseau' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Supprimer la couche' })).toHaveLength(6);
    for (const id of PALETTE_IDS) expect(screen.getByRole('button', { name: id })).toBeInTheDocument();
  });

  it('names palette items, presets and history buttons for the end-to-end tests', () => {
    setup();
    for (const id of PALETTE_IDS) {
      expect(screen.getByRole('button', { name: id })).toHaveAttribute('draggable', 'true');
    }
    for (const name of ['MLP', 'CNN', 'Empty', 'Undo', 'Redo']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Move up' })).toHaveLength(3);
    expect(screen.getAllByRole('button', { name: 'Duplicate layer' })).toHaveLength(3);
  });
});

describe('BuilderPanel editing', () => {
  it('adds a palette item with Enter, after the selected block', async () => {
    const { user, types, items, editor } = setup();
    screen.getByRole('button', { name: 'Dropout' }).focus();
    await user.keyboard('{Enter}');
    expect(types()).toEqual(['Flatten', 'Dense', 'Dense', 'Dropout']);
    await user.click(items()[0]!);
    screen.getByRole('button', { name: 'Tanh' }).focus();
    await user.keyboard(' ');
    expect(editor.spec.layers[1]).toEqual({ type: 'Activation', activation: 'tanh' });
    expect(items()[1]).toHaveAccessibleName('Tanh');
    expect(screen.getByText(/Tanh added at position 2 of 5/)).toBeInTheDocument();
  });

  it('moves, selects and removes blocks from the keyboard, announcing moves', async () => {
    const { user, types, items, editor } = setup(PRESETS.cnn);
    await user.click(items()[0]!);
    expect(items()[0]).toHaveFocus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(types()).toEqual(['MaxPooling2D', 'Conv2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
    await waitFor(() => expect(items()[1]).toHaveFocus());
    expect(screen.getByText(/Conv2D moved to position 2 of 6/)).toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(items()[2]).toHaveFocus());
    expect(editor.selected?.index).toBe(2);
    await user.keyboard('{Delete}');
    expect(types()).toEqual(['MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense']);
    await waitFor(() => expect(items()[2]).toHaveFocus());
    await user.keyboard('{Control>}z{/Control}');
    expect(types()).toHaveLength(6);
  });

  it('undoes and redoes with the buttons and shortcuts', async () => {
    const { user, types } = setup();
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(undo).toBeDisabled();
    await user.click(screen.getAllByRole('button', { name: 'Duplicate layer' })[1]!);
    expect(types()).toEqual(['Flatten', 'Dense', 'Dense', 'Dense']);
    await user.click(undo);
    expect(types()).toEqual(['Flatten', 'Dense', 'Dense']);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(types()).toHaveLength(4);
    await user.click(screen.getAllByRole('button', { name: 'Delete layer' })[0]!);
    expect(types()).toEqual(['Dense', 'Dense', 'Dense']);
    await user.keyboard('{Control>}z{/Control}');
    expect(types()).toHaveLength(4);
    await user.keyboard('{Control>}y{/Control}');
    expect(types()).toHaveLength(3);
  });

  it('asks in the page before emptying the network', async () => {
    const { user, items } = setup();
    await user.click(screen.getByRole('button', { name: 'Empty' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Start from an empty network?' });
    expect(items()).toHaveLength(3);
    await user.click(within(dialog).getByRole('button', { name: 'Keep my network' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(items()).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'Empty' }));
    await user.click(screen.getByRole('button', { name: 'Remove all layers' }));
    expect(items()).toHaveLength(0);
    expect(screen.getByText('Your network is empty')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'CNN' }));
    expect(items()).toHaveLength(6);
  });

  it('asks in the page before a preset replaces the network, and focus goes back to its button', async () => {
    const { user, items } = setup();
    await user.click(screen.getByRole('button', { name: 'CNN' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Replace your network with the CNN preset?' });
    expect(dialog).toHaveTextContent('Your 3 layers are replaced');
    await user.click(within(dialog).getByRole('button', { name: 'Keep my network' }));
    expect(items()).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'CNN' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'CNN' }));
    await user.click(screen.getByRole('button', { name: 'Load CNN' }));
    expect(items()).toHaveLength(6);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(items()).toHaveLength(3);
  });

  it('loads the plane presets: 2 numbers in, a tanh hidden layer (42 parameters) or a single linear layer (6)', async () => {
    const { user, items, editor } = setup();
    await user.click(screen.getByRole('button', { name: 'Plane' }));
    await user.click(screen.getByRole('button', { name: 'Load Plane' }));
    expect(items()).toHaveLength(2);
    expect(editor.spec.input_shape).toEqual([2]);
    expect(editor.analysis.totalParams).toBe(42);
    // The Input block says what a sample now is.
    expect(screen.getByText('2 numbers: x₁, x₂ (a point of the plane)')).toBeInTheDocument();
    i18n.setLang('fr');
    flushSync();
    expect(screen.getByText('2 nombres : x₁, x₂ (un point du plan)')).toBeInTheDocument();
    i18n.setLang('en');
    flushSync();
    await user.click(screen.getByRole('button', { name: 'Linear' }));
    await user.click(screen.getByRole('button', { name: 'Load Linear' }));
    expect(items()).toHaveLength(1);
    expect(editor.analysis.totalParams).toBe(6);
  });

  it('explains each initializer with its formula and this layer’s limit or σ', async () => {
    const { user, items } = setup();
    await user.click(items()[1]!); // Dense 128 after Flatten: fan_in 784, fan_out 128
    const weights = screen.getByRole('combobox', { name: /Weight initializer/ });
    expect(weights).toHaveAccessibleDescription(/limit = √\(6 \/ \(fan_in \+ fan_out\)\).*fan_in = 784.*fan_out = 128, so limit = 0\.0811/);
    await user.selectOptions(weights, 'he_normal');
    expect(screen.getByRole('combobox', { name: /Weight initializer/ })).toHaveAccessibleDescription(/σ = √\(2 \/ fan_in\).*so σ = 0\.0505/);
    expect(screen.getByRole('combobox', { name: /Bias initializer/ })).toHaveAccessibleDescription(/Zeros: everything starts at 0/);
  });

  it('reads a French decimal comma in the inspector and shows it back the French way', async () => {
    i18n.setLang('fr');
    try {
      const { user, editor } = setup();
      editor.addFromPalette('Dropout');
      flushSync();
      const rate = screen.getByRole('textbox', { name: /Taux/ });
      await user.clear(rate);
      await user.type(rate, '0,25');
      expect(rate).toHaveAttribute('aria-invalid', 'false');
      expect(editor.spec.layers.find((l) => l.type === 'Dropout')).toMatchObject({ rate: 0.25 });
      await user.clear(rate);
      await user.paste('0,2,5');
      expect(rate).toHaveAccessibleDescription(/Ce n’est pas un nombre.*La valeur reste 0,25/);
      expect(editor.spec.layers.find((l) => l.type === 'Dropout')).toMatchObject({ rate: 0.25 });
    } finally {
      i18n.setLang('en');
    }
  });

  it('inserts a dropped palette item and moves a dropped block', async () => {
    const { network, types, items } = setup();
    const data = new Map<string, string>();
    const dataTransfer = {
      get types() { return [...data.keys()]; },
      setData: (k: string, v: string) => void data.set(k, v),
      getData: (k: string) => data.get(k) ?? '',
      dropEffect: 'none', effectAllowed: 'all',
    };
    /** jsdom has no DragEvent: a MouseEvent carrying a DataTransfer stand-in. */
    const drag = async (type: string, target: Element, clientY = 0) => {
      const event = new MouseEvent(type, { bubbles: true, cancelable: true, clientY });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      await fireEvent(target, event);
    };
    await drag('dragstart', screen.getByRole('button', { name: 'ReLU' }));
    await drag('dragover', network());
    await drag('drop', network(), 500);
    expect(types()).toEqual(['Flatten', 'Dense', 'Dense', 'ReLU']);
    data.clear();
    // jsdom has no layout: make the first block look 100px tall so a drop at y=10 lands before it.
    const first = items()[0]!;
    first.getBoundingClientRect = () => ({ top: 0, bottom: 100, height: 100, left: 0, right: 0, width: 0, x: 0, y: 0, toJSON: () => ({}) });
    await drag('dragstart', items()[3]!);
    await drag('dragover', first, 10);
    expect(first).toHaveClass('drop-before');
    await drag('drop', first, 10);
    expect(first).not.toHaveClass('drop-before');
    expect(types()).toEqual(['ReLU', 'Flatten', 'Dense', 'Dense']);
  });
});

describe('BuilderPanel problems', () => {
  const convToDense: NetworkSpec = {
    input_shape: [28, 28, 1],
    layers: [{ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dense', units: 10, activation: 'softmax' }],
  };

  it('highlights the block at fault with text and a working fix button', async () => {
    const { user, items, editor } = setup(convToDense);
    const dense = items()[1]!;
    expect(dense).toHaveClass('invalid');
    expect(dense).toHaveTextContent('Problem');
    expect(dense).toHaveTextContent('needs a flat list of numbers');
    expect(dense).toHaveTextContent('Dense needs a flat vector'); // the engine's own message
    expect(dense).toHaveAccessibleDescription(/needs a flat list of numbers/);
    expect(screen.getByText('1 problem to fix', { selector: '.toolbar *' })).toBeInTheDocument();
    await user.click(within(dense).getByRole('button', { name: 'Insert Flatten' }));
    expect(editor.valid).toBe(true);
    expect(editor.spec.layers.map((l) => l.type)).toEqual(['Conv2D', 'Flatten', 'Dense']);
    expect(items()[1]).toHaveAccessibleName('Flatten');
    expect(screen.queryByText('Problem')).toBeNull();
  });

  it('shows network-level problems at the output with a translated fix', async () => {
    i18n.setLang('fr');
    const { user, types } = setup(PRESETS.empty);
    expect(screen.getByText(/Le réseau doit se terminer par 10 sorties/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ajouter la couche de sortie' }));
    expect(types()).toEqual(['Flatten', 'Dense']);
  });

  const reluOutput: NetworkSpec = {
    input_shape: [28, 28, 1],
    layers: [{ type: 'Flatten' }, { type: 'Dense', units: 64, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'relu' }],
  };

  it('warns about a relu output without blocking training, and fixes it in one undoable click', async () => {
    const { user, items, editor } = setup(reluOutput);
    const last = items()[2]!;
    expect(last).toHaveClass('warned');
    expect(last).not.toHaveClass('invalid');
    expect(last).toHaveTextContent('Warning');
    expect(last).not.toHaveTextContent('Problem');
    expect(last).toHaveTextContent('The output layer, dense_2, has no softmax');
    expect(last).toHaveTextContent('The network ends with relu'); // the engine's own message
    expect(last).toHaveAccessibleDescription(/dense_2, has no softmax/);
    expect(within(items()[1]!).queryByText('Warning')).toBeNull();
    // A warning is not a problem: the network is ready to train.
    expect(editor.valid).toBe(true);
    expect(screen.getByText('Ready to train', { selector: '.toolbar *' })).toBeInTheDocument();
    await user.click(within(last).getByRole('button', { name: 'Use softmax' }));
    expect(editor.spec.layers[2]).toMatchObject({ activation: 'softmax' });
    expect(screen.queryByText('Warning')).toBeNull();
    expect(items()[2]).not.toHaveClass('warned');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(editor.spec.layers[2]).toMatchObject({ activation: 'relu' });
    expect(within(items()[2]!).getByRole('button', { name: 'Use softmax' })).toBeInTheDocument();
  });

  it('words the warning in French, naming the layer', async () => {
    i18n.setLang('fr');
    const { user, items, editor } = setup(reluOutput);
    expect(items()[2]).toHaveTextContent('Attention');
    expect(items()[2]).toHaveTextContent('La couche de sortie, dense_2, n’a pas de softmax');
    await user.click(within(items()[2]!).getByRole('button', { name: 'Utiliser softmax' }));
    expect(editor.spec.layers[2]).toMatchObject({ activation: 'softmax' });
  });

  it('refuses an out-of-range setting visibly and applies a valid one', async () => {
    const { user, items, editor } = setup();
    await user.click(items()[1]!);
    const units = screen.getByRole('textbox', { name: /Units/ });
    expect(units).toHaveValue('128');
    await user.clear(units);
    await user.type(units, '0');
    expect(units).toHaveAttribute('aria-invalid', 'true');
    expect(units).toHaveAccessibleDescription(/whole number from 1 to 4,096.*keeps 128/);
    expect(editor.spec.layers[1]).toMatchObject({ units: 128 });
    await user.clear(units);
    await user.type(units, '32');
    expect(units).toHaveAttribute('aria-invalid', 'false');
    expect(editor.spec.layers[1]).toMatchObject({ units: 32 });
    expect(items()[1]).toHaveTextContent('25,120 parameters');
    await user.tab(); // leaving the field ends the undo step
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(editor.spec.layers[1]).toMatchObject({ units: 128 });
    expect(units).toHaveValue('128');
  });
});
