/**
 * Small tables from spreadsheets: a CSV file read into feature columns and a label (or
 * target) column. Parsing (quotes, separators) is PapaParse's; what is ours is reading
 * numbers the way French and English spreadsheets write them, guessing the header and
 * the task, and naming the line and column of every bad cell.
 */
import Papa from 'papaparse';
import { LocalizedError, msg } from '../messages';
import { parseDecimal } from './decimal';
import { numberedClasses, type Task } from './task';

export interface CsvTable {
  /** Column names: the header's, or "column 1", "column 2", … when there is none. */
  readonly columns: readonly string[];
  readonly hasHeader: boolean;
  readonly delimiter: ',' | ';' | '\t';
  /** The data rows' cells, each row as long as `columns`. */
  readonly rows: readonly (readonly string[])[];
  /** The file's line number (1-based) of each data row, for messages. */
  readonly lines: readonly number[];
}

/** Tables are for small data: the app's 2-D playground and class exercises. */
export const MAX_CSV_ROWS = 100_000;
export const MAX_CSV_COLUMNS = 1_000;

const isNumberCell = (s: string) => parseDecimal(s) !== null;

export type CsvDelimiter = CsvTable['delimiter'];
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Parses CSV text (`,` `;` or tab separated, quoted cells, decimal commas), detecting a
 * header row; the separator is guessed unless `delimiter` says it (the import dialog lets
 * the student correct a wrong guess).
 */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter } = {}): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, {
    skipEmptyLines: 'greedy',
    ...(options.delimiter === undefined ? { delimitersToGuess: [';', '\t', ','] } : { delimiter: options.delimiter }),
  });
  const delimiter = (parsed.meta.delimiter === ';' || parsed.meta.delimiter === '\t' ? parsed.meta.delimiter : ',') as CsvTable['delimiter'];
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new LocalizedError(msg('table.csvQuotes', { line: lineOf(body, quoteError.index) }));
  const raw = parsed.data.map((r) => r.map((c) => c.trim()));
  // Line numbers: count newlines up to each row (skipped blank lines shift them).
  const lines = rowLines(body, delimiter, raw.length);
  if (raw.length === 0) throw new LocalizedError(msg('table.csvEmpty'));
  const width = raw[0]!.length;
  if (width > MAX_CSV_COLUMNS) throw new LocalizedError(msg('table.csvTooWide', { count: width, max: MAX_CSV_COLUMNS }));
  // A header: some cell of the first row is not a number while the same column below is.
  const hasHeader = raw.length > 1 && raw[0]!.some((c, j) => !isNumberCell(c) && raw[1]![j] !== undefined && isNumberCell(raw[1]![j]!))
    || (raw.length > 1 && raw[0]!.every((c) => !isNumberCell(c)) && raw[1]!.some(isNumberCell));
  const columns = hasHeader ? raw[0]!.map((c, j) => c || `column ${j + 1}`) : raw[0]!.map((_, j) => `column ${j + 1}`);
  const rows = hasHeader ? raw.slice(1) : raw;
  const rowLineNumbers = hasHeader ? lines.slice(1) : lines;
  if (rows.length === 0) throw new LocalizedError(msg('table.csvNoRows'));
  if (rows.length > MAX_CSV_ROWS) throw new LocalizedError(msg('table.csvTooLong', { count: rows.length, max: MAX_CSV_ROWS }));
  rows.forEach((r, i) => {
    if (r.length !== width) {
      throw new LocalizedError(msg('table.csvRowWidth', { line: rowLineNumbers[i]!, found: r.length, expected: width }));
    }
  });
  return { columns, hasHeader, delimiter, rows, lines: rowLineNumbers };
}

function lineOf(text: string, index: number | undefined): number {
  if (index === undefined) return 1;
  let line = 1;
  for (let i = 0; i < Math.min(index, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The 1-based line each non-blank record starts on (quoted cells may hold newlines). */
function rowLines(text: string, delimiter: string, count: number): number[] {
  const out: number[] = [];
  let line = 1, inQuotes = false, atRecordStart = true, blank = true, start = 1;
  for (let i = 0; i <= text.length && out.length < count; i++) {
    const ch = i < text.length ? text[i]! : '\n';
    if (atRecordStart) {
      start = line;
      atRecordStart = false;
      blank = true;
    }
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === '\n' && !inQuotes) {
      if (!blank) out.push(start);
      atRecordStart = true;
      line++;
      continue;
    }
    if (ch === '\n') line++;
    if (ch !== '\r' && ch !== ' ' && ch !== delimiter) blank = false;
  }
  return out;
}

/** Which columns are the features and which the label; `task` forces regression or classification. */
export interface TableChoice {
  readonly label: number;
  readonly features: readonly number[];
  readonly task?: 'classification' | 'regression';
}

/** The usual choice: the last column is the label, every other column a feature. */
export function defaultChoice(table: CsvTable): TableChoice {
  const label = table.columns.length - 1;
  return { label, features: table.columns.map((_, j) => j).filter((j) => j !== label) };
}

export interface TableSamples {
  readonly count: number;
  /** `[count, features]` */
  readonly inputs: Float32Array;
  /** Class per row (classification), or null. */
  readonly labels: Uint8Array | null;
  /** `[count, 1]` values (regression), or null. */
  readonly targets: Float32Array | null;
  readonly task: Task;
  readonly featureNames: readonly string[];
}

/** Most classes a table may name (the playground shows up to 6; a table may have more). */
export const MAX_TABLE_CLASSES = 100;

/**
 * The numbers of a table: every feature cell must be a number (its line and column named
 * otherwise); a label column of words, or of a few whole numbers, makes a classification
 * (classes in order of first appearance, numbers in increasing order), any other numbers a
 * regression. `classNames` fixes the classes (a test file must use the training file's).
 */
export function tableSamples(table: CsvTable, choice: TableChoice, classNames?: readonly string[]): TableSamples {
  const { label, features } = choice;
  if (features.length === 0) throw new LocalizedError(msg('table.csvNoFeatures'));
  const count = table.rows.length;
  const inputs = new Float32Array(count * features.length);
  table.rows.forEach((row, i) => {
    features.forEach((j, f) => {
      const v = parseDecimal(row[j]!);
      if (v === null) throw new LocalizedError(msg('table.csvNotNumber', { line: table.lines[i]!, column: table.columns[j]!, value: row[j]!.slice(0, 40) }));
      inputs[i * features.length + f] = v;
    });
  });
  const cells = table.rows.map((r) => r[label]!);
  const numbers = cells.map(parseDecimal);
  const allNumbers = numbers.every((v) => v !== null);
  const regression = (choice.task ?? inferTask(table, label)) === 'regression';
  const featureNames = features.map((j) => table.columns[j]!);
  if (regression) {
    const targets = new Float32Array(count);
    numbers.forEach((v, i) => {
      if (v === null) throw new LocalizedError(msg('table.csvNotNumber', { line: table.lines[i]!, column: table.columns[label]!, value: cells[i]!.slice(0, 40) }));
      targets[i] = v;
    });
    return { count, inputs, labels: null, targets, task: { kind: 'regression', targetNames: [table.columns[label]!] }, featureNames };
  }
  const names = classNames ? [...classNames] : orderedClasses(cells, allNumbers);
  if (names.length < 2) throw new LocalizedError(msg('table.csvOneClass', { column: table.columns[label]! }));
  if (names.length > MAX_TABLE_CLASSES) throw new LocalizedError(msg('table.csvTooManyClasses', { count: names.length, max: MAX_TABLE_CLASSES }));
  const index = new Map(names.map((n, k) => [n, k]));
  const labels = new Uint8Array(count);
  cells.forEach((c, i) => {
    const k = index.get(allNumbers ? String(numbers[i]) : c);
    if (k === undefined) throw new LocalizedError(msg('table.csvUnknownClass', { line: table.lines[i]!, value: c.slice(0, 40) }));
    labels[i] = k;
  });
  const isNumbered = allNumbers && names.every((n, k) => n === numberedClasses(names.length)[k]);
  return {
    count, inputs, labels, targets: null, featureNames,
    task: { kind: 'classification', classNames: isNumbered ? numberedClasses(names.length) : names },
  };
}

/**
 * What a label column asks for when nothing is said: words, or a few whole numbers (at
 * most 20 different ones), are classes; any other numbers are values to predict.
 */
export function inferTask(table: CsvTable, label: number): 'classification' | 'regression' {
  const numbers = table.rows.map((r) => parseDecimal(r[label] ?? ''));
  if (!numbers.every((v) => v !== null)) return 'classification';
  return numbers.every((v) => Number.isInteger(v)) && new Set(numbers).size <= 20 ? 'classification' : 'regression';
}

function orderedClasses(cells: readonly string[], numeric: boolean): string[] {
  if (numeric) return [...new Set(cells.map((c) => parseDecimal(c)!))].sort((a, b) => a - b).map(String);
  return [...new Set(cells)];
}
