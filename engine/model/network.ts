import { createKernels, type KernelChoice } from '../core/backend';
import type { Kernels } from '../core/kernels';
import type { Rng } from '../core/rng';
import { ActivationLayer } from '../layers/activation';
import { sizeOf, type Layer, type Param, type Shape, type StateTensor } from '../layers/layer';
import { assertValidNetwork, layerNames, type AnalyzeOptions, type NetworkAnalysis } from './analyze';
import { fuseRelus } from './fusion';
import { layerKind } from './registry';
import type { LayerSpec, NetworkSpec } from './spec';

/** A spec layer after building: its ops (one, or two with an activation option) and weights. */
/** Ops that only relabel the shape: values and gradients pass through them unchanged. */
const MOVES_NO_VALUE = new Set(['Reshape', 'Flatten']);

export interface BuiltLayer {
  readonly spec: LayerSpec;
  readonly name: string;
  readonly ops: readonly Layer[];
  readonly params: readonly Param[];
  /** Non-trainable state (moving statistics), stored after `params` in the model file. */
  readonly state: readonly StateTensor[];
  readonly inputShape: Shape;
  readonly outputShape: Shape;
}

export interface NetworkOptions extends AnalyzeOptions {
  /**
   * The kernels the network runs on: 'auto' (default: WebAssembly SIMD where supported,
   * else scalar TypeScript), 'js', 'wasm', or a backend. Parameters and buffers are
   * allocated by it (Float32Array views into WebAssembly memory for 'wasm').
   */
  kernels?: KernelChoice | Kernels;
}

export interface NetworkForwardOptions {
  training: boolean;
  /**
   * Stop before a final softmax/sigmoid op and return its input (the logits), so the
   * loss can fuse it (stable log-sum-exp, gradient p − t).
   */
  logits?: boolean;
  /**
   * Called with each spec layer's output as soon as forward has computed it (a view valid
   * until the next forward), for the inside-the-network statistics. `activated` is false
   * when the layer's activation was left to a fused loss (its output is then the logits).
   * `preActivation`: the input of the layer's own activation op (z), when it has one.
   */
  observe?: (layerIndex: number, output: Float32Array, batch: number, activated: boolean, preActivation: Float32Array | null) => void;
}

/**
 * A sequential network built from a spec: a flat list of ops run in order. Forward keeps
 * what backward needs; backward runs from wherever forward stopped and adds into every
 * parameter's gradient.
 */
export class Network {
  readonly layers: readonly BuiltLayer[];
  readonly ops: readonly Layer[];
  readonly params: readonly Param[];
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly analysis: NetworkAnalysis;
  /** The kernels every op runs on; buffers meant for the network (inputs, targets) come from it too. */
  readonly kernels: Kernels;
  /** Index one past the last op the latest forward ran. */
  private forwardEnd = 0;
  /** The final activation the latest forward skipped for a fused loss, or -1. */
  private skippedOp = -1;
  /** For each op, the spec layer it belongs to, and whether it is that layer's last op. */
  private readonly opLayer: Int32Array;
  private readonly endsLayer: Uint8Array;

  private constructor(readonly spec: NetworkSpec, analysis: NetworkAnalysis, rng: Rng, kernels: Kernels) {
    this.analysis = analysis;
    this.kernels = kernels;
    const names = layerNames(spec.layers);
    let shape: Shape = [...spec.input_shape];
    this.inputShape = shape;
    this.layers = spec.layers.map((layerSpec, i) => {
      const ops = layerKind(layerSpec.type).build(layerSpec, shape, rng, kernels);
      const built: BuiltLayer = {
        spec: layerSpec, name: names[i]!, ops, params: ops.flatMap((op) => op.params), state: ops.flatMap((op) => op.state ?? []),
        inputShape: shape, outputShape: ops[ops.length - 1]!.outputShape,
      };
      shape = built.outputShape;
      return built;
    });
    this.ops = this.layers.flatMap((l) => l.ops);
    this.opLayer = Int32Array.from(this.layers.flatMap((l, i) => l.ops.map(() => i)));
    this.endsLayer = Uint8Array.from(this.layers.flatMap((l) => l.ops.map((_, k) => (k === l.ops.length - 1 ? 1 : 0))));
    this.params = this.layers.flatMap((l) => l.params);
    this.outputShape = shape;
    this.inputSize = sizeOf(this.inputShape);
    this.outputSize = sizeOf(this.outputShape);
    // Nothing upstream of the first op wants its input gradient.
    if (this.ops[0]) this.ops[0].needsInputGrad = false;
    fuseRelus(this.ops);
  }

  /** Validates the spec (throws SpecError naming the layer at fault) and builds it, weights drawn from `rng`. */
  static fromSpec(spec: NetworkSpec, rng: Rng, opts: NetworkOptions = {}): Network {
    const analysis = assertValidNetwork(spec, opts);
    return new Network(spec, analysis, rng, createKernels(opts.kernels ?? 'auto'));
  }

  /**
   * 'softmax' or 'sigmoid' when the network ends in that activation (a loss can fuse it),
   * else null. A sigmoid works value by value, so one followed only by Reshape or Flatten
   * (an autoencoder's `Dense 784 sigmoid → Reshape 28×28×1`) still ends the network.
   */
  get finalActivation(): 'softmax' | 'sigmoid' | null {
    const op = this.ops[this.fusableOp];
    return op instanceof ActivationLayer ? (op.fn.name as 'softmax' | 'sigmoid') : null;
  }

  /** Index of the op `finalActivation` names, or -1 (the op a `logits` forward skips). */
  get fusableOp(): number {
    const ops = this.ops;
    let i = ops.length - 1;
    while (i >= 0 && MOVES_NO_VALUE.has(ops[i]!.type)) i--;
    const op = ops[i];
    if (!(op instanceof ActivationLayer)) return -1;
    if (op.fn.name === 'sigmoid' || (op.fn.name === 'softmax' && i === ops.length - 1)) return i;
    return -1;
  }

  /** x `[batch, ...inputShape]` → `[batch, ...outputShape]` (or the logits, see options). */
  forward(x: Float32Array, batch: number, opts: NetworkForwardOptions): Float32Array {
    const skip = opts.logits ? this.fusableOp : -1;
    let h = x;
    const observe = opts.observe;
    if (observe) {
      const skippedLayer = skip >= 0 ? this.opLayer[skip]! : -1;
      for (let i = 0; i < this.ops.length; i++) {
        const input = h, op = this.ops[i]!;
        if (i !== skip) h = op.forward(h, batch, opts);
        if (this.endsLayer[i] !== 1) continue;
        // A layer ending in its own activation op shows what went into it (z); one fused or left to the loss does not.
        const pre = op instanceof ActivationLayer && !op.inputActivated && i !== skip && i > 0 && this.opLayer[i - 1] === this.opLayer[i] ? input : null;
        observe(this.opLayer[i]!, h, batch, this.opLayer[i] !== skippedLayer, pre);
      }
    } else {
      for (let i = 0; i < this.ops.length; i++) if (i !== skip) h = this.ops[i]!.forward(h, batch, opts);
    }
    this.forwardEnd = this.ops.length;
    this.skippedOp = skip;
    return h;
  }

  /**
   * Inference up to and including spec layer `layerIndex`: its output `[batch, …its shape]`
   * (a view the layer owns, valid until the next forward). The codes of an autoencoder, the
   * activations of any hidden layer. Backward is not meant to follow.
   */
  forwardTo(x: Float32Array, batch: number, layerIndex: number): Float32Array {
    return this.forwardRange(x, batch, 0, layerIndex);
  }

  /**
   * Inference from spec layer `layerIndex` to the end, `x` being that layer's input (the
   * previous layer's output): an autoencoder's decoder fed codes of its own choosing.
   */
  forwardFrom(x: Float32Array, batch: number, layerIndex: number): Float32Array {
    return this.forwardRange(x, batch, layerIndex, this.layers.length - 1);
  }

  private forwardRange(x: Float32Array, batch: number, first: number, last: number): Float32Array {
    const ok = (i: number) => Number.isInteger(i) && i >= 0 && i < this.layers.length;
    if (!ok(first) || !ok(last) || first > last) throw new RangeError(`layers ${first} to ${last} of ${this.layers.length}`);
    let h = x;
    for (let i = first; i <= last; i++) for (const op of this.layers[i]!.ops) h = op.forward(h, batch, { training: false });
    this.forwardEnd = 0;
    this.skippedOp = -1;
    return h;
  }

  /**
   * dOut: gradient of the loss with respect to what forward returned. Returns the input
   * gradient, which is only computed if the first op's `needsInputGrad` is set.
   */
  backward(dOut: Float32Array, opts: { freshGrads?: boolean } = {}): Float32Array {
    // An op needs its input gradient only if something upstream uses it: an op with
    // parameters, or the caller (through the first op's flag). The first Dense after a
    // Flatten thus skips its largest product.
    const ops = this.ops;
    for (let i = 1; i < this.forwardEnd; i++) {
      ops[i]!.needsInputGrad = ops[i - 1]!.needsInputGrad || ops[i - 1]!.params.length > 0;
    }
    const fresh = opts.freshGrads === true;
    // Fresh gradients (the first pass of a batch, nothing zeroed): the layers that can write
    // theirs do; every other parameter's gradient is zeroed here, just before it is added to.
    if (fresh) for (let i = this.forwardEnd; i < ops.length; i++) zeroGradsOf(ops[i]!);
    let g = dOut;
    for (let i = this.forwardEnd - 1; i >= 0; i--) {
      if (i === this.skippedOp) continue;
      const op = ops[i]!;
      if (fresh && !op.writesFreshGrads) zeroGradsOf(op);
      g = op.backward(g, fresh && op.writesFreshGrads === true);
    }
    return g;
  }

  /**
   * Forward in inference mode, returning each spec layer's output (for feature-map and
   * activation views). The arrays are copies, safe to keep.
   */
  forwardLayers(x: Float32Array, batch: number): Float32Array[] {
    const outs: Float32Array[] = [];
    let h = x;
    for (const layer of this.layers) {
      for (const op of layer.ops) h = op.forward(h, batch, { training: false });
      outs.push(h.slice());
    }
    this.forwardEnd = this.ops.length;
    this.skippedOp = -1;
    return outs;
  }

  zeroGrads(): void {
    for (const p of this.params) p.grad.fill(0);
  }

  /** Every weight, the moving statistics included: the analysis's `totalParams`, Keras's "Total params". */
  get paramCount(): number {
    return this.layers.reduce((n, l) => n + [...l.params, ...l.state].reduce((m, w) => m + w.value.length, 0), 0);
  }

  /** Each layer's weights in the model file's (Keras's) order: its parameters, then its state. */
  get weights(): readonly (Param | StateTensor)[] {
    return this.layers.flatMap((l) => [...l.params, ...l.state]);
  }
}

function zeroGradsOf(op: Layer): void {
  for (const p of op.params) p.grad.fill(0);
}
