/**
 * A problem with a network spec, found before anything runs. It names the layer at
 * fault (by position and name) and says how to fix it; where the fix is mechanical the
 * editor can offer it as one click (`fix`).
 */
import { msg, type Message } from '../messages';
import type { LayerSpec } from './spec';

export type SpecFix =
  | { kind: 'insertFlatten'; index: number }
  | { kind: 'appendOutput'; units: number }
  | { kind: 'setPadding'; index: number; padding: 'same' }
  | { kind: 'removeLayer'; index: number }
  /** On a ReLU or LeakyReLU layer, which has no activation setting, this means replacing it by Softmax. */
  | { kind: 'setActivation'; index: number; activation: 'softmax' }
  /** Random starting weights in place of zeros, which leave every unit of the layer identical. */
  | { kind: 'setInitializer'; index: number; initializer: 'glorot_uniform' }
  /** Layers to add at the end, as given (an autoencoder's `Dense 784 sigmoid → Reshape 28×28×1`, computed from its input). */
  | { kind: 'appendLayers'; layers: readonly LayerSpec[] };

/**
 * 'error': the network cannot be built or trained until it is fixed. 'warning': it can,
 * but something will make it learn badly; nothing may refuse a network for a warning.
 */
export type IssueSeverity = 'error' | 'warning';

export interface SpecIssue {
  readonly severity: IssueSeverity;
  /** Position of the layer at fault in `spec.layers`, or null for the network as a whole. */
  readonly layerIndex: number | null;
  readonly layerName: string | null;
  /** What is wrong and what to do, in one or two plain sentences (English). */
  readonly message: string;
  /** The same as a catalog message, which the UI words in its language. */
  readonly detail?: Message;
  readonly fix?: SpecFix;
}

/** Thrown for errors only: warnings never stop a network. */
export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];
  /** The first issue as a catalog message, prefixed with its layer like `message`. */
  readonly detail: Message;

  constructor(issues: readonly SpecIssue[]) {
    const first = issues[0];
    const where = first?.layerName ? `Layer ${first.layerIndex! + 1} (${first.layerName}): ` : '';
    super(first ? where + first.message : 'Invalid network.');
    this.name = 'SpecError';
    this.issues = issues;
    const problem = first?.detail;
    this.detail = !problem ? msg('spec.invalidNetwork')
      : first.layerName ? msg('spec.atLayer', { position: first.layerIndex! + 1, name: first.layerName, problem })
      : problem;
  }
}
