import { describe, expect, it } from 'vitest';
import { texNumber, texToMathml } from './tex';

describe('tex', () => {
  it('typesets to MathML, with the source kept as an annotation', () => {
    const html = texToMathml('\\sigma\'(x) \\le 0{,}25');
    expect(html).toContain('<math');
    expect(html).toContain('σ');
    expect(html).toContain('0,25');
  });

  it('does not throw on a formula it cannot parse', () => {
    expect(() => texToMathml('\\frac{1}{')).not.toThrow();
  });

  it('writes numbers per language, the French comma braced', () => {
    expect(texNumber(0.25, 'en')).toBe('0.25');
    expect(texNumber(0.25, 'fr')).toBe('0{,}25');
    expect(texNumber(-1234.5678, 'fr', 6)).toBe('-1234{,}57');
    expect(texNumber(0.0857, 'en', 2)).toBe('0.086');
  });
});
