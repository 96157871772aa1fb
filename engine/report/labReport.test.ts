import { describe, expect, it } from 'vitest';
import { sampleRunRecord } from '../testing/runRecords';
import { labReport, reportFileName } from './labReport';
import { lineChartSvg, niceTicks } from './svgChart';

const OPTS = { version: '1.2.3', madeAt: '2026-12-07T05:00:00.000Z' } as const;

describe('the lab report of a run', () => {
  const run = sampleRunRecord({ name: 'Moons, tanh', notes: 'The loss falls fast.\nTanh helps.' });

  it('holds the summary table, the data, the settings, the curves, the results, the confusion matrix and the notes', () => {
    const html = labReport([run], { ...OPTS, lang: 'en' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>Lab report: Moons, tanh</title>');
    // The engine's analysis: Dense 2→8 has 24 parameters, 8→2 has 18; 42 in all.
    expect(html).toMatch(/<td>dense_1 \(Dense\)<\/td><td>\(None, 8\)<\/td><td>24<\/td>/);
    expect(html).toMatch(/<td>dense_2 \(Dense\)<\/td><td>\(None, 2\)<\/td><td>18<\/td>/);
    expect(html).toContain('Total parameters: 42');
    expect(html).toContain('140 training, 20 validation and 40 test samples');
    expect(html).toContain('<td>batch size</td><td>16</td>');
    expect(html).toContain('<td>learning rate</td><td>0.03</td>');
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    expect(html).toContain('<td>test</td><td>0.38</td><td>87.5%</td>');
    // Each cell shaded by its share of its true class: 18 of 20 A's right (0.9), 2 wrong (0.1).
    expect(html).toContain('<tr><th>A</th><td class="dark" style="background:rgba(31,119,180,0.900)">18</td><td style="background:rgba(214,39,40,0.100)">2</td></tr>');
    expect(html).toContain('<div class="notes">The loss falls fast.\nTanh helps.</div>');
  });

  it('needs no script and fetches nothing: it opens offline', () => {
    const html = labReport([run], { ...OPTS, lang: 'en' });
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain('@media print');
  });

  it('is written in French with French numbers', () => {
    const html = labReport([run], { ...OPTS, lang: 'fr' });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Compte rendu de TP : Moons, tanh');
    expect(html).toContain('<td>taux d’apprentissage</td><td>0,03</td>');
    expect(html).toContain('<td>test</td><td>0,38</td><td>87,5\u00a0%</td>');
    expect(html).toContain('Matrice de confusion');
  });

  it('escapes what the student typed: a run named <script> does not inject', () => {
    const evil = sampleRunRecord({ name: '<script>alert(1)</script>', notes: '</div><img src=x onerror=alert(1)>' });
    const html = labReport([{ ...evil, dataset: { ...evil.dataset, classNames: ['<b>', '"q"'] } }], { ...OPTS, lang: 'en' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;q&quot;');
  });

  it('says where notes go when there are none, and keeps a diverged loss as a broken line', () => {
    const diverged = sampleRunRecord();
    const history = [diverged.history[0]!, { ...diverged.history[1]!, val: { loss: Number.NaN, accuracy: 0.5 } }];
    const html = labReport([{ ...diverged, history }], { ...OPTS, lang: 'en' });
    expect(html).toContain('no notes: type them in the run history');
    expect(html).not.toMatch(/NaN,|,NaN/);
  });
});

describe('misclassified examples', () => {
  it('draws the few the record keeps, as SVG from their bytes, with what each was taken for', () => {
    const base = sampleRunRecord();
    // A 2×2 "image": ink at two of its four pixels.
    const pixels = btoa(String.fromCharCode(0, 255, 128, 0));
    const run = { ...base, dataset: { ...base.dataset, inputShape: [2, 2] }, test: { ...base.test!, misclassified: [{ label: 0, predicted: 1, confidence: 0.9, pixels }] } };
    const html = labReport([run], { ...OPTS, lang: 'fr' });
    expect(html).toContain('Quelques images de test mal classées');
    expect(html).toContain('<figcaption>A pris pour B (90,0\u00a0%)</figcaption>');
    const svg = /<figure class="mistake">(<svg.*?<\/svg>)/.exec(html)![1]!;
    expect(svg.match(/<rect x=/g)!.length).toBe(2);
    expect(svg).toContain('<rect x="1" y="0" width="1.05" height="1.05" fill-opacity="1.00"/>');
    expect(html).not.toContain('sans ses images de test');
  });

  it('skips an image whose size is not the input\'s, and says where to find examples when an image run kept none', () => {
    const base = sampleRunRecord();
    const images = { ...base, dataset: { ...base.dataset, inputShape: [28, 28, 1] } };
    const run = { ...images, test: { ...base.test!, misclassified: [{ label: 0, predicted: 1, confidence: 0.9, pixels: btoa('abc') }] } };
    const html = labReport([run], { ...OPTS, lang: 'en' });
    expect(html).not.toContain('class="mistake"');
    expect(html).toContain('reopen it and test it to look at misclassified examples');
    // Points have no pictures: no note about them.
    expect(labReport([base], { ...OPTS, lang: 'en' })).not.toContain('misclassified examples');
  });
});

describe('the lab report of a comparison', () => {
  const runs = [
    sampleRunRecord({ name: 'batch 1', hyperparams: { ...sampleRunRecord().hyperparams, batchSize: 1 } }),
    sampleRunRecord({ name: 'batch 64', hyperparams: { ...sampleRunRecord().hyperparams, batchSize: 64 }, test: { count: 40, measures: { loss: 0.3, accuracy: 0.9 }, confusion: [[19, 1], [3, 17]] } }),
  ];

  it('shows only the settings that differ, the best result in bold, and each run in full', () => {
    const html = labReport(runs, { ...OPTS, lang: 'en' });
    expect(html).toContain('<title>Lab report: comparison of 2 runs</title>');
    const differs = /<table class="differs">(.*?)<\/table>/s.exec(html)![1]!;
    expect(differs).toContain('<th>batch size</th><td>1</td><td>64</td>');
    expect(differs).not.toContain('learning rate');
    expect(html).toContain('<td>2 · batch 64</td><td>test</td><td>0.3</td><td><strong>90.0%</strong></td>');
    expect((html.match(/<article class="run">/g) ?? []).length).toBe(2);
    expect(html).toContain('<title>1 · batch 1 (validation)</title>');
  });

  it('names unnamed runs by number and what differs, since a sweep\'s share their data and date', () => {
    const unnamed = runs.map((r) => ({ ...r, name: null }));
    const html = labReport(unnamed, { ...OPTS, lang: 'fr' });
    expect(html).toContain('<h2>1 · taille de lot 1</h2>');
    expect(html).toContain('<h2>2 · taille de lot 64</h2>');
  });

  it('never puts two losses on one axis', () => {
    const mixed = [runs[0]!, { ...runs[1]!, hyperparams: { ...runs[1]!.hyperparams, loss: 'mse' } }];
    const html = labReport(mixed, { ...OPTS, lang: 'en' });
    expect(html).toContain('Loss (categorical_crossentropy)');
    expect(html).toContain('Loss (mse)');
    expect((html.match(/<svg /g) ?? []).length).toBe(3);
  });
});

describe('report helpers', () => {
  it('names the file from the run, in plain letters', () => {
    expect(reportFileName([sampleRunRecord({ name: 'Époque 3: tanh/ReLU' })], 'fr')).toBe('Epoque-3-tanh-ReLU-report.html');
    expect(reportFileName([sampleRunRecord(), sampleRunRecord()], 'en')).toBe('comparison-2-report.html');
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 1)).toEqual({ ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], step: 0.2 });
    expect(niceTicks(1, 10).ticks).toEqual([2, 4, 6, 8, 10]);
  });

  it('draws a line per series, breaking it at a non-finite value', () => {
    const svg = lineChartSvg([{ label: 'a', color: '#000', points: [[1, 1], [2, Number.NaN], [3, 2], [4, 3]] }], { title: 't', xLabel: 'x', format: String });
    const d = /<path d="([^"]*)"/.exec(svg)![1]!;
    expect(d.match(/M/g)!.length).toBe(2);
    expect(d.match(/L/g)!.length).toBe(1);
  });
});
