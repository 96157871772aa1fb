/**
 * `layerwise export --model DIR --format pytorch|keras --out DIR [--data SOURCE]`: a saved
 * model as a runnable script (engine/node/codeExport.ts). --data names the data it was
 * trained on, to check it and, for points and tables, to write it beside the script.
 */
import { resolve } from 'node:path';
import { exportCode, type CodeFormat } from '../../node/codeExport';
import { parseArgs } from '../args';
import { loadModel } from '../../node/modelFiles';
import { appVersion, checkInputShape, loadData, printJson, printLine, required } from '../common';
import { EXPORT_FLAGS } from '../usage';

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, EXPORT_FLAGS, { command: 'export' });
  const model = resolve(required(flags.model, 'model', 'export'));
  const out = resolve(required(flags.out, 'out', 'export'));
  const format = required(flags.format, 'format', 'export') as CodeFormat;
  const dataset = flags.data === undefined ? undefined : await loadData(flags);
  if (dataset) checkInputShape((await loadModel(model)).network, dataset);
  const result = await exportCode(model, format, out, { ...(dataset ? { dataset } : {}), appVersion: appVersion() });
  if (flags.json) {
    printJson({ type: 'export', format, out, files: result.files });
    return 0;
  }
  printLine(`Wrote ${result.files.length} files to ${out}`);
  printLine(format === 'pytorch'
    ? `Run: python3 ${result.script} --data <MNIST IDX folder, or ${dataset && dataset.train.inputs instanceof Float32Array ? 'this folder' : 'the data folder'}> [--evaluate]`
    : `Run: python3 ${result.script} --data <folder> (needs Keras 3)`);
  return 0;
}
