import { describe, expect, it } from 'vitest';
import { thrownMessage } from '../testing/messages';
import { tableDataset } from './tableDataset';

/** A French spreadsheet: `;` separators, decimal commas, quoted class names (one with a `;` inside). */
const sheet = (rows: readonly string[]) => ['x1;x2;"classe"', ...rows].join('\r\n');
const rows = Array.from({ length: 20 }, (_, i) => `${i},5;${-i},25;"${i % 2 === 0 ? 'rouge; foncé' : 'bleu'}"`);

describe('tableDataset', () => {
  it('reads decimal commas and quoted class names, and splits a seeded 20 % for testing', () => {
    const d = tableDataset({ name: 'notes.csv', text: sheet(rows) });
    expect(d.inputShape).toEqual([2]);
    expect(d.task).toEqual({ kind: 'classification', classNames: ['rouge; foncé', 'bleu'] });
    expect([d.train.count, d.test.count]).toEqual([16, 4]);
    const all = [...d.train.inputs, ...d.test.inputs];
    expect(all).toContain(Math.fround(3.5));
    expect(all).toContain(Math.fround(-3.25));
    // The same seed gives the same parts; another seed other ones.
    expect(Array.from(tableDataset({ name: 'n', text: sheet(rows) }).test.inputs)).toEqual(Array.from(d.test.inputs));
    expect(Array.from(tableDataset({ name: 'n', text: sheet(rows), seed: 7 }).test.inputs)).not.toEqual(Array.from(d.test.inputs));
  });

  it('uses the chosen columns and task: one feature, the label first, values to predict', () => {
    const d = tableDataset({ name: 't', text: sheet(rows), choice: { label: 0, features: [1], task: 'regression' }, testShare: 0.25 });
    expect(d.inputShape).toEqual([1]);
    expect(d.task).toEqual({ kind: 'regression', targetNames: ['x1'] });
    expect([d.train.count, d.test.count]).toEqual([15, 5]);
    expect(d.featureNames).toEqual(['x2']);
  });

  it('names the line and column of a bad cell, in English and French', () => {
    const bad = sheet([...rows.slice(0, 3), '4,5;deux;"bleu"', ...rows.slice(4)]);
    expect(thrownMessage(() => tableDataset({ name: 'b', text: bad }))).toBe('Line 5, column “x2”: “deux” is not a number.');
    expect(thrownMessage(() => tableDataset({ name: 'b', text: bad }), 'fr')).toBe('Ligne 5, colonne « x2 » : « deux » n’est pas un nombre.');
  });

  it('takes its test part from a second file, with the training file’s classes', () => {
    const d = tableDataset({ name: 'train.csv', text: sheet(rows), testText: sheet(['1,5;2;"bleu"', '0;0;"rouge; foncé"']) });
    expect([d.train.count, d.test.count]).toEqual([20, 2]);
    expect(Array.from(d.test.labels!)).toEqual([1, 0]);
    expect(Array.from(d.test.inputs)).toEqual([1.5, 2, 0, 0]);
    expect(thrownMessage(() => tableDataset({ name: 't', text: sheet(rows), testText: sheet(['1;2;"vert"']) })))
      .toBe('Line 2: the class “vert” is not one of the training file’s classes.');
  });

  it('reads with the separator it is told, and refuses a choice that does not fit the table', () => {
    // Read with ",", the French sheet cuts its numbers apart: the rows no longer line up.
    expect(thrownMessage(() => tableDataset({ name: 't', text: sheet(rows), delimiter: ',' }))).toMatch(/^Line 2 has 3 cells but the table has 1 columns/);
    expect(thrownMessage(() => tableDataset({ name: 't', text: sheet(rows), choice: { label: 2, features: [0, 5] } }))).toMatch(/^There is no column “6”/);
    expect(thrownMessage(() => tableDataset({ name: 't', text: sheet(rows), choice: { label: 2, features: [0, 2] } })))
      .toBe('The column “classe” cannot be both the label and a feature.');
  });
});
