/**
 * For the e2e tests on points in the plane: the network and settings a student left in the
 * app's storage (`openApp({ stored })`), and reading the plane's heat map in the page to check
 * the regions move. The e2e tests compile without the DOM's types (they run in Node): the few
 * shapes used here.
 */

/** 2 → Dense 8 tanh → Dense 2 softmax, as the builder stores it (networkStorage.ts). */
export const PLANE_NETWORK = {
  version: 1,
  spec: { input_shape: [2], layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }] },
};

/** Quick settings for points, as the Train tab stores them (settingsStorage.ts): batch 16, Adam at 0.05. */
export const planeSettings = (epochs: number) => ({ version: 1, epochs, batchChoice: 16, learningRate: 0.05, optimizer: 'adam' });
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
interface CanvasPage {
  document: { querySelector(selector: string): Canvas | null };
}

/** Runs in the page (`page.evaluate(planePixels, selector)`): a plane canvas's RGBA pixels. */
export function planePixels(selector: string): number[] {
  const canvas = (globalThis as unknown as CanvasPage).document.querySelector(selector)!;
  return Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
}

/** Share of the pixels that differ between two RGBA pictures of the same size. */
export function changedShare(a: number[], b: number[]): number {
  let changed = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) changed++;
  return changed / (a.length / 4);
}
