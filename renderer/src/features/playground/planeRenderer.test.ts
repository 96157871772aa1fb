import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameSource } from '../training/frameScheduler';
import { PlaneRenderer } from './planeRenderer';

/** Frames stepped by hand. */
class ManualFrames implements FrameSource {
  pending: (() => void) | null = null;
  requests = 0;
  request(cb: () => void): number {
    this.requests++;
    this.pending = cb;
    return 1;
  }
  cancel(): void {
    this.pending = null;
  }
  now(): number {
    return 0;
  }
  step(): void {
    const cb = this.pending;
    this.pending = null;
    cb?.();
  }
}

const grid = (p: number) => ({ kind: 'binary' as const, resolution: 4, values: new Float32Array(16).fill(p) });
const train = { points: new Float32Array([0, 0, 1, 1]), labels: new Uint8Array([0, 1]) };

describe('PlaneRenderer', () => {
  let frames: ManualFrames;
  let canvas: HTMLCanvasElement;
  let arcs: ReturnType<typeof vi.spyOn>;
  let puts: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    frames = new ManualFrames();
    canvas = document.createElement('canvas');
    arcs = vi.spyOn(CanvasRenderingContext2D.prototype, 'arc');
    puts = vi.spyOn(CanvasRenderingContext2D.prototype, 'putImageData');
  });
  afterEach(() => vi.restoreAllMocks());

  it('draws many updates in one frame', () => {
    const renderer = new PlaneRenderer(() => {}, frames);
    renderer.attach(canvas);
    renderer.setPoints(train, null, true);
    renderer.setGrid(grid(0.2));
    renderer.setGrid(grid(0.9));
    expect(frames.requests).toBe(1);
    frames.step();
    expect(puts).toHaveBeenCalledTimes(1);
  });

  it('redraws only the boundary when only the grid changes (points are cached)', () => {
    const renderer = new PlaneRenderer(() => {}, frames);
    renderer.attach(canvas);
    renderer.setPoints(train, null, true);
    renderer.setGrid(grid(0.2));
    frames.step();
    const pointArcs = arcs.mock.calls.length;
    expect(pointArcs).toBe(2);
    for (let i = 0; i < 5; i++) {
      renderer.setGrid(grid(0.1 * i));
      frames.step();
    }
    expect(arcs).toHaveBeenCalledTimes(pointArcs);
    expect(puts).toHaveBeenCalledTimes(6);
    renderer.setPoints(train, null, true);
    frames.step();
    expect(arcs).toHaveBeenCalledTimes(2 * pointArcs);
  });

  it('draws test points only when asked to', () => {
    const renderer = new PlaneRenderer(() => {}, frames);
    renderer.attach(canvas);
    const test = { points: new Float32Array([0.5, 0.5, -0.5, 0.5, 0, -1]), labels: new Uint8Array([0, 1, 0]) };
    renderer.setPoints(train, test, false);
    frames.step();
    expect(arcs).toHaveBeenCalledTimes(2);
    renderer.setPoints(train, test, true);
    frames.step();
    expect(arcs).toHaveBeenCalledTimes(2 + 5);
  });

  it('redraws regression points only when the value scale moves', () => {
    const renderer = new PlaneRenderer(() => {}, frames);
    renderer.attach(canvas);
    const points = { points: new Float32Array([0, 0, 1, 1]), values: new Float32Array([0.5, 2]) };
    renderer.setPoints(points, null, true);
    const values = new Float32Array(16).map((_, i) => i);
    renderer.setGrid({ kind: 'regression', resolution: 4, values, range: { min: 0, max: 4 } });
    frames.step();
    renderer.setGrid({ kind: 'regression', resolution: 4, values: values.map((v) => v / 2), range: { min: 0, max: 4 } });
    frames.step();
    expect(arcs).toHaveBeenCalledTimes(2);
    renderer.setGrid({ kind: 'regression', resolution: 4, values, range: { min: 0, max: 8 } });
    frames.step();
    expect(arcs).toHaveBeenCalledTimes(4);
  });

  it('reports the legend of a regression grid once per change', () => {
    const onLegend = vi.fn();
    const renderer = new PlaneRenderer(onLegend, frames);
    renderer.attach(canvas);
    const values = new Float32Array(16).map((_, i) => i);
    renderer.setGrid({ kind: 'regression', resolution: 4, values });
    frames.step();
    renderer.setGrid({ kind: 'regression', resolution: 4, values });
    frames.step();
    expect(onLegend).toHaveBeenCalledTimes(1);
    expect(onLegend).toHaveBeenLastCalledWith({ min: 0, max: 15 });
    renderer.setGrid(grid(0.5));
    frames.step();
    expect(onLegend).toHaveBeenLastCalledWith(null);
  });

  it('reads the colours again when the page theme changes', async () => {
    const renderer = new PlaneRenderer(() => {}, frames);
    renderer.attach(canvas);
    renderer.setGrid(grid(0.9));
    frames.step();
    expect(puts).toHaveBeenCalledTimes(1);
    document.documentElement.setAttribute('data-theme', 'dark');
    await Promise.resolve(); // MutationObserver callbacks are microtasks
    frames.step();
    expect(puts).toHaveBeenCalledTimes(2);
    document.documentElement.removeAttribute('data-theme');
  });

  it('sizes the canvas for the device pixel ratio and stops drawing once detached', () => {
    vi.stubGlobal('devicePixelRatio', 2);
    vi.spyOn(canvas, 'getBoundingClientRect').mockReturnValue({ width: 250 } as DOMRect);
    const renderer = new PlaneRenderer(() => {}, frames);
    const detach = renderer.attach(canvas);
    expect(canvas.width).toBe(500);
    expect(canvas.height).toBe(500);
    // The plane is square: so must the plot be, inside the axes' margins.
    expect(renderer.area.width).toBe(renderer.area.height);
    detach();
    renderer.setGrid(grid(0.3));
    expect(frames.pending).toBeNull();
    vi.unstubAllGlobals();
  });
});
