/**
 * "Export as code" in the models library: a saved model written as a PyTorch script with
 * its trained weights, or as a Keras script (engine/node/codeExport.ts), into a folder the
 * user chose, all or nothing (modelExport.ts). A model trained on generated points or the
 * student's own points gets them beside the script as CSV, rebuilt from what its file records.
 */
import { loadModel, exportCode, type CodeFormat } from '../../engine/node';
import { torchLayout, type Dataset } from '../../engine';
import { buildDataset } from '../ipc/builtDatasets';
import { readModelData } from './modelData';
import { writeExport } from './modelExport';

export async function exportModelCode(folder: string, format: CodeFormat, target: string, appVersion: string): Promise<void> {
  const { network, spec, metadata } = await loadModel(folder);
  // Refused before any folder is made: a layer PyTorch cannot reproduce is named, in the user's language.
  if (format === 'pytorch') torchLayout(network);
  const source = readModelData(spec, metadata).source;
  const dataset: Dataset | undefined = source ? buildDataset(source) : undefined;
  await writeExport(target, async (temp) => {
    await exportCode(folder, format, temp, { ...(dataset ? { dataset } : {}), appVersion });
  });
}
