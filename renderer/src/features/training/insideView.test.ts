import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { PRESETS } from '$engine';
import type { InsideStats, LayerInside, TrainEvent } from '../../../../electron/ipc/contract';
import { i18n } from '../../lib/i18n/i18n.svelte';
import InsidePanel from './InsidePanel.svelte';
import { INSIDE_VIEW, InsideView, MAX_INSIDE_POINTS } from './insideView.svelte';
import { FakeApi, started } from './testing/fakeApi';
import { TrainingSession } from './trainingSession.svelte';

const histogram = { lo: 0, hi: 1, counts: [3, 0, 1, 4] };
const dense = (index: number, activation: string | null, gradNorm: number, over: Partial<LayerInside> = {}): LayerInside => ({
  index, name: `dense_${index}`, type: 'Dense', activation, output: histogram, saturated: activation === 'sigmoid' ? 0.75 : null,
  dead: activation === 'relu' ? 0.125 : null,
  params: [
    { name: 'kernel', size: 4, gradNorm, weightNorm: 2, updateRatio: 0.01 * gradNorm / 2, weights: { lo: -1, hi: 1, counts: [1, 2, 1, 0] } },
    { name: 'bias', size: 2, gradNorm: gradNorm / 2, weightNorm: 0, updateRatio: null, weights: { lo: -0.5, hi: 0.5, counts: [0, 2, 0, 0] } },
  ],
  ...over,
});
const stats = (step: number, layers: LayerInside[]): InsideStats => ({ step, epoch: 0, batch: step, learningRate: 0.01, layers, costMs: 0.1 });
const inside = (runId: string, s: InsideStats): TrainEvent => ({ type: 'inside', runId, ...s });

describe('InsideView', () => {
  it('asks for the statistics at the start only when open, and opens or closes them during a run', async () => {
    const fake = new FakeApi();
    let run = { runId: null as string | null, active: false };
    const view = new InsideView(fake.api, () => run);
    expect(view.begin()).toEqual({});
    await view.setOpen(true);
    // No run: nothing to tell the host, the next run asks from its start.
    expect(fake.callsTo('train:set')).toEqual([]);
    expect(view.begin()).toEqual({ inside: INSIDE_VIEW });
    run = { runId: 'run-1', active: true };
    await view.setOpen(false);
    await view.setOpen(true);
    expect(fake.callsTo('train:set')).toEqual([{ runId: 'run-1', inside: null }, { runId: 'run-1', inside: INSIDE_VIEW }]);
  });

  it('keeps one line per weighted layer, leaves out zeros (a log axis has none), and bounds each line', () => {
    const view = new InsideView(new FakeApi().api, () => ({ runId: null, active: false }));
    const flatten: LayerInside = { index: 0, name: 'flatten', type: 'Flatten', activation: null, output: histogram, saturated: null, dead: null, params: [] };
    view.show(stats(0, [flatten, dense(1, 'sigmoid', 1e-4), dense(2, 'sigmoid', 0)]));
    expect(view.lines.map((l) => [l.name, l.grad.length])).toEqual([['dense_1', 1], ['dense_2', 0]]);
    expect(view.lines[0]!.ratio).toEqual([{ x: 0, y: 0.01 * 1e-4 / 2 }]);
    for (let step = 1; step <= 2 * MAX_INSIDE_POINTS; step++) view.show(stats(step, [dense(1, 'sigmoid', step)]));
    const line = view.lines[0]!.grad;
    expect(line.length).toBeLessThanOrEqual(MAX_INSIDE_POINTS);
    // Thinned evenly, the first and the latest kept, in order.
    expect(line[0]!.x).toBe(0);
    expect(line.at(-1)!.x).toBe(2 * MAX_INSIDE_POINTS);
    expect(line.every((p, i) => i === 0 || p.x > line[i - 1]!.x)).toBe(true);
    view.begin();
    expect([view.lines, view.latest]).toEqual([[], null]);
  });

  it('the session passes its run’s measurements to the view and asks for them when the view is open', async () => {
    const fake = new FakeApi();
    const session = new TrainingSession(fake.api);
    await session.inside.setOpen(true);
    await session.start(PRESETS.mlp);
    expect(fake.callsTo('train:start')[0]).toMatchObject({ inside: INSIDE_VIEW });
    fake.emit(started('run-1'), inside('other-run', stats(0, [dense(1, 'relu', 9)])), inside('run-1', stats(4, [dense(1, 'relu', 2)])));
    expect(session.inside.latest?.step).toBe(4);
    expect(session.inside.lines[0]!.grad).toEqual([{ x: 4, y: 2 }]);
    session.dispose();
  });
});

describe('InsidePanel', () => {
  it('shows each layer’s shares and sizes in the UI’s language', async () => {
    const view = new InsideView(new FakeApi().api, () => ({ runId: null, active: false }));
    await view.setOpen(true);
    view.show(stats(9, [dense(1, 'sigmoid', 0.00012), dense(2, 'relu', 0.5)]));
    i18n.setLang('fr');
    try {
      render(InsidePanel, { view });
      expect(screen.getByRole('heading', { name: 'Couches, lot 10' })).toBeTruthy();
      const first = screen.getByRole('article', { name: 'dense_1 (sigmoid)' });
      expect(first.textContent).toContain('Saturées : 75 %');
      expect(first.textContent).toContain('‖∂L/∂kernel‖ = 0,00012');
      expect(screen.getByRole('article', { name: 'dense_2 (relu)' }).textContent).toContain('Unités mortes : 13 %');
      expect(screen.getAllByRole('img', { name: /Histogramme des sorties de la couche sur le lot, de 0 à 1/ })).toHaveLength(2);
    } finally {
      i18n.setLang('en');
    }
  });
});
