import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages';
import { expectWorded } from '../testing/messages';
import { analyzeNetwork, assertValidNetwork } from './analyze';
import type { LayerSpec, NetworkSpec } from './spec';
import { SpecError, type SpecIssue } from './specError';

const net = (...layers: object[]): NetworkSpec => ({ input_shape: [28, 28, 1], layers: layers as LayerSpec[] });

/** One broken network per problem analyzeNetwork and the layer registry can report. */
const BROKEN: Record<string, NetworkSpec> = {
  inputShape: { input_shape: [28, 28, 1, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }] },
  noLayerList: { input_shape: [28, 28, 1] } as unknown as NetworkSpec,
  noLayers: net(),
  unknownType: net({ type: 'Dense2' }),
  duplicateName: net({ type: 'Flatten', name: 'a' }, { type: 'Dense', units: 10, name: 'a' }),
  unknownSetting: net({ type: 'Flatten', size: 3 }, { type: 'Dense', units: 10, size: 1 }),
  endsWithImage: net({ type: 'Conv2D', filters: 2, kernel_size: 3 }),
  wrongOutputCount: net({ type: 'Flatten' }, { type: 'Dense', units: 12 }),
  tooManyParams: net({ type: 'Flatten' }, { type: 'Dense', units: 30_000 }, { type: 'Dense', units: 10 }),
  needsImage: net({ type: 'Flatten' }, { type: 'MaxPooling2D' }, { type: 'Dense', units: 10 }),
  needsVector: net({ type: 'Dense', units: 10 }),
  units: net({ type: 'Flatten' }, { type: 'Dense', units: 0 }),
  filters: net({ type: 'Conv2D', filters: 1.5, kernel_size: 3 }, { type: 'Flatten' }, { type: 'Dense', units: 10 }),
  pair: net({ type: 'Conv2D', filters: 2, kernel_size: [3] }, { type: 'Flatten' }, { type: 'Dense', units: 10 }),
  activation: net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'swish' }),
  activationRequired: net({ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'Activation' }),
  initializer: net({ type: 'Flatten' }, { type: 'Dense', units: 10, kernel_initializer: 'ones' }),
  boolean: net({ type: 'Flatten' }, { type: 'Dense', units: 10, use_bias: 'yes' }),
  padding: net({ type: 'Conv2D', filters: 2, kernel_size: 3, padding: 'full' }, { type: 'Flatten' }, { type: 'Dense', units: 10 }),
  alpha: net({ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'LeakyReLU', alpha: 3 }),
  rate: net({ type: 'Flatten' }, { type: 'Dropout', rate: 1 }, { type: 'Dense', units: 10 }),
  kernelTooBig: net({ type: 'Conv2D', filters: 2, kernel_size: 30 }, { type: 'Flatten' }, { type: 'Dense', units: 10 }),
  poolTooBig: net({ type: 'MaxPooling2D', pool_size: 30 }, { type: 'Flatten' }, { type: 'Dense', units: 10 }),
};

describe('analysis messages', () => {
  it('word every issue in both languages, each hole filled, French differing from English', () => {
    for (const [label, spec] of Object.entries(BROKEN)) {
      const { issues } = analyzeNetwork(spec);
      expect(issues.length, label).toBeGreaterThan(0);
      for (const issue of issues) {
        expectWorded(issue.detail, label);
        // The English message is the same sentence, for logs and the CLI.
        expect(issue.message, label).toBe(formatMessage(issue.detail!, 'en'));
      }
    }
  });

  it('word the warnings too', () => {
    const warnings: SpecIssue[] = [];
    for (const activation of ['relu', 'sigmoid', 'tanh']) warnings.push(...analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation })).warnings);
    warnings.push(...analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10 }, { type: 'LeakyReLU' })).warnings);
    warnings.push(...analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 8, kernel_initializer: 'zeros' }, { type: 'Dense', units: 10 })).warnings);
    expect(warnings).toHaveLength(5);
    for (const w of warnings) expectWorded(w.detail, w.message);
    expect(formatMessage(warnings[0]!.detail!, 'fr')).toContain('Réglez son activation sur softmax.');
  });

  it('give a SpecError the first issue as a detail, prefixed with its layer in the language of the UI', () => {
    const e = (() => { try { assertValidNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 0 })); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(SpecError);
    const err = e as SpecError;
    expectWorded(err.detail, 'SpecError');
    expect(formatMessage(err.detail, 'en')).toBe(err.message);
    expect(formatMessage(err.detail, 'fr')).toBe('Couche 2 (dense_1) : units doit être un nombre entier de 1 à 1 000 000 (reçu : 0).'.replace(/ 000/g, '\u202f000'));
    expectWorded(new SpecError(analyzeNetwork(net()).issues).detail, 'network-wide');
  });
});

describe('zeros initialization warning', () => {
  it('warns on a hidden Dense or Conv2D layer that starts at zero, with a one-click fix, and never blocks', () => {
    const dense = analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 32, activation: 'relu', kernel_initializer: 'zeros' }, { type: 'Dense', units: 10, activation: 'softmax' }));
    expect(dense.issues).toEqual([]);
    expect(dense.warnings).toEqual([expect.objectContaining({
      severity: 'warning', layerIndex: 1, layerName: 'dense_1', fix: { kind: 'setInitializer', index: 1, initializer: 'glorot_uniform' },
    })]);
    expect(dense.warnings[0]!.message).toMatch(/all its units start identical.*identical updates.*stay copies/);
    expect(formatMessage(dense.warnings[0]!.detail!, 'fr')).toMatch(/unités démarrent donc identiques.*mises à jour identiques/);
    expect(() => assertValidNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 32, kernel_initializer: 'zeros' }, { type: 'Dense', units: 10 }))).not.toThrow();
    const conv = analyzeNetwork(net({ type: 'Conv2D', filters: 4, kernel_size: 3, kernel_initializer: 'zeros' }, { type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }));
    expect(conv.warnings.map((w) => [w.layerName, w.fix?.kind])).toEqual([['conv2d_1', 'setInitializer']]);
  });

  it('says nothing for a zero-initialised output layer (softmax regression learns from zero) or zero biases', () => {
    expect(analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax', kernel_initializer: 'zeros' })).warnings).toEqual([]);
    expect(analyzeNetwork(net({ type: 'Flatten' }, { type: 'Dense', units: 32, bias_initializer: 'zeros' }, { type: 'Dense', units: 10, activation: 'softmax' })).warnings).toEqual([]);
  });
});
