import { render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import UnitMaps from './UnitMaps.svelte';
import type { UnitLayerMaps } from './unitMaps';

const small: UnitLayerMaps = {
  name: 'dense', activation: 'tanh', units: 2, resolution: 2, values: new Float32Array([-0.5, 0, 0.25, 0.75, 0, 0, 0, 0.1]),
};
const wide: UnitLayerMaps = { name: 'dense_1', activation: 'relu', units: 16, resolution: 2, values: new Float32Array(64) };

describe('UnitMaps', () => {
  beforeEach(() => (i18n.lang = 'en'));
  afterEach(() => vi.restoreAllMocks());

  it('draws one titled, described map per unit of a small layer', () => {
    const puts = vi.spyOn(CanvasRenderingContext2D.prototype, 'putImageData');
    render(UnitMaps, { layers: [small] });
    expect(screen.getByText('dense · unit 1')).toBeInTheDocument();
    expect(screen.getByText('dense · unit 2')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Activation of unit 1 of dense over the plane, from -0.50 to 0.75' })).toBeInTheDocument();
    expect(puts).toHaveBeenCalledTimes(2);
    expect(screen.getByText(/Blue: negative/)).toBeInTheDocument();
  });

  it('replaces a wide layer by a line, in French too', () => {
    i18n.lang = 'fr';
    render(UnitMaps, { layers: [small, wide] });
    expect(screen.getAllByRole('img')).toHaveLength(2);
    expect(screen.getByText('dense_1 : 16 neurones, trop pour montrer une carte chacun.')).toBeInTheDocument();
    expect(screen.getByText('dense · neurone 2')).toBeInTheDocument();
  });
});
