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
