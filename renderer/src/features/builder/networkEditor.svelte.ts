/**
 * The network being edited. PLACEHOLDER interface — the builder work replaces the body
 * (blocks, undo/redo, persistence) but keeps these members, which the rest of the UI uses.
 */
import { analyzeNetwork, type NetworkAnalysis } from '../../../../engine/model/analyze';
import { PRESETS } from '../../../../engine/model/presets';
import type { NetworkSpec } from '../../../../engine/model/spec';

export class NetworkEditor {
  /** The spec the blocks describe (what training sends to the host). */
  spec = $state.raw<NetworkSpec>(PRESETS.mlp);
  /** Shapes, parameter counts and problems, recomputed on every edit. */
  readonly analysis: NetworkAnalysis = $derived(analyzeNetwork(this.spec));
  readonly valid = $derived(this.analysis.issues.length === 0);

  /** Replaces the whole network (a preset, an opened model). */
  load(spec: NetworkSpec): void {
    this.spec = spec;
  }
}
