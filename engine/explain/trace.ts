/**
 * What one training step looks like from inside, for the backpropagation stepper and the
 * `layerwise explain` command: the sample, every layer's forward values (z before its
 * activation, a after it), every backward value (the local derivative f′(z), the upstream
 * gradient δ at the layer's output, before its activation and at its input, ∂L/∂ each
 * parameter tensor), then the update and the loss after it. Plain JSON (numbers and
 * arrays), so it crosses the process boundary and prints as is.
 *
 * Notation (course document 004): X the input, z = W·x + b, a = f(z) (A_i for a hidden
 * unit), ŷ the output, y the target, δ = ∂L/∂(·), α the learning rate.
 *
 * Layouts are the model file's (Keras's): a tensor is its row-major values with its shape,
 * per sample (no batch dimension); Dense kernel `[in, out]` (weight w_{i,j} from input i to
 * unit j at `i·out + j`), Conv2D kernel `[kh, kw, inChannels, filters]`, feature maps
 * `[height, width, channels]`.
 */
import type { LossName } from '../losses';
import type { OptimizerSpec } from '../optimizers';

/** A tensor of the trace. Large tensors (see `ExplainOptions.maxValues`) carry only their summary. */
export interface TraceTensor {
  shape: number[];
  /** Every value, row-major in `shape`; null when the tensor is larger than the trace's cap. */
  values: number[] | null;
  summary: TensorSummary;
  /**
   * For an image-shaped tensor (`[height, width, channels]`) too large to send whole: the
   * first channels' maps (`maps[c]` is channel c, `height·width` values row-major), as many
   * as fit in the cap. Absent otherwise.
   */
  maps?: number[][];
}

export interface TensorSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Euclidean norm √Σv². */
  norm: number;
}

/** One parameter tensor: its value before the step, ∂L/∂ it, and its value after the update. */
export interface ParamTrace {
  /** `kernel`, `bias`, `gamma` or `beta`, as the layer names it. */
  name: string;
  /** Its name in the model file: `dense_1/kernel`. */
  weightName: string;
  value: TraceTensor;
  /** ∂L/∂(this tensor), same layout as `value`. */
  gradient: TraceTensor;
  /** The value after the optimizer's step (computed on a copy unless the step was applied). */
  updated: TraceTensor;
}

/**
 * One spec layer (as the model file names it). A Dense or Conv2D with an `activation`
 * option shows z and a separately even where the engine fuses the two.
 */
export interface LayerTrace {
  /** Model-file name: `dense_1`, `dense_2`, `conv2d_1`… */
  name: string;
  /** Spec type: `Dense`, `Conv2D`, `Activation`, `MaxPooling2D`… */
  type: string;
  /** The element-wise function this layer applies last (Dense/Conv2D option or an activation layer); null if none. */
  activation: string | null;
  inputShape: number[];
  outputShape: number[];
  params: ParamTrace[];
  /** Pre-activation z (the layer's value before `activation`); null when the layer has no activation. */
  z: TraceTensor | null;
  /** The layer's output a = f(z) (for the last layer, ŷ). */
  a: TraceTensor;
  /**
   * f′(z) element-wise (σ′ = σ(1−σ), tanh′ = 1 − tanh², ReLU′ ∈ {0, 1}); null where there is
   * no activation, or where it is softmax (its Jacobian is not element-wise: see `fusedWithLoss`).
   */
  localDerivative: TraceTensor | null;
  /**
   * Set on the last layer when the loss absorbs its activation (softmax + cross-entropy,
   * sigmoid + binary cross-entropy): δz is then (ŷ − y) (divided by the output width for BCE), straight from the loss.
   */
  fusedWithLoss: boolean;
  /** δ at the output: ∂L/∂a. */
  deltaOutput: TraceTensor;
  /** δ before the activation: ∂L/∂z = f′(z) ⊙ ∂L/∂a; null when the layer has no activation. */
  deltaZ: TraceTensor | null;
  /** δ at the input: ∂L/∂(the layer's input), the previous layer's `deltaOutput` (summed over every path). */
  deltaInput: TraceTensor;
  /**
   * Dense layers only: δ at the input split by path (document 002's chain rule along several
   * paths), `[in, units]` like the kernel: term (i, j) = W_ij · δz_j, what input i receives
   * through unit j. Each row sums to `deltaInput[i]`. Absent for other layers.
   */
  deltaInputPaths?: TraceTensor;
  /**
   * The unit the caller chose in this layer (`ExplainOptions.focus`): each parameter tensor
   * cut at that index of its last axis (a Dense unit's incoming weights `[in]` and its bias
   * `[1]`; a Conv2D filter `[kh, kw, in]`), value, gradient and update, even where the whole
   * tensor is over the cap. Absent when no unit was chosen.
   */
  focus?: { unit: number; params: ParamTrace[] };
}

/** Which update the numbers of `ParamTrace.updated` come from. */
export interface UpdateTrace {
  /** `{ type: 'sgd' }` (momentum 0) is the course's w ← w − α·∂L/∂w. */
  optimizer: OptimizerSpec;
  learningRate: number;
  /** Whether the network given to `explainStep` now holds the updated weights. */
  applied: boolean;
  /** The loss on the same sample with the updated weights. */
  lossAfter: number;
}

export interface StepTrace {
  /** The sample X, in the network's input shape. */
  input: TraceTensor;
  /** The target y as the loss sees it (one-hot for classes, 0/1 for one sigmoid unit, values for regression). */
  target: number[];
  /** The network's output ŷ (after its final activation). */
  output: number[];
  loss: { name: LossName; value: number };
  /** ∂L/∂ŷ, the first step backward (the last layer's `deltaOutput` values). */
  lossGradient: number[];
  layers: LayerTrace[];
  update: UpdateTrace;
  /** Whether some tensor was cut to its summary by the cap. */
  truncated: boolean;
}
