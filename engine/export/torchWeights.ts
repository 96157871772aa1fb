/**
 * A trained network's weights in PyTorch's layouts, named as the generated script's
 * nn.Sequential state_dict names them (`3.weight`), ready to be written as .npy files.
 *
 *   Dense kernel   [in, out]           → Linear weight [out, in] (transposed)
 *   Conv2D kernel  [kh, kw, in, out]   → Conv2d weight [out, in, kh, kw]
 *   gamma, beta, moving_mean, moving_variance → weight, bias, running_mean, running_var
 *
 * Images are channels last here and channels first in PyTorch, so a feature map flattened
 * to a vector lists its values in another order: ours (h·W + w)·C + c, PyTorch's
 * c·H·W + h·W + w. Every per-feature tensor after such a flatten (the next Dense's kernel
 * rows, a BatchNormalization's vectors on the way) is permuted to PyTorch's order.
 */
import type { Network } from '../model/network';
import type { Param, StateTensor } from '../layers/layer';

export interface TorchTensor {
  /** The state_dict key: `<module index>.<name>`. */
  readonly key: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

const TORCH_NAME: Readonly<Record<(Param | StateTensor)['name'], string>> = {
  kernel: 'weight', bias: 'bias', gamma: 'weight', beta: 'bias', moving_mean: 'running_mean', moving_variance: 'running_var',
};

/** For each PyTorch flat index, the index of the same value in our channels-last flatten of [H, W, C]. */
export function channelsFirstOrder(h: number, w: number, c: number): Int32Array {
  const order = new Int32Array(h * w * c);
  for (let ci = 0; ci < c; ci++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) order[(ci * h + y) * w + x] = (y * w + x) * c + ci;
  return order;
}

/**
 * The tensors of every layer; `weightedModule[i]` is the Sequential index of the module
 * holding layer i's weights (from the script's layout of modules).
 */
export function torchTensors(net: Network, weightedModule: readonly number[]): TorchTensor[] {
  const out: TorchTensor[] = [];
  let order: Int32Array | null = null;
  net.layers.forEach((layer, i) => {
    const inRank = layer.inputShape.length, outRank = layer.outputShape.length;
    for (const t of [...layer.params, ...layer.state]) {
      out.push({ key: `${weightedModule[i]}.${TORCH_NAME[t.name]}`, ...toTorch(t, order) });
    }
    if (layer.params.some((p) => p.name === 'kernel')) order = null; // the next layer sees this one's own outputs
    if (inRank === 3 && outRank === 1) order = channelsFirstOrder(layer.inputShape[0]!, layer.inputShape[1]!, layer.inputShape[2]!);
    else if (outRank !== 1) order = null;
  });
  return out;
}

function toTorch(t: Param | StateTensor, order: Int32Array | null): { shape: number[]; values: Float32Array } {
  const v = t.value, s = t.shape;
  if (s.length === 2) {
    const [rows, cols] = [s[0]!, s[1]!];
    const w = new Float32Array(v.length);
    // weight[o][k] = kernel[order[k]][o]
    for (let o = 0; o < cols; o++) for (let k = 0; k < rows; k++) w[o * rows + k] = v[(order ? order[k]! : k) * cols + o]!;
    return { shape: [cols, rows], values: w };
  }
  if (s.length === 4) {
    const [kh, kw, cin, cout] = [s[0]!, s[1]!, s[2]!, s[3]!];
    const w = new Float32Array(v.length);
    for (let o = 0; o < cout; o++) for (let c = 0; c < cin; c++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) {
      w[((o * cin + c) * kh + y) * kw + x] = v[((y * kw + x) * cin + c) * cout + o]!;
    }
    return { shape: [cout, cin, kh, kw], values: w };
  }
  // A per-feature vector (BatchNormalization's) of a flattened map: its features change places; a bias follows its own layer's outputs.
  if (order && t.name !== 'bias') return { shape: [...s], values: Float32Array.from(order, (k) => v[k]!) };
  return { shape: [...s], values: Float32Array.from(v) };
}
