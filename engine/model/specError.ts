/**
 * A problem with a network spec, found before anything runs. It names the layer at
 * fault (by position and name) and says how to fix it; where the fix is mechanical the
 * editor can offer it as one click (`fix`).
 */
export type SpecFix =
  | { kind: 'insertFlatten'; index: number }
  | { kind: 'appendOutput'; units: number }
  | { kind: 'setPadding'; index: number; padding: 'same' }
  | { kind: 'removeLayer'; index: number };

export interface SpecIssue {
  /** Position of the layer at fault in `spec.layers`, or null for the network as a whole. */
  readonly layerIndex: number | null;
  readonly layerName: string | null;
  /** What is wrong and what to do, in one or two plain sentences. */
  readonly message: string;
  readonly fix?: SpecFix;
}

export class SpecError extends Error {
  readonly issues: readonly SpecIssue[];

  constructor(issues: readonly SpecIssue[]) {
    const first = issues[0];
    const where = first?.layerName ? `Layer ${first.layerIndex! + 1} (${first.layerName}): ` : '';
    super(first ? where + first.message : 'Invalid network.');
    this.name = 'SpecError';
    this.issues = issues;
  }
}
