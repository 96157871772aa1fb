/**
 * Which layer outputs the pad shows, and how: the feature maps of each convolution and
 * pooling layer (one small image per channel) and the hidden Dense layers (one cell per
 * neuron). A layer directly followed by activation layers is shown after them, under
 * its own name, since that is what the next layer receives.
 *
 * Images are painted one canvas pixel per value (CSS enlarges them, pixelated):
 * 0 → black, 1 → white, like the MNIST images and the usual feature-map plots.
 */
import type { LayerActivation } from '../../../../electron/ipc/contract';

export interface MapsView {
  kind: 'maps';
  name: string;
  type: string;
  shape: number[];
  height: number;
  width: number;
  channels: number;
  values: readonly number[];
}

export interface DenseView {
  kind: 'dense';
  name: string;
  type: string;
  shape: number[];
  units: number;
  values: readonly number[];
}

export type LayerView = MapsView | DenseView;

const MAP_TYPES = new Set(['Conv2D', 'MaxPooling2D', 'AveragePooling2D']);
/**
 * Layers whose values are shown in place of the layer before them: its activation, and
 * batch normalization between a convolution and its ReLU (Conv2D → BatchNormalization → ReLU),
 * so the maps show what the next layer receives.
 */
const ACTIVATION_TYPES = new Set(['Activation', 'ReLU', 'LeakyReLU', 'BatchNormalization']);

const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function layersToShow(layers: readonly LayerActivation[]): LayerView[] {
  let lastDense = -1;
  layers.forEach((l, i) => {
    if (l.type === 'Dense') lastDense = i;
  });
  const out: LayerView[] = [];
  layers.forEach((layer, i) => {
    const showMaps = MAP_TYPES.has(layer.type) && layer.shape.length === 3;
    const showDense = layer.type === 'Dense' && i !== lastDense && layer.shape.length === 1;
    if (!showMaps && !showDense) return;
    let values = layer.values;
    for (let j = i + 1; j < layers.length && ACTIVATION_TYPES.has(layers[j]!.type) && sameShape(layers[j]!.shape, layer.shape); j++) {
      values = layers[j]!.values;
    }
    if (showMaps) {
      const [height, width, channels] = layer.shape as [number, number, number];
      out.push({ kind: 'maps', name: layer.name, type: layer.type, shape: layer.shape, height, width, channels, values });
    } else {
      out.push({ kind: 'dense', name: layer.name, type: layer.type, shape: layer.shape, units: layer.shape[0]!, values });
    }
  });
  return out;
}

/**
 * Draws `values` (row by row, `width` × `height`, already in 0..1) into `canvas`; cells
 * past the end of `values` stay transparent (a last, partial row), null paints black.
 */
export function paintGrey(canvas: HTMLCanvasElement, values: ArrayLike<number> | null, width: number, height: number): void {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(width, height);
  const data = image.data;
  const count = values ? Math.min(values.length, width * height) : width * height;
  for (let i = 0; i < count; i++) {
    const v = values ? Math.round(255 * Math.min(1, Math.max(0, values[i]!))) : 0;
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** One channel of a channels-last [h, w, c] activation, scaled to 0..1 by its own min and max. */
export function channelOf(values: ArrayLike<number>, h: number, w: number, c: number, k: number): Float32Array {
  const out = new Float32Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = values[i * c + k] ?? 0;
  return normalise(out);
}

/** Rescaled in place to 0..1 by min and max (all zeros when flat). */
export function normalise(values: Float32Array): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  for (let i = 0; i < values.length; i++) values[i] = span > 0 ? (values[i]! - min) / span : 0;
  return values;
}
