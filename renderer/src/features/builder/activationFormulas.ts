/**
 * Each activation's definition and derivative in the course's notation (document 002), as TeX.
 * Language-free except for the few words inside \text{…}, which come from the dictionary.
 */
import type { ActivationName } from '$engine';

export interface ActivationTex {
  readonly f: string;
  readonly df: string;
}

/** `words` fills the \text{} pieces (“if”, “si”) in the UI's language. */
export function activationTex(name: ActivationName, words: { if: string }): ActivationTex {
  switch (name) {
    case 'sigmoid':
      return { f: '\\sigma(x) = \\frac{1}{1 + e^{-x}}', df: "\\sigma'(x) = \\sigma(x)\\,\\bigl(1 - \\sigma(x)\\bigr)" };
    case 'tanh':
      return { f: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}', df: "\\tanh'(x) = 1 - \\tanh^2(x)" };
    case 'relu':
      return {
        f: '\\mathrm{ReLU}(x) = \\max(0, x)',
        df: `\\mathrm{ReLU}'(x) = \\begin{cases} 0 & \\text{${words.if} } x < 0 \\\\ 1 & \\text{${words.if} } x > 0 \\end{cases}`,
      };
    case 'linear':
      return { f: 'f(x) = x', df: "f'(x) = 1" };
    case 'softmax':
      return {
        f: '\\hat{y}_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}',
        df: '\\frac{\\partial \\hat{y}_i}{\\partial z_i} = \\hat{y}_i\\,(1 - \\hat{y}_i)',
      };
  }
}
