import { windowAxis, type Padding } from './padding';
import type { Shape } from './layer';

export interface PoolOptions {
  poolSize: readonly [number, number];
  strides: readonly [number, number];
  padding: Padding;
}

/** Window geometry shared by max and average pooling (per channel, channels last). */
export interface PoolGeometry {
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly ph: number;
  readonly pw: number;
  readonly sh: number;
  readonly sw: number;
  readonly padTop: number;
  readonly padLeft: number;
  readonly outH: number;
  readonly outW: number;
}

export function poolGeometry(inputShape: Shape, opts: PoolOptions): PoolGeometry {
  const [inH, inW, channels] = inputShape as [number, number, number];
  const [ph, pw] = opts.poolSize;
  const [sh, sw] = opts.strides;
  const rows = windowAxis(inH, ph, sh, opts.padding);
  const cols = windowAxis(inW, pw, sw, opts.padding);
  return {
    inH, inW, channels, ph, pw, sh, sw,
    padTop: rows.padBefore, padLeft: cols.padBefore, outH: rows.out, outW: cols.out,
  };
}
