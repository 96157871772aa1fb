import { jsKernels, type Kernels } from '../core/kernels';
import { BatchBuffer, type ForwardOptions, type Layer, type Param, type Shape } from './layer';
import { poolGeometry, type PoolGeometry, type PoolOptions } from './poolGeometry';

/**
 * Average pooling, channels last: x `[batch, inH, inW, C]` → y `[batch, outH, outW, C]`.
 * With 'same' padding the mean is over the input cells the window covers (padding is not
 * counted), as in TensorFlow. Backward spreads each gradient evenly over its window cells.
 */
export class AveragePooling2D implements Layer {
  readonly type = 'AveragePooling2D';
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  readonly geometry: PoolGeometry;
  needsInputGrad = true;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private readonly inSize: number;
  private readonly outSize: number;
  private batch = 0;

  constructor(readonly inputShape: Shape, opts: PoolOptions, kernels: Kernels = jsKernels) {
    this.geometry = poolGeometry(inputShape, opts);
    const g = this.geometry;
    this.outputShape = [g.outH, g.outW, g.channels];
    this.inSize = g.inH * g.inW * g.channels;
    this.outSize = g.outH * g.outW * g.channels;
    this.out = new BatchBuffer(this.outSize, kernels);
    this.dIn = new BatchBuffer(this.inSize, kernels);
  }

  forward(x: Float32Array, batch: number, _opts: ForwardOptions): Float32Array {
    this.batch = batch;
    const y = this.out.get(batch);
    y.fill(0);
    this.eachWindow(batch, (xi, o, inv) => {
      y[o] += x[xi]! * inv;
    });
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    const dx = this.dIn.get(this.batch);
    dx.fill(0);
    this.eachWindow(this.batch, (xi, o, inv) => {
      dx[xi] += dOut[o]! * inv;
    });
    return dx;
  }

  /** Calls visit(inputIndex, outputIndex, 1 / windowCells) for every (input, output) pair. */
  private eachWindow(batch: number, visit: (xi: number, o: number, inv: number) => void): void {
    const { inH, inW, channels: C, ph, pw, sh, sw, padTop, padLeft, outH, outW } = this.geometry;
    for (let b = 0; b < batch; b++) {
      const xb = b * this.inSize, yb = b * this.outSize;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = Math.max(oy * sh - padTop, 0), y1 = Math.min(oy * sh - padTop + ph, inH);
        for (let ox = 0; ox < outW; ox++) {
          const x0 = Math.max(ox * sw - padLeft, 0), x1 = Math.min(ox * sw - padLeft + pw, inW);
          const inv = 1 / ((y1 - y0) * (x1 - x0));
          const ob = yb + (oy * outW + ox) * C;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const ib = xb + (iy * inW + ix) * C;
              for (let c = 0; c < C; c++) visit(ib + c, ob + c, inv);
            }
          }
        }
      }
    }
  }
}
