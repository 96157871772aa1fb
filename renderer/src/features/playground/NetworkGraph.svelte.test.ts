import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import NetworkGraph from './NetworkGraph.svelte';
import type { DenseWeights } from './networkGraph';

const hidden: DenseWeights = { name: 'dense', units: 2, kernel: new Float32Array([2, -1, 0.5, 4]), bias: new Float32Array([0.1, -0.2]) };
const output: DenseWeights = { name: 'dense_1', units: 1, kernel: new Float32Array([-3, 1.5]), bias: new Float32Array([0.7]) };

describe('NetworkGraph', () => {
  beforeEach(() => (i18n.lang = 'en'));

  it('draws the nodes with their labels and a titled edge per weight', () => {
    const { container } = render(NetworkGraph, { layers: [hidden, output] });
    expect(screen.getByRole('img', { name: 'Diagram of the network 2 → 2 → 1' })).toBeInTheDocument();
    expect([...container.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['x₁', 'x₂', 'h₁', 'h₂', 'ŷ']);
    const lines = container.querySelectorAll('line');
    expect(lines).toHaveLength(6);
    expect(lines[1]!.querySelector('title')!.textContent).toBe('Weight x₁ → h₂: -1.000');
    // Positive and negative weights get different colours.
    expect(lines[0]!.getAttribute('stroke')).not.toBe(lines[1]!.getAttribute('stroke'));
  });

  it('follows new weights (live during training) and writes numbers the French way', () => {
    i18n.lang = 'fr';
    // Reactive props, as the training view will pass them (this file is compiled with runes).
    const props = $state({ layers: [hidden, output] });
    const { container } = render(NetworkGraph, props);
    const before = container.querySelector('line');
    props.layers = [{ ...hidden, kernel: new Float32Array([-0.25, -1, 0.5, 4]) }, output];
    flushSync();
    const after = container.querySelector('line')!;
    expect(after).toBe(before); // the same element, updated: no rebuild of the drawing
    expect(after.querySelector('title')!.textContent).toBe('Poids x₁ → h₁ : -0,250');
    // Hidden and output units show their bias; inputs have none.
    expect([...container.querySelectorAll('g title')].map((t) => t.textContent)).toEqual([
      'Biais de h₁ : 0,100', 'Biais de h₂ : -0,200', 'Biais de ŷ : 0,700',
    ]);
  });

  it('falls back to a summary line when a layer is too wide', () => {
    render(NetworkGraph, { layers: [{ name: 'dense', units: 64, kernel: new Float32Array(128) }, output] });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Network 2 → 64 → 1: a layer has more than 8 units, too many to draw.')).toBeInTheDocument();
  });
});
