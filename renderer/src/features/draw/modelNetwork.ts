/**
 * Which network the drawing pad's model is: a one-line summary of its layers, and
 * whether the network in Build is still that one (it may have been edited since the
 * model was trained or opened, and the model does not follow).
 */
import type { NetworkSpec } from '$engine';
import { layerLabel } from '../builder/layerCatalog';

/** "Flatten → Dense 128 → Dense 10": each layer, with its size where it has one. */
export function describeNetwork(spec: NetworkSpec): string {
  return spec.layers
    .map((layer) => {
      const l = layer as { units?: unknown; filters?: unknown };
      const size = typeof l.units === 'number' ? l.units : typeof l.filters === 'number' ? l.filters : null;
      return size === null ? layerLabel(layer) : `${layerLabel(layer)} ${size}`;
    })
    .join(' → ');
}

/** Same input and layers, setting by setting (key order aside). */
export function sameNetwork(a: NetworkSpec, b: NetworkSpec): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );
}
