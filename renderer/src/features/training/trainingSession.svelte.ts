/**
 * The training run and the model predictions use. PLACEHOLDER interface — the training
 * work fills it in (events, history, results) but keeps these members.
 */
import type { ModelRef } from '../../../../electron/ipc/contract';

export class TrainingSession {
  /** The model the drawing pad predicts with: the last trained run, or a saved model. */
  modelRef = $state<ModelRef | null>(null);
  /** Name shown next to predictions ("just trained", or the saved model's name). */
  modelLabel = $state<string | null>(null);
  /** True once a run has completed in this window: the host then holds a model that 'Save model' can store. */
  hasCurrentModel = $state(false);
}
