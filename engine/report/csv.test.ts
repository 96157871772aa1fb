import { describe, expect, it } from 'vitest';
import { csvNumber, toCsv } from './csv';

describe('toCsv', () => {
  it('writes English with commas and a decimal point', () => {
    expect(toCsv([['epoch', 'loss'], [1, 0.25], [2, 0.125]], 'en')).toBe('epoch,loss\r\n1,0.25\r\n2,0.125\r\n');
  });

  it('writes French with semicolons and a decimal comma, as French spreadsheets read it', () => {
    expect(toCsv([['époque', 'perte'], [1, 0.25], [2, 1234.5]], 'fr')).toBe('époque;perte\r\n1;0,25\r\n2;1234,5\r\n');
  });

  it('quotes fields holding the separator, a quote or a line break, doubling quotes', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 'plain']], 'en')).toBe('"a,b","say ""hi""","two\nlines",plain\r\n');
    // In French the comma is not the separator: no quotes needed for it, but `;` needs them.
    expect(toCsv([['a,b', 'c;d']], 'fr')).toBe('a,b;"c;d"\r\n');
  });

  it('keeps a text that looks like a formula as text', () => {
    expect(toCsv([['=HYPERLINK("x")', '-1', '@sum']], 'en')).toBe('"\'=HYPERLINK(""x"")",\'-1,\'@sum\r\n');
  });

  it('writes empty cells for null and for non-finite numbers (a diverged loss)', () => {
    expect(toCsv([[null, Number.NaN, Number.POSITIVE_INFINITY, 0]], 'fr')).toBe(';;;0\r\n');
  });
});

describe('csvNumber', () => {
  it('never writes an exponent a spreadsheet would take for text', () => {
    expect(csvNumber(1.5e-7, 'en')).toBe('0.00000015');
    expect(csvNumber(-1.5e-7, 'fr')).toBe('-0,00000015');
  });
});

describe('curveRows', () => {
  it('counts epochs from 1 as the app shows them, with the measures a run has', async () => {
    const { curveRows } = await import('./reportTables');
    const rows = curveRows([{ epoch: 0, seconds: 1, running: { loss: 0.5, accuracy: 0.8 }, train: null, trainCount: 10, val: { loss: 0.6, accuracy: 0.7 } }]);
    expect(rows).toEqual([
      ['epoch', 'seconds', 'running_loss', 'running_accuracy', 'val_loss', 'val_accuracy'],
      [1, 1, 0.5, 0.8, 0.6, 0.7],
    ]);
  });

  it('names the confusion matrix\'s rows and columns by class', async () => {
    const { confusionRows } = await import('./reportTables');
    expect(confusionRows([[3, 1], [0, 4]], ['cat', 'dog'])).toEqual([['true \\ predicted', 'cat', 'dog'], ['cat', 3, 1], ['dog', 0, 4]]);
  });
});
