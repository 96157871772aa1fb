/**
 * The explorers in the builder: an activation's f and f′ (values from the engine), in the
 * inspector for the selected layer and in the palette's help, and the initializers' ranges for
 * the selected layer's fans — in English and in French (0,25 with a comma).
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { createRawSnippet, type ComponentProps } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import ActivationExplorer from './ActivationExplorer.svelte';
import Inspector from './Inspector.svelte';
import { NetworkEditor } from './networkEditor.svelte';
import Palette from './Palette.svelte';

afterEach(() => i18n.setLang('en'));

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ');

function inspectDense(units = 128, activation = 'sigmoid', inside: ComponentProps<typeof Inspector>['inside'] = null) {
  const editor = new NetworkEditor({
    storage: null,
    initial: { ...PRESETS.mlp, layers: [{ type: 'Flatten' }, { type: 'Dense', units, activation: activation as 'sigmoid' }, { type: 'Dense', units: 10, activation: 'softmax' }] },
  });
  editor.select(editor.blocks[1]!.id);
  render(Inspector, { editor, inside });
  return editor;
}

/** A row of the initializers' table by its header (jsdom cannot compute names across MathML). */
function rowOf(table: HTMLElement, name: string): HTMLElement {
  return within(table).getAllByRole('row').find((r) => r.querySelector('th')?.textContent === name)!;
}

describe('ActivationExplorer', () => {
  it('sigmoid: the formulas typeset, the plot, and σ′ ≤ 0.25 from the engine’s derivative', () => {
    const { container } = render(ActivationExplorer, { activation: 'sigmoid' });
    const region = screen.getByRole('region', { name: 'Sigmoid and its derivative' });
    // f, f′ and the bound σ′ ≤ ¼.
    expect(container.querySelectorAll('math')).toHaveLength(3);
    expect(squash(region.textContent)).toContain('0.25');
    expect(screen.getByRole('img', { name: /Sigmoid: the function \(solid\) and its derivative/ })).toBeInTheDocument();
    expect(screen.getByText('σ′ ≤ 0.25')).toBeInTheDocument();
    expect(screen.getByText(/σ′ is 0\.25, so every sigmoid layer/)).toBeInTheDocument();
  });

  it('writes 0,25 the French way and names ReLU’s dead side', () => {
    i18n.setLang('fr');
    const { unmount } = render(ActivationExplorer, { activation: 'sigmoid' });
    expect(screen.getByText('σ′ ≤ 0,25')).toBeInTheDocument();
    expect(document.querySelector('math')!.parentElement!.parentElement!.textContent).not.toContain('0.25');
    expect(screen.getAllByText(/0,25/).length).toBeGreaterThan(1);
    unmount();
    render(ActivationExplorer, { activation: 'relu' });
    expect(screen.getByRole('region', { name: 'ReLU et sa dérivée' })).toHaveTextContent('côté mort : f′ = 0');
    expect(screen.getByText(/ReLU morte/)).toBeInTheDocument();
  });

  it('tanh′ peaks at 1; softmax is explained on a row; linear has no non-linearity', () => {
    const { unmount } = render(ActivationExplorer, { activation: 'tanh' });
    expect(screen.getByText(/tanh′ reaches 1\.00 at x = 0/)).toBeInTheDocument();
    unmount();
    const s = render(ActivationExplorer, { activation: 'softmax' });
    expect(screen.getByText(/gradient on the scores is simply ŷ − y/)).toBeInTheDocument();
    s.unmount();
    render(ActivationExplorer, { activation: 'linear' });
    expect(screen.getByText(/No non-linearity/)).toBeInTheDocument();
  });

  it('renders what is given underneath (the hook for the live histogram of pre-activations)', () => {
    const below = createRawSnippet(() => ({ render: () => '<p>histogram here</p>' }));
    render(ActivationExplorer, { activation: 'relu', below });
    expect(screen.getByRole('region', { name: 'ReLU and its derivative' })).toHaveTextContent('histogram here');
  });
});

describe('explorers in the builder', () => {
  it('the inspector plots the selected layer’s activation and follows a change of it', async () => {
    const editor = inspectDense(128, 'sigmoid');
    expect(screen.getByRole('region', { name: 'Sigmoid and its derivative' })).toBeInTheDocument();
    editor.setSetting(editor.blocks[1]!.id, 'activation', 'tanh');
    expect(await screen.findByRole('region', { name: 'Tanh and its derivative' })).toBeInTheDocument();
  });

  it('while the Train tab measures inside the network, the activation shows the latest z going into it', () => {
    const layer = (name: string, z: { lo: number; hi: number; counts: number[] } | null) => ({
      index: 0, name, type: 'Dense', activation: 'sigmoid', output: { lo: 0, hi: 1, counts: [1] }, preActivation: z, saturated: 0, dead: null, params: [],
    });
    const latest = { step: 3, epoch: 0, batch: 3, learningRate: 0.1, costMs: 1, layers: [layer('flatten_1', null), layer('dense_1', { lo: -7.5, hi: 6, counts: [4, 0, 9] })] };
    inspectDense(32, 'sigmoid', { latest });
    expect(screen.getByRole('img', { name: 'Histogram of the inputs z of dense_1’s activation, latest batch' })).toBeInTheDocument();
    expect(screen.getByText(/What goes into dense_1’s activation now/)).toBeInTheDocument();
  });

  it('without measurements, the activation explorer shows no live histogram', () => {
    inspectDense(32, 'sigmoid', { latest: null });
    expect(screen.queryByText(/What goes into/)).toBeNull();
  });

  it('the inspector gives every initializer’s range for the layer’s fans, the chosen one marked', () => {
    inspectDense(128);
    const table = screen.getByRole('table');
    const row = (name: string) => rowOf(table, name);
    expect(screen.getByText(/fan_in = 784 \(inputs of each unit\), fan_out = 128/)).toBeInTheDocument();
    // Glorot uniform: ±√(6 / (784 + 128)) = ±0.0811; He uniform: ±√(6 / 784) = ±0.0875; He normal σ = √(2/784) = 0.0505.
    expect(squash(row('glorot_uniform').textContent)).toContain('0.0811');
    expect(row('glorot_uniform')).toHaveAttribute('aria-current', 'true');
    expect(squash(row('he_uniform').textContent)).toContain('0.0875');
    expect(squash(row('he_normal').textContent)).toContain('0.0505');
    // PyTorch's default: ±√(1 / 784) = ±0.0357.
    expect(squash(row('pytorch_uniform').textContent)).toContain('0.0357');
    expect(row('he_uniform')).not.toHaveAttribute('aria-current');
  });

  it('in French, the ranges have a decimal comma', () => {
    i18n.setLang('fr');
    inspectDense(32);
    const table = screen.getByRole('table');
    // ±√(6 / (784 + 32)) = ±0,0857
    expect(squash(rowOf(table, 'glorot_uniform').textContent)).toContain('0,0857');
    expect(screen.getByText(/fan_in = 784 \(entrées de chaque neurone\), fan_out = 32/)).toBeInTheDocument();
  });

  it('the palette’s help plots any activation on demand', async () => {
    render(Palette, { onadd: () => {}, onremove: () => {} });
    await fireEvent.click(screen.getByText('See the activation functions'));
    expect(screen.getByRole('region', { name: 'Sigmoid and its derivative' })).toBeInTheDocument();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Function' }), { target: { value: 'relu' } });
    expect(screen.getByRole('region', { name: 'ReLU and its derivative' })).toHaveTextContent('dead side: f′ = 0');
  });
});
