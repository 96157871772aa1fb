/**
 * Each initializer's spread as a formula (TeX), in general and with the selected layer's fans
 * written in; the value itself comes from the engine (initializerSpread), never from here.
 */
import { initializerSpread, type InitializerName } from '$engine';
import type { Lang } from '../../lib/i18n/messages';
import { texNumber } from '../../lib/math/tex';
import type { Fans } from './initializerHelp';

const FAN_IN = '\\text{fan}_{\\text{in}}', FAN_OUT = '\\text{fan}_{\\text{out}}';

export interface InitializerTex {
  /** The general formula, in fans. */
  readonly general: string;
  /** The same with this layer's fans and the engine's value; null for zeros (nothing to compute). */
  readonly here: string | null;
  /** Just the result for this layer: ±limit or σ = …. */
  readonly result: string;
  /** The limit or σ (0 for zeros), for the bar. */
  readonly value: number;
}

export function initializerTex(name: InitializerName, { fanIn, fanOut }: Fans, lang: Lang): InitializerTex {
  const spread = initializerSpread(name, fanIn, fanOut);
  const sum = `${fanIn} + ${fanOut}`;
  const n = (v: number) => texNumber(v, lang, 3);
  switch (spread.kind) {
    case 'zeros':
      return { general: 'w = 0', here: null, result: '0', value: 0 };
    case 'uniform': {
      // PyTorch's default (nn.Linear, nn.Conv2d) is √(1/fan_in); He's √(6/fan_in); Glorot's over both fans.
      const glorot = name === 'glorot_uniform', top = name === 'pytorch_uniform' ? 1 : 6;
      return {
        general: `\\mathcal{U}\\bigl(\\pm\\sqrt{${top} / ${glorot ? `(${FAN_IN} + ${FAN_OUT})` : FAN_IN}}\\bigr)`,
        here: `\\pm\\sqrt{${top} / ${glorot ? `(${sum})` : fanIn}} = \\pm ${n(spread.limit)}`,
        result: `\\pm ${n(spread.limit)}`,
        value: spread.limit,
      };
    }
    case 'normal': {
      const glorot = name === 'glorot_normal';
      return {
        general: `\\mathcal{N}(0, \\sigma^2),\\ \\sigma^2 = 2 / ${glorot ? `(${FAN_IN} + ${FAN_OUT})` : FAN_IN}`,
        here: `\\sigma = \\sqrt{2 / ${glorot ? `(${sum})` : fanIn}} = ${n(spread.sigma)}`,
        result: `\\sigma = ${n(spread.sigma)}`,
        value: spread.sigma,
      };
    }
  }
}
