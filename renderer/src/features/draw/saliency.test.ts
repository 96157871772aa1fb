import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import SaliencyView from './SaliencyView.svelte';
import { inkShare, saliencyPixels } from './saliency';

describe('saliency heat map', () => {
  afterEach(() => i18n.setLang('en'));

  it('glows where |gradient| is largest (yellow at the maximum, the digit grey where it is 0), whatever the sign', () => {
    const gradient = [0, -2, 1, 0], digit = [1, 0, 0, 0];
    const px = saliencyPixels(gradient, digit, 2);
    expect(Array.from(px.subarray(0, 4))).toEqual([90, 90, 90, 255]);
    expect(Array.from(px.subarray(4, 8))).toEqual([255, 255, 0, 255]);
    // Half the maximum: full red, no green yet, blended halfway over black.
    expect(Array.from(px.subarray(8, 12))).toEqual([128, 0, 0, 255]);
    expect(Array.from(saliencyPixels([0, 0, 0, 0], null, 2))).toEqual(Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : 0)));
  });

  it('measures the share of the gradient on the strokes', () => {
    expect(inkShare([1, -3, 0, 0], [1, 1, 0, 0])).toBe(1);
    expect(inkShare([1, -3, 4, 0], [1, 0, 0, 0])).toBeCloseTo(1 / 8, 12);
    expect(inkShare([0, 0], [1, 1])).toBe(0);
  });

  it('says what the picture is, in French with French numbers', () => {
    i18n.setLang('fr');
    const gradient = Array.from({ length: 784 }, (_, i) => (i === 400 ? 1 : 0)), digit = Array.from({ length: 784 }, (_, i) => (i === 400 ? 1 : 0));
    render(SaliencyView, { gradient, digit, predicted: 7 });
    expect(screen.getByRole('img', { name: 'Carte de chaleur sur le dessin : là où le score de 7 est le plus sensible' })).toBeInTheDocument();
    expect(screen.getByText('Ce que le réseau regarde')).toBeInTheDocument();
    expect(screen.getByText('100 % tombe sur le tracé.')).toBeInTheDocument();
  });
});
