import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeNetwork, type NetworkSpec } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import BuilderPanel from './BuilderPanel.svelte';
import IssueBanner from './IssueBanner.svelte';
import { NetworkEditor } from './networkEditor.svelte';

const net = (...layers: object[]): NetworkSpec => ({ input_shape: [28, 28, 1], layers: layers as NetworkSpec['layers'] });

afterEach(() => i18n.setLang('en'));

describe('IssueBanner', () => {
  it('shows the engine\'s message in French in a French UI, with no English left', () => {
    i18n.setLang('fr');
    const issue = analyzeNetwork(net({ type: 'Dense', units: 10 })).issues[0]!;
    render(IssueBanner, { props: { issue, onfix: () => {} } });
    const details = document.querySelector('.details')!;
    expect(details.textContent).toBe('Dense a besoin d’un vecteur plat mais reçoit une sortie en forme d’image [28, 28, 1]. Insérez une couche Flatten juste avant.');
    expect(document.querySelector('[lang="en"]')).toBeNull();
    expect(document.body.textContent).not.toMatch(/anglais|needs a flat vector/);
    expect(screen.getByRole('button', { name: 'Insérer Flatten' })).toBeInTheDocument();
  });

  it('follows the language, and words a layer\'s problem as a sentence', () => {
    const issue = analyzeNetwork(net({ type: 'Conv2D', filters: 2, kernel_size: 30 }, { type: 'Flatten' }, { type: 'Dense', units: 10 })).issues[0]!;
    render(IssueBanner, { props: { issue, onfix: () => {} } });
    expect(document.querySelector('.details')!.textContent).toMatch(/^Its 30×30 kernel does not fit its 28×28 input\./);
  });
});

describe('zeros initializer warning in the builder', () => {
  it('explains in French why zeros cannot work, and its fix sets glorot_uniform in one undoable step', async () => {
    i18n.setLang('fr');
    const editor = new NetworkEditor({
      storage: null,
      initial: net({ type: 'Flatten' }, { type: 'Dense', units: 32, activation: 'relu', kernel_initializer: 'zeros' }, { type: 'Dense', units: 10, activation: 'softmax' }),
    });
    render(BuilderPanel, { props: { editor } });
    expect(editor.valid).toBe(true);
    expect(screen.getAllByText(/toutes ses unités démarrent donc identiques/).length).toBeGreaterThan(0);
    const fix = screen.getAllByRole('button', { name: 'Utiliser glorot_uniform' })[0]!;
    await userEvent.setup().click(fix);
    expect(editor.spec.layers[1]).toEqual({ type: 'Dense', units: 32, activation: 'relu', kernel_initializer: 'glorot_uniform' });
    expect(editor.analysis.warnings).toEqual([]);
    editor.undo();
    expect(editor.spec.layers[1]).toMatchObject({ kernel_initializer: 'zeros' });
  });
});
