import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analyze';
import { PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { formatIssue, formatShape, formatSummaryTable } from './summaryTable';

describe('formatSummaryTable', () => {
  it('prints the MLP like Keras, with separators in the counts', () => {
    const text = formatSummaryTable(analyzeNetwork(PRESETS.mlp), { title: 'mlp' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Model: "mlp"');
    expect(lines[1]).toMatch(/^_+$/);
    expect(lines[2]).toMatch(/^ Layer \(type\) +Output Shape +Param #$/);
    expect(lines[3]).toMatch(/^=+$/);
    const rows = lines.filter((l) => /\(\w+\) {2,}/.test(l) && !l.includes('Layer (type)'));
    expect(rows.map((r) => r.trim().split(/\s{2,}/))).toEqual([
      ['input (InputLayer)', '(None, 28, 28, 1)', '0'],
      ['flatten_1 (Flatten)', '(None, 784)', '0'],
      ['dense_1 (Dense)', '(None, 128)', '100,480'],
      ['dense_2 (Dense)', '(None, 10)', '1,290'],
    ]);
    expect(text).toContain('Total params: 101,770 (397.54 KB)');
    expect(text).toContain('Trainable params: 101,770 (397.54 KB)');
    expect(text).toContain('Non-trainable params: 0 (0.00 B)');
  });

  it('counts batch normalization\'s moving statistics as non-trainable, as Keras does', () => {
    const spec: NetworkSpec = { input_shape: [784], layers: [{ type: 'Dense', units: 64 }, { type: 'BatchNormalization' }, { type: 'Dense', units: 10 }] };
    const text = formatSummaryTable(analyzeNetwork(spec));
    expect(text).toMatch(/batch_normalization_1 \(BatchNormalization\) +\(None, 64\) +256/);
    expect(text).toContain('Total params: 51,146');
    expect(text).toContain('Trainable params: 51,018');
    expect(text).toContain('Non-trainable params: 128 (512.00 B)');
  });

  it('right-aligns the parameter column and keeps every line within the rules', () => {
    const lines = formatSummaryTable(analyzeNetwork(PRESETS.cnn)).split('\n');
    const width = lines[0]!.length;
    const tableRows = lines.filter((l) => /\((None|\?)/.test(l) || l.includes('Param #'));
    for (const row of tableRows) expect(row.length).toBe(width);
    expect(lines.some((l) => l.includes('(None, 4, 4, 16)'))).toBe(true);
    expect(lines.join('\n')).toContain('Total params: 5,994 (23.41 KB)');
    expect(lines[0]).not.toContain('Model:');
  });

  it('widens the columns for long names and shapes', () => {
    const spec: NetworkSpec = {
      input_shape: [28, 28, 1],
      layers: [
        { type: 'Conv2D', name: 'a_very_long_layer_name_for_the_first_convolution', filters: 1024, kernel_size: 3, padding: 'same' },
        { type: 'Flatten' }, { type: 'Dense', units: 10 },
      ],
    };
    const lines = formatSummaryTable(analyzeNetwork(spec)).split('\n');
    const row = lines.find((l) => l.includes('a_very_long'))!;
    expect(row).toMatch(/\(Conv2D\) {2,}\(None, 28, 28, 1024\) +10,240$/);
    expect(row.length).toBe(lines[0]!.length);
  });

  it('shows unknown shapes of an invalid network as ?', () => {
    const spec = { input_shape: [28, 28, 1], layers: [{ type: 'Dense', units: 10 }] } as NetworkSpec;
    expect(formatSummaryTable(analyzeNetwork(spec))).toMatch(/dense_1 \(Dense\) +\? +0/);
  });
});

describe('formatShape', () => {
  it('adds the batch placeholder', () => {
    expect(formatShape([784])).toBe('(None, 784)');
    expect(formatShape([24, 24, 8])).toBe('(None, 24, 24, 8)');
    expect(formatShape(null)).toBe('?');
  });
});

describe('formatIssue', () => {
  it('names the layer by position and name, as SpecError does', () => {
    const spec = {
      input_shape: [28, 28, 1],
      layers: [{ type: 'Conv2D', filters: 4, kernel_size: 3 }, { type: 'Dropout', rate: 0.5 }, { type: 'Dense', units: 10 }],
    } as NetworkSpec;
    const [issue] = analyzeNetwork(spec).issues;
    expect(formatIssue(issue!)).toMatch(/^Layer 3 \(dense_1\): Dense needs a flat vector .* Insert a Flatten layer before it\.$/);
  });

  it('prints network-wide problems without a layer', () => {
    const [issue] = analyzeNetwork(PRESETS.empty).issues;
    expect(formatIssue(issue!)).toMatch(/^The network has no layers\./);
  });
});
