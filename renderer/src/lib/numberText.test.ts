import { describe, expect, it } from 'vitest';
import { readNumber, readNumberOrPair, showsValue, writeNumber } from './numberText';

const value = (text: string) => {
  const r = readNumber(text);
  return r.ok ? r.value : r.reason;
};

describe('readNumber', () => {
  it('reads a decimal comma and a decimal point alike', () => {
    expect(value('0,01')).toBe(0.01);
    expect(value('0.01')).toBe(0.01);
    expect(value(' 0,5 ')).toBe(0.5);
    expect(value(',5')).toBe(0.5);
    expect(value('3,')).toBe(3);
    expect(value('1,000')).toBe(1); // a comma is always decimal
  });

  it('reads exponents and signs', () => {
    expect(value('1e-3')).toBe(0.001);
    expect(value('2,5E4')).toBe(25_000);
    expect(value('-0,3')).toBe(-0.3);
    expect(value('\u22122')).toBe(-2);
    expect(value('+7')).toBe(7);
  });

  it('reads thousands grouped by spaces, including the no-break spaces French uses', () => {
    expect(value('60 000')).toBe(60_000);
    expect(value('60\u202f000')).toBe(60_000);
    expect(value('1\u00a0234\u00a0567,5')).toBe(1_234_567.5);
  });

  it('gives an empty text as null', () => {
    expect(value('')).toBeNull();
    expect(value('   ')).toBeNull();
  });

  it('refuses what it cannot read instead of guessing', () => {
    for (const bad of ['0,0,1', '1..2', 'abc', '1e', '0.01a', '12 34', '60 00', 'e5', '-', 'Infinity', 'NaN', '0x10', '1e999']) {
      expect(value(bad), bad).toBe('unreadable');
    }
    expect(value('1,000.5')).toBe('mixed');
    expect(value('1.000,5')).toBe('mixed');
  });
});

describe('readNumberOrPair', () => {
  it('reads "3×5" as a pair and "3x3" as one size', () => {
    expect(readNumberOrPair('3×5')).toEqual({ ok: true, value: [3, 5] });
    expect(readNumberOrPair(' 3 x 3 ')).toEqual({ ok: true, value: 3 });
    expect(readNumberOrPair('0,5')).toEqual({ ok: true, value: 0.5 });
    expect(readNumberOrPair('3×')).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('writeNumber', () => {
  it('writes the language’s decimal separator, without grouping, and reads back the same number', () => {
    expect(writeNumber(0.01, 'fr')).toBe('0,01');
    expect(writeNumber(0.01, 'en')).toBe('0.01');
    expect(writeNumber(60_000, 'fr')).toBe('60000');
    expect(writeNumber(1e-7, 'fr')).toBe('1e-7');
    expect(writeNumber([3, 5], 'fr')).toBe('3×5');
    expect(writeNumber(null, 'en')).toBe('');
    for (const v of [0.1 + 0.2, 1e-7, 123456.789, 0.0005]) {
      for (const lang of ['en', 'fr']) expect(readNumber(writeNumber(v, lang))).toEqual({ ok: true, value: v });
    }
  });

  it('knows when a text already shows a value', () => {
    expect(showsValue('0,010', 0.01)).toBe(true);
    expect(showsValue('', null)).toBe(true);
    expect(showsValue('', undefined)).toBe(true);
    expect(showsValue('3x5', [3, 5])).toBe(true);
    expect(showsValue('0,0,1', 0.01)).toBe(false);
    expect(showsValue('0,02', 0.01)).toBe(false);
  });
});
