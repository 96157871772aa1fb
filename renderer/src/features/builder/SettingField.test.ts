import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkSpec } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import BuilderPanel from './BuilderPanel.svelte';
import { NetworkEditor } from './networkEditor.svelte';

/** A decoder's end: 784 numbers back into an image, normalized. */
const DECODER: NetworkSpec = {
  input_shape: [784],
  layers: [{ type: 'Reshape', target_shape: [28, 28, 1] }, { type: 'BatchNormalization' }, { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }],
};

function setup() {
  const editor = new NetworkEditor({ storage: null, initial: DECODER });
  const user = userEvent.setup();
  render(BuilderPanel, { props: { editor } });
  const items = () => within(screen.getByRole('list', { name: /^(Network|Réseau)$/ })).queryAllByRole('listitem');
  return { editor, user, items };
}

afterEach(() => i18n.setLang('en'));

describe('the inspector edits Reshape and BatchNormalization', () => {
  it('reads a target shape typed as 7x112, refuses text that is not a shape, and names the sizes that do not fit', async () => {
    const { user, items, editor } = setup();
    expect(items()[0]).toHaveTextContent('to 28×28×1');
    await user.click(items()[0]!);
    const shape = screen.getByRole('textbox', { name: /Target shape/ });
    expect(shape).toHaveValue('28×28×1');
    await user.clear(shape);
    await user.type(shape, '28 by 28');
    expect(shape).toHaveAttribute('aria-invalid', 'true');
    // Each keystroke applies what reads as a shape, as number boxes do: "28" was one, "28 b" is not.
    expect(shape).toHaveAccessibleDescription(/Write 1 to 3 whole numbers from 1 to 1,000,000 separated by ×, such as 28×28×1\. Not applied: the layer keeps 28\./);
    expect(editor.spec.layers[0]).toEqual({ type: 'Reshape', target_shape: [28] });
    await user.clear(shape);
    await user.type(shape, '7x112');
    expect(shape).toHaveAttribute('aria-invalid', 'false');
    expect(editor.spec.layers[0]).toEqual({ type: 'Reshape', target_shape: [7, 112] });
    expect(shape).toHaveValue('7x112'); // what the student typed stays while it means the value
    await user.clear(shape);
    await user.type(shape, '7x7x15');
    expect(editor.spec.layers[0]).toEqual({ type: 'Reshape', target_shape: [7, 7, 15] });
    expect(items()[0]).toHaveTextContent('Its target shape 7×7×15 holds 735 values, but its 784 input holds 784');
    await user.tab(); // the whole edit is one undo step
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(editor.spec.layers[0]).toEqual({ type: 'Reshape', target_shape: [28, 28, 1] });
    expect(shape).toHaveValue('28×28×1');
  });

  it('edits momentum the French way, refusing 1, and shows which parameters are trained', async () => {
    i18n.setLang('fr');
    const { user, items, editor } = setup();
    await user.click(items()[1]!);
    expect(screen.getByText('Dont entraînés').nextElementSibling).toHaveTextContent('2');
    const momentum = screen.getByRole('textbox', { name: /Momentum/ });
    expect(momentum).toHaveAttribute('placeholder', 'par défaut : 0,99');
    await user.type(momentum, '1');
    expect(momentum).toHaveAccessibleDescription(/Saisissez un nombre strictement compris entre 0 et 1\./);
    expect(editor.spec.layers[1]).toEqual({ type: 'BatchNormalization' });
    await user.clear(momentum);
    await user.type(momentum, '0,9');
    expect(editor.spec.layers[1]).toEqual({ type: 'BatchNormalization', momentum: 0.9 });
    expect(items()[1]).toHaveTextContent('momentum 0,9');
  });
});
