/**
 * Reopening a run from the history: its network goes back into Build (an autoencoder's
 * code layer marked again), its hyperparameters and seed into Train (a learning rate changed
 * mid-run as it ended), and its data as it
 * was chosen — MNIST with its limit, the generated set or the student's points, an image
 * task and its corruption — the way opening a saved model does (`dataTargetFor`). A
 * folder or table picked in an earlier session cannot be chosen again without its dialog:
 * the outcome says so, and the student picks it again.
 */
import type { OpenedRun } from '../../../../electron/ipc/contract';
import type { NetworkSpec } from '$engine';
import { runData } from '../draw/modelInput';
import { dataTargetFor, type DataSettings } from '../models/modelLibrary.svelte';
import type { TrainingSettings } from '../training/trainingSettings.svelte';
import type { ReopenOutcome } from './runHistory.svelte';

export interface ReopenEditor {
  load(spec: NetworkSpec): void;
  readonly blocks: readonly { id: string }[];
  markCode(id: string, on: boolean): void;
}
export type ReopenSettings = Pick<TrainingSettings, 'apply' | 'source' | 'limit' | 'folderInfo' | 'table' | 'learningRate'> & DataSettings;

export function reopenRun(run: OpenedRun, editor: ReopenEditor, settings: ReopenSettings): ReopenOutcome {
  editor.load(run.spec);
  const code = run.reconstruct?.codeLayer ?? null;
  const block = code === null ? undefined : editor.blocks[code];
  if (block) editor.markCode(block.id, true);

  settings.apply(run.hyperparams);
  // As after the run itself: the rate a teacher settled on mid-run is the one the next run starts with.
  if (run.learningRateSet !== null) settings.learningRate = run.learningRateSet;
  const source = run.dataset.source;
  const data = runData(run.spec, run.dataset, { task: run.data.task, bounds: null });
  const reconstruction = run.reconstruct ? { codeLayer: null, corruption: run.reconstruct.corruption } : null;
  dataTargetFor(settings).adopt({ ...data, task: run.reconstruct ? { kind: 'reconstruction' } : data.task }, reconstruction);

  if (source.kind === 'bundled') {
    settings.source = 'bundled';
    settings.limit = run.dataset.limit;
    return { dataMissing: false };
  }
  if (source.kind === 'folder') {
    const same = settings.folderInfo?.token === source.token;
    if (same) {
      settings.source = 'folder';
      settings.limit = run.dataset.limit;
    }
    return { dataMissing: !same };
  }
  if (source.kind === 'csv') {
    const same = settings.table.source?.token === source.token;
    if (same) settings.source = 'table';
    return { dataMissing: !same };
  }
  return { dataMissing: false };
}
