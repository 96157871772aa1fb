import { jsKernels } from '../core/kernels';
import { msg } from '../messages';
import { Dense } from './dense';
import { defineKind, type SpecBase } from './kind';
import {
  checkWeightOptions, checkWhole, finishWeighted, intControl, kernelAndBias, needsVector, WEIGHT_CONTROLS, weightOptionsConfig, type WeightOptions,
} from './kindHelpers';
import { sizeOf } from './layer';
import { kerasWeightArgs, py, torchActivation } from '../export/python';

export interface DenseSpec extends SpecBase, WeightOptions {
  type: 'Dense';
  units: number;
}

/** Dense: every output unit sees the whole input vector. */
export const denseKind = defineKind<DenseSpec>({
  type: 'Dense',
  controls: [intControl('units', 1, 4096, true), ...WEIGHT_CONTROLS],
  checkSettings: (spec) => [...checkWhole(spec.units, 'units', 1_000_000), ...checkWeightOptions(spec)],
  outputShape: (spec, input, index) => needsVector('Dense', input, index) ?? [spec.units],
  weights: (spec, input) => kernelAndBias([sizeOf(input), spec.units], spec.units, spec.use_bias),
  build(spec, input, rng, kernels = jsKernels) {
    const layer = new Dense(input, spec.units, spec.use_bias !== false, kernels);
    return finishWeighted(layer, spec, rng, kernels);
  },
  outputEffect: (spec) => ({ activation: spec.activation ?? 'linear', layerHasSetting: true }),
  keras: {
    className: 'Dense',
    stem: 'dense',
    toConfig: (spec) => ({ units: spec.units, ...weightOptionsConfig(spec) }),
    fromConfig(r) {
      const lora = r.get('lora_rank');
      if (lora !== undefined && lora !== null) r.refuse(msg('modelFile.why.lora'));
      return { units: r.get('units'), ...r.activation('activation'), ...r.weightOptions() };
    },
  },
  code: {
    torch: (spec, input) => ({
      modules: [`nn.Linear(${sizeOf(input)}, ${spec.units}${spec.use_bias === false ? ', bias=False' : ''})`, ...torchActivation(spec.activation)],
    }),
    keras: (spec, ctx) => `layers.Dense(${py(spec.units)}${kerasWeightArgs(spec, ctx.weightDecay)})`,
  },
  palette: { family: 'core', group: 'core', items: [{ id: 'Dense', create: () => ({ type: 'Dense', units: 64, activation: 'relu' }) }] },
});
