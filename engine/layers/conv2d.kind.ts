import { jsKernels } from '../core/kernels';
import { msg } from '../messages';
import { Conv2D } from './conv2d';
import { defineKind, type SpecBase } from './kind';
import {
  checkPadding, checkPair, checkWeightOptions, checkWhole, finishWeighted, intControl, kernelAndBias, needsImage, normalPair,
  paddingControl, paddingFromConfig, quoted, WEIGHT_CONTROLS, weightOptionsConfig, type WeightOptions,
} from './kindHelpers';
import type { Padding } from './padding';
import { windowAxis } from './padding';
import { pair, type IntPair } from './shapes';
import { kerasWeightArgs, py, torchActivation } from '../export/python';
import { samePads, symmetric } from '../export/torchPadding';

export interface Conv2DSpec extends SpecBase, WeightOptions {
  type: 'Conv2D';
  filters: number;
  kernel_size: IntPair;
  strides?: IntPair;
  padding?: Padding;
}

/** Conv2D on channels-last images: `filters` learned kernels slide over the input. */
export const conv2dKind = defineKind<Conv2DSpec>({
  type: 'Conv2D',
  controls: [
    intControl('filters', 1, 256, true), intControl('kernel_size', 1, 28, true, true), intControl('strides', 1, 28, false, true, 1),
    paddingControl, ...WEIGHT_CONTROLS,
  ],
  checkSettings: (spec) => [
    ...checkWhole(spec.filters, 'filters', 4096),
    ...checkPair(spec.kernel_size, 'kernel_size', 1024),
    ...(spec.strides === undefined ? [] : checkPair(spec.strides, 'strides', 1024)),
    ...checkPadding(spec.padding),
    ...checkWeightOptions(spec),
  ],
  outputShape(spec, input, index) {
    const notImage = needsImage('Conv2D', input, index);
    if (notImage) return notImage;
    const [kh, kw] = pair(spec.kernel_size);
    const [sh, sw] = pair(spec.strides ?? 1);
    const padding = spec.padding ?? 'valid';
    const rows = windowAxis(input[0]!, kh, sh, padding), cols = windowAxis(input[1]!, kw, sw, padding);
    if (rows.out <= 0 || cols.out <= 0) {
      return {
        problem: msg('spec.kernelTooBig', { kernel: `${kh}×${kw}`, size: `${input[0]}×${input[1]}` }),
        fix: { kind: 'setPadding', index, padding: 'same' },
      };
    }
    return [rows.out, cols.out, spec.filters];
  },
  weights: (spec, input) => kernelAndBias([...pair(spec.kernel_size), input[2]!, spec.filters], spec.filters, spec.use_bias),
  build(spec, input, rng, kernels = jsKernels) {
    const kernelSize = pair(spec.kernel_size);
    const layer = new Conv2D(input, {
      filters: spec.filters, kernelSize, strides: pair(spec.strides ?? 1),
      padding: spec.padding ?? 'valid', useBias: spec.use_bias !== false,
    }, kernels);
    return finishWeighted(layer, spec, rng, kernels);
  },
  floats(spec, input, output) {
    // The im2col matrix (forward, or backward's rebuild) and its gradient: one patch per output position.
    const [kh, kw] = pair(spec.kernel_size);
    const cols = output[0]! * output[1]! * kh * kw * input[2]!;
    const outSize = output[0]! * output[1]! * output[2]!, inSize = input[0]! * input[1]! * input[2]!;
    return { forward: outSize + cols, backward: inSize + cols };
  },
  outputEffect: (spec) => ({ activation: spec.activation ?? 'linear', layerHasSetting: true }),
  keras: {
    className: 'Conv2D',
    stem: 'conv2d',
    toConfig: (spec) => ({
      filters: spec.filters, kernel_size: pair(spec.kernel_size), strides: pair(spec.strides ?? 1),
      padding: spec.padding ?? 'valid', data_format: 'channels_last', dilation_rate: [1, 1], ...weightOptionsConfig(spec),
    }),
    fromConfig(r) {
      const dilation = normalPair(r.get('dilation_rate') ?? 1);
      if (dilation !== 1) r.refuse(msg('modelFile.why.dilation', { value: quoted(r.get('dilation_rate')) }));
      const groups = r.get('groups');
      if (groups !== undefined && groups !== null && groups !== 1) r.refuse(msg('modelFile.why.groups', { value: quoted(groups) }));
      const strides = normalPair(r.get('strides') ?? 1);
      return {
        filters: r.get('filters'), kernel_size: normalPair(r.get('kernel_size')), ...(strides === 1 ? {} : { strides }),
        ...paddingFromConfig(r.get('padding')), ...r.activation('activation'), ...r.weightOptions(),
      };
    },
  },
  code: {
    torch(spec, input) {
      const kernel = pair(spec.kernel_size), strides = pair(spec.strides ?? 1);
      const pads = samePads(input, kernel, strides, spec.padding ?? 'valid');
      const bias = spec.use_bias === false ? ', bias=False' : '';
      const stride = strides[0] === 1 && strides[1] === 1 ? '' : `, stride=${py(strides)}`;
      // Even kernels pad one more after than before: PyTorch's padding= cannot, a ZeroPad2d can.
      const asymmetric = pads !== null && !symmetric(pads);
      const padding = pads === null || asymmetric ? '' : `, padding=${py([pads[2], pads[0]])}`;
      const conv = `nn.Conv2d(${input[2]}, ${spec.filters}, kernel_size=${py(kernel)}${stride}${padding}${bias})`;
      return asymmetric
        ? { modules: [`nn.ZeroPad2d(${py(pads)})`, conv, ...torchActivation(spec.activation)], weighted: 1 }
        : { modules: [conv, ...torchActivation(spec.activation)] };
    },
    keras(spec, ctx) {
      const strides = pair(spec.strides ?? 1);
      return `layers.Conv2D(${spec.filters}, ${py(pair(spec.kernel_size))}`
        + `${strides[0] === 1 && strides[1] === 1 ? '' : `, strides=${py(strides)}`}`
        + `${(spec.padding ?? 'valid') === 'valid' ? '' : ', padding="same"'}${kerasWeightArgs(spec, ctx.weightDecay)})`;
    },
  },
  palette: { family: 'conv', group: 'core', items: [{ id: 'Conv2D', create: () => ({ type: 'Conv2D', filters: 8, kernel_size: 3, activation: 'relu' }) }] },
});
