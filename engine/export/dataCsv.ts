/**
 * A dataset's samples as the CSV the generated scripts read (train.csv, test.csv): the
 * input values as the network sees them, then the class index or the targets. Images stay
 * out (their scripts read the IDX files themselves).
 */
import type { Dataset, SampleSet } from '../data/dataset';
import { PIXEL_SCALE, sizeOfShape } from '../data/dataset';

export function samplesCsv(d: Dataset, set: SampleSet): string {
  const per = sizeOfShape(d.inputShape);
  const features = d.featureNames && d.featureNames.length === per ? d.featureNames : Array.from({ length: per }, (_, i) => `x${i + 1}`);
  const targetSize = set.targets && set.count > 0 ? set.targets.length / set.count : 0;
  const outputs = set.labels ? ['label'] : d.task.kind === 'regression' ? d.task.targetNames : Array.from({ length: targetSize }, (_, i) => `y${i + 1}`);
  const cell = (name: string) => (/[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);
  const rows = [[...features, ...outputs].map(cell).join(',')];
  const scale = set.inputs instanceof Float32Array ? 1 : PIXEL_SCALE;
  for (let i = 0; i < set.count; i++) {
    const row: (number | string)[] = [];
    for (let p = 0; p < per; p++) row.push(set.inputs[i * per + p]! * scale);
    if (set.labels) row.push(set.labels[i]!);
    else for (let t = 0; t < targetSize; t++) row.push(set.targets![i * targetSize + t]!);
    rows.push(row.join(','));
  }
  return `${rows.join('\n')}\n`;
}
