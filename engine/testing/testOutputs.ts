/** Test helper: a network's outputs on a dataset's whole test set, `[count, width]`. */
import { gatherInputs, sizeOfShape, type Dataset } from '../data/dataset';
import type { Network } from '../model/network';

export function predictBatch(net: Network, d: Dataset): Float32Array {
  const per = sizeOfShape(d.inputShape), n = d.test.count, width = net.outputSize;
  const out = new Float32Array(n * width);
  const chunk = 500, x = new Float32Array(chunk * per);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let from = 0; from < n; from += chunk) {
    const b = Math.min(chunk, n - from);
    gatherInputs(d.test, per, all, from, b, x);
    out.set(net.forward(x.subarray(0, b * per), b, { training: false }).subarray(0, b * width), from * width);
  }
  return out;
}
