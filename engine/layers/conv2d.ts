import { jsKernels, type Kernels } from '../core/kernels';
import type { ConvGeometry } from './im2col';
import { BatchBuffer, makeParam, type ForwardOptions, type Layer, type Param, type Shape } from './layer';
import { windowAxis, type Padding } from './padding';

export interface Conv2DOptions {
  filters: number;
  kernelSize: readonly [number, number];
  strides: readonly [number, number];
  padding: Padding;
  useBias: boolean;
}

/**
 * 2-D convolution, channels last, computed as im2col + one matrix product.
 *   x `[batch, inH, inW, C]`, kernel `[kh, kw, C, filters]`, bias `[filters]`,
 *   y `[batch, outH, outW, filters]`.
 * Backward: dKernel += colsᵀ · dy, dBias += Σ dy, dCols = dy · kernelᵀ then col2im
 * (skipped for the first layer, which needs no input gradient). A backend may do both
 * passes directly, without the im2col matrix (Kernels.convForward / convBackwardSparse).
 */
export class Conv2D implements Layer {
  readonly type = 'Conv2D';
  readonly outputShape: Shape;
  readonly params: readonly Param[];
  readonly kernel: Param;
  readonly bias: Param | null;
  readonly geometry: ConvGeometry;
  needsInputGrad = true;
  /** Apply max(·, 0) to the output: a ReLU op after this one is fused in (engine/model/fusion.ts). */
  fuseRelu = false;
  private readonly patch: number;
  private readonly positions: number;
  private readonly filters: number;
  private readonly cols: BatchBuffer;
  private readonly dCols: BatchBuffer;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private colsView: Float32Array = new Float32Array(0);
  /** Whether colsView holds im2col of the latest forward's input. */
  private colsReady = false;
  /** The latest forward's input `[batch, inH, inW, C]` (backward reads it). */
  private x: Float32Array = new Float32Array(0);
  private batch = 0;

  constructor(readonly inputShape: Shape, opts: Conv2DOptions, private readonly kernels: Kernels = jsKernels) {
    const [inH, inW, channels] = inputShape as [number, number, number];
    const [kh, kw] = opts.kernelSize;
    const [strideH, strideW] = opts.strides;
    const rows = windowAxis(inH, kh, strideH, opts.padding);
    const cols = windowAxis(inW, kw, strideW, opts.padding);
    this.geometry = {
      inH, inW, channels, kh, kw, strideH, strideW,
      padTop: rows.padBefore, padLeft: cols.padBefore, outH: rows.out, outW: cols.out,
    };
    this.filters = opts.filters;
    this.outputShape = [rows.out, cols.out, opts.filters];
    this.patch = kh * kw * channels;
    this.positions = rows.out * cols.out;
    this.kernel = makeParam('kernel', [kh, kw, channels, opts.filters], true, kernels);
    this.bias = opts.useBias ? makeParam('bias', [opts.filters], false, kernels) : null;
    this.params = this.bias ? [this.kernel, this.bias] : [this.kernel];
    this.cols = new BatchBuffer(this.positions * this.patch, kernels);
    this.dCols = new BatchBuffer(this.positions * this.patch, kernels);
    this.out = new BatchBuffer(this.positions * opts.filters, kernels);
    this.dIn = new BatchBuffer(inH * inW * channels, kernels);
  }

  forward(x: Float32Array, batch: number, _opts: ForwardOptions): Float32Array {
    this.batch = batch;
    this.x = x;
    const rows = batch * this.positions, F = this.filters, k = this.kernels;
    const y = this.out.get(batch);
    // A backend with a direct convolution needs no im2col matrix (unless backward asks for it).
    this.colsReady = !k.convForward?.(x, batch, this.geometry, this.kernel.value, this.bias?.value ?? null, F, y, this.fuseRelu);
    if (this.colsReady) {
      this.colsView = this.cols.get(batch);
      k.im2col(x, batch, this.geometry, this.colsView);
      k.gemm(this.colsView, this.kernel.value, y, rows, this.patch, F, false, this.bias?.value);
      if (this.fuseRelu) k.relu(y, y, rows * F);
    }
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    const rows = this.batch * this.positions, F = this.filters, k = this.kernels;
    const dx = this.dIn.get(this.batch);
    // After ReLU and max pooling dy is mostly zero: a backend may work from its non-zeros only
    // (and sum the bias gradient on the way).
    const done = k.convBackwardSparse?.(
      this.x, dOut, this.batch, this.geometry, this.kernel.value, F, this.kernel.grad, this.needsInputGrad ? dx : null,
      this.bias?.grad ?? null,
    );
    if (done) return dx;
    if (this.bias) k.biasGrad(dOut, this.bias.grad, rows, F);
    if (!this.colsReady) {
      this.colsView = this.cols.get(this.batch);
      k.im2col(this.x, this.batch, this.geometry, this.colsView);
      this.colsReady = true;
    }
    k.gemmTransA(this.colsView, dOut, this.kernel.grad, this.patch, rows, F, true);
    if (this.needsInputGrad) {
      const dCols = this.dCols.get(this.batch);
      k.gemmTransB(dOut, this.kernel.value, dCols, rows, F, this.patch);
      k.col2im(dCols, this.batch, this.geometry, dx);
    }
    return dx;
  }
}
