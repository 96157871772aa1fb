/**
 * A worker's copy of the dataset a job names: built from the request, or read from its
 * folder. The latest one is kept (a student steps through sample after sample of the same
 * data; the code space asks for its layers, then its codes), so MNIST is read once.
 */
import { type Dataset } from '../../engine';
import { loadDatasetDir } from '../../engine/node';
import { buildDataset } from '../ipc/builtDatasets';
import type { JobDataset } from './workerProtocol';

/** A loader keeping the last dataset it loaded (whatever the job's limit: callers apply it). */
export function lastDatasetCache(): (d: JobDataset) => Promise<Dataset> {
  let data: { key: string; dataset: Promise<Dataset> } | null = null;
  return (d) => {
    const key = JSON.stringify(d.kind === 'built' ? { kind: d.kind, source: d.source } : { kind: d.kind, dir: d.dir, name: d.name });
    if (data?.key !== key) {
      const entry = { key, dataset: d.kind === 'built' ? Promise.resolve().then(() => buildDataset(d.source)) : loadDatasetDir(d.dir, { name: d.name }) };
      data = entry;
      entry.dataset.catch(() => { if (data === entry) data = null; });
    }
    return data.dataset;
  };
}
