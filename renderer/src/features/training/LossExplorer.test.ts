/**
 * The loss explorer beside the loss choice: the engine's loss and gradient for the chosen target,
 * the formulas, one point written out (numbers per language), and the choice it follows.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import HyperparamSettings from './HyperparamSettings.svelte';
import LossExplorer from './LossExplorer.svelte';
import { FakeApi } from './testing/fakeApi';
import { TrainingSettings } from './trainingSettings.svelte';

afterEach(() => i18n.setLang('en'));
/** Text as MathML reads it, flattened: hats come as y^, minus signs as −. */
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '').replace(/y\^/g, 'ŷ').replace(/−/g, '-');

describe('LossExplorer', () => {
  it('binary cross-entropy at ŷ = 0.25, y = 1: L = −log 0.25, ∂L/∂ŷ = −4, ∂L/∂z = ŷ − y', () => {
    const { container } = render(LossExplorer, { loss: 'binary_crossentropy' });
    expect(screen.getByRole('heading', { name: 'Binary cross-entropy and its gradient' })).toBeInTheDocument();
    const example = squash(container.querySelector('.example')!.textContent);
    expect(example).toContain(`L=${(-Math.log(0.25)).toFixed(3)}`);
    expect(example).toMatch(/∂L∂ŷ=-4(?!\d)/);
    expect(example).toContain('∂L∂z=-0.75');
    expect(screen.getByRole('img', { name: /against the prediction ŷ, for the target y = 1/ })).toBeInTheDocument();
  });

  it('follows the target: MSE at ŷ = 0.75, y = 0 gives L = 0.5625 and ∂L/∂ŷ = 1.5', async () => {
    const { container } = render(LossExplorer, { loss: 'mean_squared_error' });
    await fireEvent.click(screen.getByRole('radio', { name: 'y = 0' }));
    const example = squash(container.querySelector('.example')!.textContent);
    expect(example).toContain('L=0.5625');
    expect(example).toContain('∂L∂ŷ=1.5');
    expect(screen.getByRole('img', { name: /for the target y = 0/ })).toBeInTheDocument();
    expect(screen.getByText(/big mistakes are punished much more/)).toBeInTheDocument();
  });

  it('in French: decimal commas, and L1’s gradient of ±1', () => {
    i18n.setLang('fr');
    const { container } = render(LossExplorer, { loss: 'mean_absolute_error' });
    expect(screen.getByRole('heading', { name: 'Erreur absolue moyenne et son gradient' })).toBeInTheDocument();
    const example = squash(container.querySelector('.example')!.textContent);
    expect(example).toContain('ŷ=0,25');
    expect(example).toContain('L=0,75');
    expect(example).toContain('∂L∂ŷ=-1');
    expect(screen.getByText(/aussi fort qu’une grande/)).toBeInTheDocument();
  });

  it('cross-entropy explains the softmax pairing', () => {
    render(LossExplorer, { loss: 'categorical_crossentropy' });
    expect(screen.getByText(/gradient on the scores is simply ŷ − y/)).toBeInTheDocument();
  });

  it('sits beside the loss choice in the Train tab and follows it', async () => {
    const settings = new TrainingSettings(new FakeApi().api);
    render(HyperparamSettings, { settings, disabled: false });
    await fireEvent.click(screen.getByText('See this loss and its gradient'));
    expect(screen.getByRole('heading', { name: 'Cross-entropy and its gradient' })).toBeInTheDocument();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Loss' }), { target: { value: 'mean_squared_error' } });
    expect(screen.getByRole('heading', { name: 'Mean squared error and its gradient' })).toBeInTheDocument();
  });

});
