import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages';
import { analyzeOptionsFor } from '../train/taskHead';
import { analyzeNetwork, reconstructionEnd } from './analyze';
import { PRESETS } from './presets';
import type { LayerSpec, NetworkSpec } from './spec';

const RECONSTRUCT = analyzeOptionsFor({ kind: 'reconstruction' });
const net = (input: number[], ...layers: LayerSpec[]): NetworkSpec => ({ input_shape: input, layers });

describe('the shape analysis of an autoencoder', () => {
  it('accepts the presets: their output is their input\'s shape', () => {
    for (const preset of [PRESETS.autoencoder, PRESETS.autoencoder2d]) {
      const a = analyzeNetwork(preset, RECONSTRUCT);
      expect(a.issues).toEqual([]);
      expect(a.outputShape).toEqual([28, 28, 1]);
    }
    expect(analyzeNetwork(PRESETS.autoencoder, RECONSTRUCT).totalParams).toBe(159_794);
    expect(analyzeNetwork(PRESETS.autoencoder2d, RECONSTRUCT).layers.map((l) => l.outputShape)).toEqual([[784], [128], [2], [128], [784], [28, 28, 1]]);
  });

  it('says the output must have the input\'s shape and offers the end computed from that shape', () => {
    const encoder = analyzeNetwork(net([28, 28, 1], { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'tanh' }), RECONSTRUCT);
    expect(encoder.issues).toHaveLength(1);
    const issue = encoder.issues[0]!;
    expect(issue.fix).toEqual({ kind: 'appendLayers', layers: [{ type: 'Dense', units: 784, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [28, 28, 1] }] });
    expect(issue.message).toMatch(/To reconstruct its input, the network must end with the input’s shape, 28×28×1, but it ends with 10\. Add a Dense layer of 784 sigmoid units, then a Reshape to 28×28×1/);
    expect(formatMessage(issue.detail!, 'fr')).toMatch(/Ajoutez une couche Dense de 784 neurones sigmoïdes/);
    // Applying the fix gives a network the analysis accepts.
    const fixed = net([28, 28, 1], { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'tanh' }, ...(issue.fix as { layers: readonly LayerSpec[] }).layers);
    expect(analyzeNetwork(fixed, RECONSTRUCT).issues).toEqual([]);
    // Not hard-coded: another image size, a flat input, an image-shaped end, an end of the right size.
    expect(reconstructionEnd([5], [16, 16, 3])).toEqual([{ type: 'Dense', units: 768, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [16, 16, 3] }]);
    expect(reconstructionEnd([5], [6])).toEqual([{ type: 'Dense', units: 6, activation: 'sigmoid' }]);
    expect(reconstructionEnd([4, 4, 2], [8, 8, 1])).toEqual([{ type: 'Flatten' }, { type: 'Dense', units: 64, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [8, 8, 1] }]);
    const flatEnd = analyzeNetwork(net([28, 28, 1], { type: 'Flatten' }, { type: 'Dense', units: 784, activation: 'sigmoid' }), RECONSTRUCT);
    expect(flatEnd.issues[0]!.fix).toEqual({ kind: 'appendLayers', layers: [{ type: 'Reshape', target_shape: [28, 28, 1] }] });
    expect(flatEnd.issues[0]!.message).toMatch(/Add a Reshape to 28×28×1/);
  });

  it('leaves classifiers as they were: no reconstruction check without the task', () => {
    expect(analyzeNetwork(PRESETS.mlp).issues).toEqual([]);
    expect(analyzeNetwork(PRESETS.autoencoder).issues[0]!.message).toMatch(/image-shaped output/);
  });
});
