/**
 * The training settings in PyTorch: the loss, the optimizer (with our weight decay on
 * kernels only) and the learning-rate schedule, as Python text for pytorchScript.ts.
 */
import type { LossName } from '../losses/loss';
import type { TrainConfig } from '../train/config';
import { py } from './python';

type Head = 'classification' | 'binary' | 'regression' | 'reconstruction';

/** `loss_fn(outputs, target)`: the mean over the batch, on the network's outputs (probabilities after a softmax or sigmoid). */
export function lossPy(config: TrainConfig, head: Head): string {
  const loss: LossName = config.loss ?? (head === 'classification' ? 'categorical_crossentropy' : head === 'binary' ? 'binary_crossentropy' : 'mean_squared_error');
  const body: Record<LossName, string> = {
    categorical_crossentropy: 'return nn.functional.nll_loss(torch.log(outputs.clamp_min(1e-7)), target)',
    binary_crossentropy: head === 'binary'
      ? 'return nn.functional.binary_cross_entropy(outputs.reshape(-1).clamp(1e-7, 1 - 1e-7), target.float())'
      : 'return nn.functional.binary_cross_entropy(outputs.clamp(1e-7, 1 - 1e-7), target.reshape(outputs.shape))',
    mean_squared_error: 'return nn.functional.mse_loss(outputs, target.reshape(outputs.shape).float())',
    mean_absolute_error: 'return nn.functional.l1_loss(outputs, target.reshape(outputs.shape).float())',
  };
  const why = loss === 'categorical_crossentropy'
    ? '\n\n    Layerwise computes it from the scores before the softmax (log-sum-exp); the model here\n    outputs probabilities, so log(p) is clipped at 1e-7 as Keras does.'
    : '';
  return `def loss_fn(outputs, target):
    """${loss}, averaged over the batch.${why}"""
    ${body[loss]}
`;
}

/** Builds `optimizer`; λ goes to the kernels only (dim > 1), as Layerwise never decays biases. */
export function optimizerPy(config: TrainConfig): string {
  const o = config.optimizer;
  const decay = o.weight_decay ?? 0;
  const groups = decay > 0
    ? `[{"params": [p for p in model.parameters() if p.dim() > 1], "weight_decay": ${py(decay)}},\n              {"params": [p for p in model.parameters() if p.dim() <= 1], "weight_decay": 0.0}]`
    : 'model.parameters()';
  if (o.type === 'adam') {
    return `    # Layerwise's Adam is Keras's: w -= lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + 1e-7), the bias correction
    # folded into the step size and epsilon added to the uncorrected √v. PyTorch's, with eps=1e-7,
    # adds epsilon to the corrected √v̂: the same steps but for that tiny term.
    # Its weight decay, like Layerwise's, is L2 added to the gradient (not AdamW's).
    optimizer = torch.optim.Adam(${groups}, lr=LEARNING_RATE, betas=(${py(o.beta_1 ?? 0.9)}, ${py(o.beta_2 ?? 0.999)}), eps=${py(o.epsilon ?? 1e-7)})`;
  }
  const momentum = o.momentum ?? 0;
  return `    # PyTorch's momentum buffer v = μv + g, w -= lr·v is Keras's v = μv − lr·g, w += v at a constant learning rate.
    optimizer = torch.optim.SGD(${groups}, lr=LEARNING_RATE${momentum > 0 ? `, momentum=${py(momentum)}` : ''}${o.nesterov ? ', nesterov=True' : ''})`;
}

/** `per_batch` / `per_epoch`: the scheduler stepped after each batch or each epoch (None when constant). */
export function schedulePy(config: TrainConfig): string {
  const s = config.schedule ?? { type: 'constant' as const };
  switch (s.type) {
    case 'constant':
      return '    per_batch, per_epoch = None, None  # a constant learning rate';
    case 'step':
      return `    # lr · ${py(s.factor)}^⌊epoch / ${s.every}⌋
    per_batch, per_epoch = None, torch.optim.lr_scheduler.StepLR(optimizer, step_size=${s.every}, gamma=${py(s.factor)})`;
    case 'exponential':
      return `    # lr · ${py(s.rate)}^(step / ${py(s.decay_steps)}), smooth, after every batch
    per_batch = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: ${py(s.rate)} ** (step / ${py(s.decay_steps)}))
    per_epoch = None`;
  }
}
