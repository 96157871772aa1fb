/** Each loss and its gradient in the course's notation (ŷ the prediction, y the target; documents 002 and 004), as TeX. */
import type { LossName } from '$engine';

export interface LossTex {
  readonly loss: string;
  readonly gradient: string;
  /** The gradient on the score z before the sigmoid or softmax, which the engine computes for the cross-entropies. */
  readonly logit: string | null;
}

const D_YHAT = '\\frac{\\partial L}{\\partial \\hat{y}}';

export function lossTex(name: LossName): LossTex {
  switch (name) {
    case 'mean_absolute_error':
      return { loss: 'L = |\\hat{y} - y|', gradient: `${D_YHAT} = \\operatorname{sign}(\\hat{y} - y)`, logit: null };
    case 'mean_squared_error':
      return { loss: 'L = (\\hat{y} - y)^2', gradient: `${D_YHAT} = 2\\,(\\hat{y} - y)`, logit: null };
    case 'binary_crossentropy':
      return {
        loss: 'L = -y \\log(\\hat{y}) - (1 - y) \\log(1 - \\hat{y})',
        gradient: `${D_YHAT} = \\frac{\\hat{y} - y}{\\hat{y}\\,(1 - \\hat{y})}`,
        logit: '\\frac{\\partial L}{\\partial z} = \\hat{y} - y \\quad (\\hat{y} = \\sigma(z))',
      };
    case 'categorical_crossentropy':
      return {
        loss: 'L = -\\sum_i y_i \\log(\\hat{y}_i)',
        gradient: `\\frac{\\partial L}{\\partial \\hat{y}_c} = -\\frac{1}{\\hat{y}_c}`,
        logit: '\\frac{\\partial L}{\\partial z_i} = \\hat{y}_i - y_i \\quad (\\hat{y} = \\mathrm{softmax}(z))',
      };
  }
}
