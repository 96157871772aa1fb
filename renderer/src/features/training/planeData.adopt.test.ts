import { describe, expect, it } from 'vitest';
import type { GeneratedSource, PointsSource } from '../../../../electron/ipc/contract';
import { PlaneData } from './planeData.svelte';

describe('PlaneData.adopt (a saved model brings its points back)', () => {
  it('takes a generated set’s settings: the same points come back', () => {
    const source: GeneratedSource = { kind: 'generated', generator: 'spiral', points: 600, noise: 0.3, arms: 3, seed: 42, testShare: 0.25 };
    const d = new PlaneData();
    d.adopt(source);
    expect(d.choice).toBe('spiral3');
    expect(d.source).toEqual(source);
  });

  it('takes the student’s points, undoably', () => {
    const source: PointsSource = { kind: 'points', points: [[0, 0, 0], [1, 1, 1], [0.5, -0.5, 0], [-1, 1, 1]], seed: 7, testShare: 0.2 };
    const d = new PlaneData();
    d.adopt(source);
    expect(d.choice).toBe('own');
    expect(d.source).toEqual(source);
    d.editor.undo();
    expect(d.editor.points).toEqual([]);
  });
});
