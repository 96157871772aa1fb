import { BatchBuffer, type ForwardOptions, type Layer, type Param, type Shape } from './layer';
import { poolGeometry, type PoolGeometry, type PoolOptions } from './poolGeometry';

/**
 * Max pooling, channels last: x `[batch, inH, inW, C]` → y `[batch, outH, outW, C]`.
 * Forward records, for every output, the flat input index of its maximum; backward
 * routes each gradient to that one input. Padding ('same') never wins the max.
 */
export class MaxPooling2D implements Layer {
  readonly type = 'MaxPooling2D';
  readonly params: readonly Param[] = [];
  readonly outputShape: Shape;
  readonly geometry: PoolGeometry;
  needsInputGrad = true;
  private readonly out: BatchBuffer;
  private readonly dIn: BatchBuffer;
  private readonly inSize: number;
  private argmax = new Int32Array(0);
  private batch = 0;

  constructor(readonly inputShape: Shape, opts: PoolOptions) {
    this.geometry = poolGeometry(inputShape, opts);
    const g = this.geometry;
    this.outputShape = [g.outH, g.outW, g.channels];
    this.inSize = g.inH * g.inW * g.channels;
    this.out = new BatchBuffer(g.outH * g.outW * g.channels);
    this.dIn = new BatchBuffer(this.inSize);
  }

  forward(x: Float32Array, batch: number, _opts: ForwardOptions): Float32Array {
    const { inH, inW, channels: C, ph, pw, sh, sw, padTop, padLeft, outH, outW } = this.geometry;
    this.batch = batch;
    const y = this.out.get(batch);
    if (this.argmax.length < y.length) this.argmax = new Int32Array(y.length);
    const argmax = this.argmax;
    let o = 0;
    for (let b = 0; b < batch; b++) {
      const xb = b * this.inSize;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = Math.max(oy * sh - padTop, 0), y1 = Math.min(oy * sh - padTop + ph, inH);
        for (let ox = 0; ox < outW; ox++) {
          const x0 = Math.max(ox * sw - padLeft, 0), x1 = Math.min(ox * sw - padLeft + pw, inW);
          for (let c = 0; c < C; c++, o++) {
            let best = -Infinity, bestAt = xb + (y0 * inW + x0) * C + c;
            for (let iy = y0; iy < y1; iy++) {
              for (let ix = x0, i = xb + (iy * inW + x0) * C + c; ix < x1; ix++, i += C) {
                const v = x[i]!;
                if (v > best) {
                  best = v;
                  bestAt = i;
                }
              }
            }
            y[o] = best;
            argmax[o] = bestAt;
          }
        }
      }
    }
    return y;
  }

  backward(dOut: Float32Array): Float32Array {
    const dx = this.dIn.get(this.batch);
    dx.fill(0);
    const n = dOut.length, argmax = this.argmax;
    for (let o = 0; o < n; o++) dx[argmax[o]!] += dOut[o]!;
    return dx;
  }
}
