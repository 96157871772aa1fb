/**
 * Limits on what a model file declares (engine/model/limits.ts) are checked before any
 * weight array is allocated, and weights too large to compute with are refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { formatMessage } from '../messages';
import { MAX_LAYERS } from '../model/limits';
import { Network } from '../model/network';
import type { NetworkSpec } from '../model/spec';
import { fromLayersModel, ModelFileError, toLayersModel } from './layersModel';

const META = { appVersion: '0.1.0', createdAt: '2025-01-01T00:00:00.000Z' };
const SMALL: NetworkSpec = { input_shape: [4, 4, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 3 }] };

function modelJson(layers: unknown[], input = [null, 28, 28, 1]): unknown {
  const [first, ...rest] = layers as Record<string, unknown>[];
  const withInput = { ...first, config: { ...(first!.config as object), batch_input_shape: input } };
  return {
    format: 'layers-model',
    modelTopology: { class_name: 'Sequential', config: { name: 's', layers: [withInput, ...rest] } },
    weightsManifest: [{ paths: ['weights.bin'], weights: [] }],
  };
}

function refusal(f: () => unknown): ModelFileError {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ModelFileError);
  return err as ModelFileError;
}

describe('limits on what model.json declares', () => {
  it('refuses a model of 150,000 layers before reading them', () => {
    const layer = { class_name: 'Activation', config: { activation: 'relu' } };
    const json = modelJson(Array.from({ length: 150_000 }, () => layer));
    const e = refusal(() => fromLayersModel(JSON.parse(JSON.stringify(json)), new Uint8Array(0)));
    expect(e.message).toBe(`model.json declares 150,000 layers; Layerwise opens networks of at most ${MAX_LAYERS} layers.`);
    expect(formatMessage(e.detail!, 'fr')).toBe(`model.json déclare 150\u202f000 couches ; Layerwise ouvre des réseaux de ${MAX_LAYERS} couches au plus.`);
  });

  it('refuses a Dense layer of a billion units before allocating it', () => {
    const json = modelJson([{ class_name: 'Flatten', config: {} }, { class_name: 'Dense', config: { units: 1e9 } }]);
    expect(refusal(() => fromLayersModel(json, new Uint8Array(0))).message).toMatch(/units must be a whole number from 1 to 1,000,000/);
  });

  it('refuses a network whose buffers per image are too large, naming the layer', () => {
    // 16.8 M parameters (under the limit), but each image would need a 4,096 × 1,048,576 im2col matrix.
    const json = modelJson([
      { class_name: 'Conv2D', config: { name: 'huge_conv', filters: 16, kernel_size: [1024, 1024], padding: 'same' } },
      { class_name: 'Flatten', config: {} }, { class_name: 'Dense', config: { units: 10 } },
    ], [null, 64, 64, 1]);
    const e = refusal(() => fromLayersModel(json, new Uint8Array(0)));
    expect(e.message).toMatch(/would need [\d,]+ MiB of memory for each image \(most of it in huge_conv\); Layerwise allows at most 256 MiB per image/);
  });

  it('refuses finite but huge weights, with the weight and the reason', () => {
    const net = Network.fromSpec(SMALL, new Rng(1), { numClasses: null });
    net.params[0]!.value[5] = 3e38;
    const { modelJson: json, weightData } = toLayersModel(net, META);
    const e = refusal(() => fromLayersModel(JSON.parse(JSON.stringify(json)), weightData));
    expect(e.message).toMatch(/^weights\.bin holds the weight 3\.0e\+38 in dense_1\/kernel, far beyond what training produces/);
    expect(formatMessage(e.detail!, 'fr')).toMatch(/le fichier est endommagé/);
    net.params[0]!.value[5] = 50;
    const ok = toLayersModel(net, META);
    expect(fromLayersModel(JSON.parse(JSON.stringify(ok.modelJson)), ok.weightData).network.params[0]!.value[5]).toBe(50);
  });
});
