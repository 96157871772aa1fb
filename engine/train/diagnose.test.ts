import { describe, expect, it } from 'vitest';
import { formatMessage } from '../messages';
import type { NetworkSpec } from '../model/spec';
import { chanceThreshold, diagnoseRun, dominantPrediction, type DiagnosisInput } from './diagnose';
import type { EpochMetrics } from './trainer';

const epochs = (...losses: number[]): EpochMetrics[] =>
  losses.map((loss, epoch) => ({ epoch, seconds: 1, running: { loss, accuracy: 0.5 }, train: null, trainCount: 0, val: null }));

/** A 10-class confusion matrix with 100 images per class, `correct` of each on the diagonal, the rest spread on the next class. */
function confusion(correct: number): number[][] {
  return Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (j === i ? correct : j === (i + 1) % 10 ? 100 - correct : 0)));
}

/** Every image predicted as `cls`. */
function flooded(cls: number): number[][] {
  return Array.from({ length: 10 }, () => Array.from({ length: 10 }, (_, j) => (j === cls ? 100 : 0)));
}

const MLP: NetworkSpec = {
  input_shape: [28, 28, 1],
  layers: [{ type: 'Flatten' }, { type: 'Dense', units: 128, activation: 'relu' }, { type: 'Dense', units: 10, activation: 'softmax' }],
};

const healthy: DiagnosisInput = {
  history: epochs(0.9, 0.4, 0.3),
  test: { measures: { accuracy: 0.95 }, confusion: confusion(95) },
  config: { learningRate: 0.05, optimizer: { type: 'sgd', momentum: 0.9 } },
  spec: MLP,
};

const kinds = (input: DiagnosisInput) => diagnoseRun(input).map((f) => f.kind);
const english = (input: DiagnosisInput) => diagnoseRun(input).map((f) => [f.problem, f.cause, f.fix].map((m) => formatMessage(m)).join(' '));

describe('diagnoseRun', () => {
  it('finds nothing wrong with a healthy run', () => {
    expect(diagnoseRun(healthy)).toEqual([]);
    // Nor with one that is merely mediocre (40 %: well above chance) or has no test set.
    expect(kinds({ ...healthy, test: { measures: { accuracy: 0.4 }, confusion: confusion(40) } })).toEqual([]);
    expect(kinds({ ...healthy, test: null })).toEqual([]);
    // A regression run has neither accuracy nor classes: nothing to compare with chance.
    expect(kinds({ ...healthy, test: { measures: {}, confusion: null } })).toEqual([]);
  });

  it('says a run that ends at chance level did, blaming a high learning rate and naming a usual one', () => {
    const run: DiagnosisInput = {
      ...healthy, config: { learningRate: 5, optimizer: { type: 'sgd' } }, test: { measures: { accuracy: 0.098 }, confusion: confusion(10) },
    };
    const [f] = diagnoseRun(run);
    expect(f).toMatchObject({ kind: 'chance', severity: 'error' });
    expect(f!.problem).toEqual({ key: 'train.diagnosis.chance', params: { accuracy: 9.8, classes: 10, chance: 10 } });
    expect(f!.cause.key).toBe('train.diagnosis.cause.lrHigh');
    expect(f!.fix).toEqual({ key: 'train.diagnosis.fix.lowerLr', params: { lr: 0.05 } });
    expect(english(run)[0]).toContain('learning rate 5 is far too high for SGD');
    // 15 % is the bound for 10 classes; 16 % is not chance.
    expect(kinds({ ...run, test: { measures: { accuracy: 0.15 }, confusion: confusion(15) } })).toContain('chance');
    expect(kinds({ ...run, test: { measures: { accuracy: 0.16 }, confusion: confusion(16) } })).not.toContain('chance');
  });

  it('names the class a run predicts for nearly everything', () => {
    const run: DiagnosisInput = { ...healthy, config: { learningRate: 0.5, optimizer: { type: 'adam' } }, test: { measures: { accuracy: 0.1 }, confusion: flooded(7) } };
    const f = diagnoseRun(run).find((x) => x.kind === 'oneClass')!;
    expect(f.severity).toBe('error');
    expect(f.problem).toEqual({ key: 'train.diagnosis.oneClass', params: { share: 100, cls: '7' } });
    expect(formatMessage(f.fix)).toContain('0.001');
    expect(formatMessage(f.cause, 'fr')).toContain('Adam');
  });

  it('does not call one class flooding what is a spread of predictions, or a test set that truly is mostly one class', () => {
    expect(dominantPrediction(confusion(50))).toBeNull();
    const skewed = flooded(3).map((row, i) => row.map((v) => (i === 3 ? v * 20 : v)));
    // 2,000 threes and 900 others, all predicted 3: the threes are 69 % of the set, so this is no symptom.
    expect(dominantPrediction(skewed)).toBeNull();
    const almost = confusion(10).map((row) => row.map((v, j) => (j === 4 ? v + 900 : v)));
    expect(dominantPrediction(almost)).toEqual({ cls: 4, share: expect.closeTo(0.91, 5) });
  });

  it('blames zero-initialized weights when the learning rate is usual', () => {
    const spec: NetworkSpec = {
      ...MLP, layers: [{ type: 'Flatten' }, { type: 'Dense', units: 128, activation: 'relu', kernel_initializer: 'zeros' }, { type: 'Dense', units: 10, activation: 'softmax' }],
    };
    const [f] = diagnoseRun({ ...healthy, spec, test: { measures: { accuracy: 0.1 }, confusion: confusion(10) } });
    expect(f!.cause).toEqual({ key: 'train.diagnosis.cause.zeros', params: { layer: 'dense_1' } });
    expect(f!.fix).toEqual({ key: 'train.diagnosis.fix.initializer', params: { layer: 'dense_1', initializer: 'he_uniform' } });
  });

  it('blames a deep stack of sigmoid layers, and a tiny learning rate', () => {
    const dense = (activation: 'sigmoid' | 'softmax') => ({ type: 'Dense' as const, units: 32, activation });
    const spec: NetworkSpec = { ...MLP, layers: [{ type: 'Flatten' }, dense('sigmoid'), dense('sigmoid'), dense('sigmoid'), dense('softmax')] };
    const atChance = { measures: { accuracy: 0.11 }, confusion: confusion(11) };
    expect(diagnoseRun({ ...healthy, spec, test: atChance })[0]!.cause).toEqual({ key: 'train.diagnosis.cause.saturating', params: { count: 3, activation: 'sigmoid' } });
    const slow = diagnoseRun({ ...healthy, config: { learningRate: 1e-7, optimizer: { type: 'adam' } }, test: atChance })[0]!;
    expect(slow.cause.key).toBe('train.diagnosis.cause.lrLow');
    expect(slow.fix).toEqual({ key: 'train.diagnosis.fix.raiseLr', params: { lr: 0.001 } });
  });

  it('says the loss rose over the run, and not when it only wobbled', () => {
    const rose = diagnoseRun({ ...healthy, history: epochs(0.8, 0.3, 0.6) });
    expect(rose).toHaveLength(1);
    expect(rose[0]).toMatchObject({ kind: 'lossRose', severity: 'warning' });
    expect(rose[0]!.problem).toEqual({ key: 'train.diagnosis.lossRose', params: { last: 0.6, lowest: 0.3, epoch: 2 } });
    expect(rose[0]!.fix).toEqual({ key: 'train.diagnosis.fix.schedule', params: { lr: 0.005 } });
    expect(kinds({ ...healthy, history: epochs(0.8, 0.3, 0.32) })).toEqual([]);
    // A tiny loss that doubles is not a rise anyone should worry about.
    expect(kinds({ ...healthy, history: epochs(0.05, 0.01, 0.02) })).toEqual([]);
  });

  it('says the loss did not move', () => {
    const flat = diagnoseRun({ ...healthy, history: epochs(2.302, 2.301, 2.3015) });
    expect(flat.map((f) => f.kind)).toEqual(['lossFlat']);
    expect(kinds({ ...healthy, history: epochs(2.3) })).toEqual([]);
  });

  it('calls two classes guessed only near 50 %, not a weak but real classifier', () => {
    const two = (accuracy: number): DiagnosisInput => ({
      ...healthy,
      test: { measures: { accuracy }, confusion: [[Math.round(accuracy * 100), 100 - Math.round(accuracy * 100)], [100 - Math.round(accuracy * 100), Math.round(accuracy * 100)]] },
    });
    expect(kinds(two(0.74))).not.toContain('chance');
    expect(kinds(two(0.52))).toContain('chance');
    expect(chanceThreshold(10)).toBeCloseTo(0.15);
  });

  it('words every finding in both languages with no hole left unfilled', () => {
    const run: DiagnosisInput = { ...healthy, config: { learningRate: 5, optimizer: { type: 'sgd' } }, history: epochs(1, 0.5, 2), test: { measures: { accuracy: 0.1 }, confusion: flooded(1) } };
    const findings = diagnoseRun(run);
    expect(findings.map((f) => f.kind)).toEqual(['chance', 'oneClass', 'lossRose']);
    for (const f of findings) {
      for (const m of [f.problem, f.cause, f.fix]) {
        for (const lang of ['en', 'fr'] as const) expect(formatMessage(m, lang)).not.toMatch(/\{\w+\}|^train\./);
      }
    }
    expect(formatMessage(findings[0]!.problem, 'fr')).toContain('10 %');
  });
});
