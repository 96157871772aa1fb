import { describe, expect, it } from 'vitest';
import { thrownMessage } from '../testing/messages';
import { defaultChoice, parseCsv, tableSamples } from './csv';
import { parseDecimal } from './decimal';

const frenchSheet = [
  'x1;x2;"classe"',
  '0,5;1,25;"rouge"',
  '-1,5;2;"bleu"',
  '',
  '3;-0,75;"rouge"',
  '1e-2;4;"vert clair"',
].join('\r\n');

describe('parseDecimal', () => {
  it('reads points, commas, exponents and grouped thousands', () => {
    expect(parseDecimal('0,01')).toBe(0.01);
    expect(parseDecimal(' 0.01 ')).toBe(0.01);
    expect(parseDecimal('-2,5')).toBe(-2.5);
    expect(parseDecimal('1e-3')).toBe(0.001);
    expect(parseDecimal('60 000')).toBe(60000);
    expect(parseDecimal('1\u202f234\u00a0567')).toBe(1234567);
    expect(parseDecimal(',5')).toBe(0.5);
  });

  it('refuses what it cannot read rather than guess', () => {
    for (const s of ['', '0,0,1', '1,000.5', '12abc', '1 2345', 'NaN', 'Infinity', '--1', '1e999']) expect(parseDecimal(s), s).toBeNull();
  });
});

describe('CSV tables', () => {
  it('reads a French spreadsheet: semicolons, decimal commas, quoted class names, a blank line', () => {
    const table = parseCsv(frenchSheet);
    expect(table.delimiter).toBe(';');
    expect(table.hasHeader).toBe(true);
    expect(table.columns).toEqual(['x1', 'x2', 'classe']);
    expect(table.lines).toEqual([2, 3, 5, 6]);
    const s = tableSamples(table, defaultChoice(table));
    expect(Array.from(s.inputs)).toEqual([0.5, 1.25, -1.5, 2, 3, -0.75, 0.01, 4].map(Math.fround));
    expect(s.task).toEqual({ kind: 'classification', classNames: ['rouge', 'bleu', 'vert clair'] });
    expect(Array.from(s.labels!)).toEqual([0, 1, 0, 2]);
    expect(s.featureNames).toEqual(['x1', 'x2']);
  });

  it('names the line and column of a bad cell, in both languages', () => {
    const table = parseCsv(frenchSheet.replace('-1,5;2', '-1,5;deux'));
    expect(thrownMessage(() => tableSamples(table, defaultChoice(table)))).toBe('Line 3, column “x2”: “deux” is not a number.');
    expect(thrownMessage(() => tableSamples(table, defaultChoice(table)), 'fr')).toBe('Ligne 3, colonne « x2 » : « deux » n’est pas un nombre.');
    expect(thrownMessage(() => parseCsv('a,b\n1,2\n3,4,5\n'))).toMatch(/^Line 3 has 3 cells but the table has 2 columns/);
    expect(thrownMessage(() => parseCsv('a,b\n1,"2\n'))).toMatch(/unclosed quote/);
    expect(thrownMessage(() => parseCsv(' \n'))).toMatch(/empty/);
  });

  it('reads comma and tab files without a header, numbered classes and regression targets', () => {
    const numbered = parseCsv('0.1,0.2,1\n0.3,0.4,0\n0.5,0.6,2\n');
    expect(numbered.hasHeader).toBe(false);
    expect(numbered.columns).toEqual(['column 1', 'column 2', 'column 3']);
    const s = tableSamples(numbered, defaultChoice(numbered));
    expect(s.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2'] });
    expect(Array.from(s.labels!)).toEqual([1, 0, 2]);
    const tab = parseCsv('a\tb\ty\n1\t2\t0.25\n3\t4\t1.5\n5\t6\t-2\n');
    expect(tab.delimiter).toBe('\t');
    const r = tableSamples(tab, defaultChoice(tab));
    expect(r.task).toEqual({ kind: 'regression', targetNames: ['y'] });
    expect(Array.from(r.targets!)).toEqual([0.25, 1.5, -2]);
  });

  it('keeps the training file\'s classes for a test file and refuses a class it does not know', () => {
    const test = parseCsv('x;y;c\n1;2;bleu\n3;4;jaune\n');
    expect(thrownMessage(() => tableSamples(test, defaultChoice(test), ['rouge', 'bleu']))).toBe(
      'Line 3: the class “jaune” is not one of the training file’s classes.');
  });
});
