/**
 * A table (CSV text) as a dataset: the chosen feature columns become the inputs, the label
 * column the classes or the values to predict. Its test part is a seeded share of the rows
 * (rows are often sorted by class, hence the shuffle) or a second file with the same
 * columns. Pure: the CLI, the host, the training worker and the app's import dialog all
 * build a table's dataset here, so what the student previews is what trains.
 */
import { Rng } from '../core/rng';
import { LocalizedError, msg } from '../messages';
import { parseCsv, tableSamples, type CsvDelimiter, type CsvTable, type TableChoice } from './csv';
import type { Dataset, SampleSet } from './dataset';
import { DEFAULT_TEST_SHARE, splitSamples } from './split';

export interface TableDatasetOptions {
  readonly name: string;
  readonly text: string;
  /** A second file for testing (same columns, same classes); absent: a seeded share of `text`'s rows. */
  readonly testText?: string | undefined;
  /** Absent: guessed from the text. */
  readonly delimiter?: CsvDelimiter | undefined;
  /** Absent: the last column is the label, every other one a feature. */
  readonly choice?: TableChoice | ((table: CsvTable) => TableChoice) | undefined;
  readonly testShare?: number | undefined;
  readonly seed?: number | undefined;
}

export function tableDataset(opts: TableDatasetOptions): Dataset {
  const delimiter = opts.delimiter === undefined ? {} : { delimiter: opts.delimiter };
  const table = parseCsv(opts.text, delimiter);
  const choice = chooseFor(table, opts.choice);
  checkChoice(table, choice);
  const samples = tableSamples(table, choice);
  const features = choice.features.length;
  const all: SampleSet = { count: samples.count, inputs: samples.inputs, labels: samples.labels, targets: samples.targets };
  let train: SampleSet, test: SampleSet;
  if (opts.testText !== undefined) {
    const testTable = parseCsv(opts.testText, delimiter);
    // The test file's columns are found by name when both files have a header, else by position.
    const byName = table.hasHeader && testTable.hasHeader;
    const columnOf = (j: number) => (byName ? testTable.columns.indexOf(table.columns[j]!) : j);
    const testChoice = { label: columnOf(choice.label), features: choice.features.map(columnOf) };
    if (testChoice.label < 0 || testChoice.label >= testTable.columns.length || testChoice.features.some((j) => j < 0 || j >= testTable.columns.length)) {
      throw new LocalizedError(msg('table.testColumns', { train: features, test: Math.max(0, testTable.columns.length - 1) }));
    }
    const classNames = samples.task.kind === 'classification' ? samples.task.classNames : undefined;
    const t = tableSamples(testTable, { ...testChoice, task: samples.task.kind === 'regression' ? 'regression' : 'classification' }, classNames);
    train = all;
    test = { count: t.count, inputs: t.inputs, labels: t.labels, targets: t.targets };
  } else {
    ({ train, test } = splitSamples(all, features, opts.testShare ?? DEFAULT_TEST_SHARE, new Rng(opts.seed ?? 1)));
  }
  return { name: opts.name, inputShape: [features], task: samples.task, train, test, featureNames: samples.featureNames };
}

function chooseFor(table: CsvTable, choice: TableDatasetOptions['choice']): TableChoice {
  if (typeof choice === 'function') return choice(table);
  if (choice !== undefined) return choice;
  const label = table.columns.length - 1;
  return { label, features: table.columns.map((_, j) => j).filter((j) => j !== label) };
}

/** A choice made on another reading of the file (another separator) may name columns this one lacks. */
function checkChoice(table: CsvTable, choice: TableChoice): void {
  const width = table.columns.length;
  const outside = [choice.label, ...choice.features].find((j) => !(Number.isInteger(j) && j >= 0 && j < width));
  if (outside !== undefined) {
    throw new LocalizedError(msg('table.noSuchColumn', { column: String(outside + 1), columns: table.columns.slice(0, 12).join(', ') }));
  }
  if (choice.features.includes(choice.label)) throw new LocalizedError(msg('table.labelIsFeature', { column: table.columns[choice.label]! }));
}
