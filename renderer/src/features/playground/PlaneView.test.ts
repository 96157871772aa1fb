import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import PlaneView from './PlaneView.svelte';
import { MARGINS } from './planeRenderer';

const bounds = { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 };
// A 354 px canvas: a 300 × 300 plot after the margins (1 px = 0.01 plane units).
const SIDE = 300 + MARGINS.left + MARGINS.right;

function rect(): DOMRect {
  return { left: 0, top: 0, width: SIDE, height: SIDE, right: SIDE, bottom: SIDE, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
}

/** Client coordinates of a plane location. */
function at(x1: number, x2: number): { clientX: number; clientY: number } {
  return { clientX: MARGINS.left + (x1 + 1.5) * 100, clientY: MARGINS.top + (1.5 - x2) * 100 };
}

const train = { points: new Float32Array([0, 0, 1, 1, -1, 0.5]), labels: new Uint8Array([0, 1, 1]) };
const test = { points: new Float32Array([0.5, 0.5]), labels: new Uint8Array([0]) };

describe('PlaneView', () => {
  beforeEach(() => {
    i18n.lang = 'en';
    vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockImplementation(rect);
  });
  afterEach(() => vi.restoreAllMocks());

  it('describes what it shows for screen readers', () => {
    const grid = { kind: 'binary' as const, resolution: 2, values: new Float32Array(4) };
    render(PlaneView, { bounds, grid, train, test });
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Decision regions of the network over the plane; 3 training points, 1 test points',
    );
  });

  it('counts no test points when they are hidden, and says so in French', () => {
    i18n.lang = 'fr';
    render(PlaneView, { bounds, train, test, showTest: false });
    expect(screen.getByRole('img')).toHaveAccessibleName('Le plan (x₁, x₂) ; 3 points d’entraînement, 0 points de test');
  });

  it('adds a point where the plane is clicked in add mode', async () => {
    const onAddPoint = vi.fn();
    const onProbe = vi.fn();
    render(PlaneView, { bounds, mode: 'add', onAddPoint, onProbe });
    await fireEvent.pointerDown(screen.getByRole('application'), { ...at(0.5, -1), button: 0, pointerType: 'mouse' });
    expect(onAddPoint).toHaveBeenCalledTimes(1);
    const [x1, x2] = onAddPoint.mock.calls[0]!;
    expect(x1).toBeCloseTo(0.5, 9);
    expect(x2).toBeCloseTo(-1, 9);
    expect(onProbe).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/^Click on the plane to add a point of the selected class\./)).toBeInTheDocument();
  });

  it('ignores clicks on the axes and right clicks', async () => {
    const onAddPoint = vi.fn();
    render(PlaneView, { bounds, mode: 'add', onAddPoint });
    const canvas = screen.getByRole('application');
    await fireEvent.pointerDown(canvas, { clientX: 5, clientY: 100, button: 0, pointerType: 'mouse' });
    await fireEvent.pointerDown(canvas, { ...at(0, 0), button: 2, pointerType: 'mouse' });
    expect(onAddPoint).not.toHaveBeenCalled();
  });

  it('erases with a radius in plane units and does not add in erase mode', async () => {
    const onAddPoint = vi.fn();
    const onErase = vi.fn();
    render(PlaneView, { bounds, mode: 'erase', eraseRadius: 12, onAddPoint, onErase });
    await fireEvent.pointerDown(screen.getByRole('application'), { ...at(1, 1), button: 0, pointerType: 'mouse' });
    expect(onAddPoint).not.toHaveBeenCalled();
    const [x1, x2, radius] = onErase.mock.calls[0]!;
    expect(x1).toBeCloseTo(1, 9);
    expect(x2).toBeCloseTo(1, 9);
    expect(radius).toBeCloseTo(0.12, 9);
  });

  it('adds points from the keyboard: arrows move a cursor, Enter adds there', async () => {
    const onAddPoint = vi.fn();
    const onProbe = vi.fn();
    render(PlaneView, { bounds, mode: 'add', onAddPoint, onProbe });
    const plane = screen.getByRole('application');
    expect(plane).toHaveAttribute('tabindex', '0');
    await fireEvent.keyDown(plane, { key: 'ArrowRight' });
    await fireEvent.keyDown(plane, { key: 'ArrowUp', shiftKey: true });
    await fireEvent.keyDown(plane, { key: 'Enter' });
    expect(onAddPoint).toHaveBeenCalledTimes(1);
    expect(onAddPoint.mock.calls[0]![0]).toBeCloseTo(0.05, 9);
    expect(onAddPoint.mock.calls[0]![1]).toBeCloseTo(0.3, 9);
    expect(onProbe).toHaveBeenCalledTimes(3);
  });

  it('is a picture, not a keyboard stop, when only probing', () => {
    render(PlaneView, { bounds });
    expect(screen.getByRole('img')).not.toHaveAttribute('tabindex');
  });

  it('probes on hover and ends the probe when the pointer leaves the plot', async () => {
    const onProbe = vi.fn();
    const onProbeEnd = vi.fn();
    render(PlaneView, { bounds, onProbe, onProbeEnd });
    const canvas = screen.getByRole('img');
    await fireEvent.pointerMove(canvas, at(-0.25, 0.75));
    expect(onProbe.mock.calls[0]![0]).toBeCloseTo(-0.25, 9);
    expect(onProbe.mock.calls[0]![1]).toBeCloseTo(0.75, 9);
    await fireEvent.pointerMove(canvas, { clientX: SIDE - 2, clientY: SIDE - 2 });
    expect(onProbeEnd).toHaveBeenCalledTimes(1);
  });

  it('shows the value scale of a regression grid, in the UI language', async () => {
    i18n.lang = 'fr';
    const grid = { kind: 'regression' as const, resolution: 2, values: new Float32Array([-1.5, 0, 0.25, 2.5]) };
    render(PlaneView, { bounds, grid });
    await vi.waitFor(() => expect(screen.getByText('Valeur prédite : de -1,50 (bleu) à 2,50 (vermillon)')).toBeInTheDocument());
  });
});
