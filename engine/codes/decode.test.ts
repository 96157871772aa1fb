import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Network } from '../model/network';
import { PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { randomArray } from '../testing/random';
import { codeLayerIndex, computeCodes } from './codes';
import { decodeCodes, reconstructImages } from './decode';

describe('decoding codes', () => {
  it('decoding the codes of images gives the network\'s reconstructions of them', () => {
    const net = Network.fromSpec(PRESETS.autoencoder2d, new Rng(1), { numClasses: null, kernels: 'js' });
    const count = 300, x = randomArray(count * 784, new Rng(2), 0, 1);
    const code = codeLayerIndex(net.layers);
    const codes = computeCodes(net, { count, inputs: x, labels: null, targets: null }, code);
    const decoded = decodeCodes(net, codes.values, count, code);
    const whole = reconstructImages(net, x, count);
    expect(decoded).toHaveLength(count * 784);
    for (let i = 0; i < decoded.length; i += 97) expect(decoded[i]).toBeCloseTo(whole[i]!, 6);
    // Any point of the code plane makes an image of pixels in [0, 1].
    const grid = decodeCodes(net, Float32Array.from([-1, -1, 0, 0, 1, 1]), 3, code);
    expect(Math.min(...grid)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...grid)).toBeLessThanOrEqual(1);
    expect(() => decodeCodes(net, codes.values, count, net.layers.length - 1)).toThrow(RangeError);
  });

  it('passes logits through the sigmoid when the network ends without one and trained with binary cross-entropy', () => {
    const spec: NetworkSpec = { input_shape: [4], layers: [{ type: 'Dense', units: 2, activation: 'tanh' }, { type: 'Dense', units: 4 }] };
    const net = Network.fromSpec(spec, new Rng(3), { numClasses: null, kernels: 'js' });
    const x = randomArray(8, new Rng(4), 0, 1);
    const raw = reconstructImages(net, x, 2, 'mean_squared_error');
    const pixels = reconstructImages(net, x, 2, 'binary_crossentropy');
    for (let i = 0; i < 8; i++) expect(pixels[i]).toBeCloseTo(1 / (1 + Math.exp(-raw[i]!)), 6);
  });
});
