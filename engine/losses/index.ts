import { binaryCrossEntropy } from './binaryCrossEntropy';
import type { Loss, LossName } from './loss';
import { meanAbsoluteError } from './meanAbsoluteError';
import { meanSquaredError } from './meanSquaredError';
import { softmaxCrossEntropy } from './softmaxCrossEntropy';

export { isLossName, LOSSES, type Loss, type LossName } from './loss';

const BY_NAME: Record<LossName, Loss> = {
  categorical_crossentropy: softmaxCrossEntropy,
  mean_squared_error: meanSquaredError,
  binary_crossentropy: binaryCrossEntropy,
  mean_absolute_error: meanAbsoluteError,
};

export function lossByName(name: LossName): Loss {
  return BY_NAME[name];
}
