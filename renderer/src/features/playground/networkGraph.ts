/**
 * Layout of a small dense network as a graph: one column of nodes per layer (inputs x₁ x₂,
 * hidden units h₁…, outputs ŷ), one edge per weight. An edge's colour says the weight's
 * sign and its width |w| relative to the largest |w| of the same layer — so each layer
 * shows which connections matter most, whatever the weights' overall scale.
 */
export interface DenseWeights {
  /** The layer's name (shown in titles). */
  name: string;
  units: number;
  /** [in, out] row-major: kernel[i * units + j] connects input i to unit j. */
  kernel: Float32Array;
  bias?: Float32Array | null;
}

export interface GraphNode {
  key: string;
  x: number;
  y: number;
  label: string;
  /** The unit's bias; null for inputs. */
  bias: number | null;
}

export interface GraphEdge {
  key: string;
  from: GraphNode;
  to: GraphNode;
  weight: number;
  /** Stroke width in SVG units. */
  width: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface LayoutOptions {
  width?: number;
  /** Largest layer drawn; a bigger one makes the graph a summary line instead. */
  maxUnits?: number;
  minStroke?: number;
  maxStroke?: number;
}

export const MAX_DRAWN_UNITS = 8;
const ROW = 44;
const PAD = 26;

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
export function subscript(n: number): string {
  return [...String(n)].map((d) => SUBSCRIPTS[Number(d)]).join('');
}

/** "2 → 4 → 1": the number of units per layer, inputs first. */
export function layerSizes(inputs: number, layers: readonly DenseWeights[]): string {
  return [inputs, ...layers.map((l) => l.units)].join(' → ');
}

function labelOf(column: number, columns: number, index: number, size: number): string {
  if (column === 0) return `x${subscript(index + 1)}`;
  if (column === columns - 1) return size === 1 ? 'ŷ' : `ŷ${subscript(index + 1)}`;
  return `h${subscript(index + 1)}`;
}

/** The graph, or null when a layer has more units than can be drawn legibly. */
export function layoutNetwork(inputs: number, layers: readonly DenseWeights[], options: LayoutOptions = {}): GraphLayout | null {
  const maxUnits = options.maxUnits ?? MAX_DRAWN_UNITS;
  const sizes = [inputs, ...layers.map((l) => l.units)];
  if (sizes.some((n) => n > maxUnits || n < 1)) return null;
  const width = options.width ?? 360;
  const minStroke = options.minStroke ?? 0.5;
  const maxStroke = options.maxStroke ?? 6;
  const tallest = Math.max(...sizes);
  const height = PAD * 2 + (tallest - 1) * ROW;
  const step = sizes.length > 1 ? (width - 2 * PAD) / (sizes.length - 1) : 0;

  const columns: GraphNode[][] = sizes.map((size, c) => {
    const top = (height - (size - 1) * ROW) / 2;
    return Array.from({ length: size }, (_, i) => ({
      key: `${c}:${i}`,
      x: PAD + c * step,
      y: top + i * ROW,
      label: labelOf(c, sizes.length, i, size),
      bias: c === 0 ? null : (layers[c - 1]!.bias?.[i] ?? null),
    }));
  });

  const edges: GraphEdge[] = [];
  layers.forEach((layer, l) => {
    const from = columns[l]!;
    const to = columns[l + 1]!;
    let largest = 0;
    for (let k = 0; k < from.length * to.length; k++) largest = Math.max(largest, Math.abs(layer.kernel[k] ?? 0));
    for (let i = 0; i < from.length; i++) {
      for (let j = 0; j < to.length; j++) {
        const weight = layer.kernel[i * to.length + j] ?? 0;
        const share = largest > 0 ? Math.abs(weight) / largest : 0;
        edges.push({ key: `${l}:${i}:${j}`, from: from[i]!, to: to[j]!, weight, width: minStroke + (maxStroke - minStroke) * share });
      }
    }
  });
  return { width, height, nodes: columns.flat(), edges };
}
