import { describe, expect, it } from 'vitest';
import { MAX_POINTS, parseStoredPoints, PointsEditor, pointsToCsv, POINTS_STORAGE_KEY, type PointsStorage } from './pointsEditor.svelte';

class MapStorage implements PointsStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

describe('PointsEditor', () => {
  it('adds points of the selected class and lays them out for the engine', () => {
    const editor = new PointsEditor({ storage: null });
    editor.add(0.5, -0.25);
    editor.selectClass(2);
    editor.add(-1, 1);
    expect(editor.points).toEqual([{ x1: 0.5, x2: -0.25, label: 0 }, { x1: -1, x2: 1, label: 2 }]);
    expect(Array.from(editor.pointSet.points)).toEqual([0.5, -0.25, -1, 1]);
    expect(Array.from(editor.pointSet.labels)).toEqual([0, 2]);
    expect(editor.counts).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('refuses a class beyond the sixth and coordinates that are not numbers', () => {
    const editor = new PointsEditor({ storage: null });
    editor.selectClass(6);
    expect(editor.selectedClass).toBe(0);
    expect(editor.add(Number.NaN, 0)).toBe(false);
    expect(editor.points).toEqual([]);
  });

  it('erases the nearest point within the radius only', () => {
    const editor = new PointsEditor({ storage: null });
    editor.add(0, 0);
    editor.add(0.3, 0);
    expect(editor.eraseNearest(0.2, 0, 0.15)).toBe(true);
    expect(editor.points).toEqual([{ x1: 0, x2: 0, label: 0 }]);
    expect(editor.eraseNearest(1, 1, 0.15)).toBe(false);
    expect(editor.points).toHaveLength(1);
  });

  it('undoes add, erase and clear in reverse order', () => {
    const editor = new PointsEditor({ storage: null });
    expect(editor.canUndo).toBe(false);
    editor.add(0, 0);
    editor.add(1, 1);
    editor.eraseNearest(0, 0, 0.1);
    editor.clear();
    expect(editor.points).toEqual([]);
    editor.undo();
    expect(editor.points).toEqual([{ x1: 1, x2: 1, label: 0 }]);
    editor.undo();
    expect(editor.points).toHaveLength(2);
    editor.undo();
    editor.undo();
    expect(editor.points).toEqual([]);
    expect(editor.canUndo).toBe(false);
    editor.undo(); // nothing left: no change, no error
    expect(editor.points).toEqual([]);
  });

  it('stops adding at MAX_POINTS', () => {
    const storage = new MapStorage();
    const points = Array.from({ length: MAX_POINTS }, (_, i) => [i / MAX_POINTS, 0, 0]);
    storage.setItem(POINTS_STORAGE_KEY, JSON.stringify({ version: 1, selectedClass: 0, points }));
    const editor = new PointsEditor({ storage });
    expect(editor.full).toBe(true);
    expect(editor.add(0, 0)).toBe(false);
  });

  it('keeps the points and the class across restarts', () => {
    const storage = new MapStorage();
    const first = new PointsEditor({ storage });
    first.selectClass(3);
    first.add(0.1, 0.2);
    const second = new PointsEditor({ storage });
    expect(second.points).toEqual([{ x1: 0.1, x2: 0.2, label: 3 }]);
    expect(second.selectedClass).toBe(3);
  });

  it('starts empty from a damaged stored value', () => {
    for (const raw of ['{not json', 'null', '[]', '{"version":2,"selectedClass":0,"points":[]}',
      '{"version":1,"selectedClass":0,"points":[[0,0,7]]}', '{"version":1,"selectedClass":0,"points":[[0,"a",1]]}',
      '{"version":1,"selectedClass":9,"points":[]}', '{"version":1,"selectedClass":0,"points":[[0,0]]}']) {
      const storage = new MapStorage();
      storage.setItem(POINTS_STORAGE_KEY, raw);
      const editor = new PointsEditor({ storage });
      expect(editor.points, raw).toEqual([]);
      expect(editor.selectedClass, raw).toBe(0);
    }
  });

  it('survives a storage that throws', () => {
    const storage: PointsStorage = {
      getItem: () => { throw new Error('disabled'); },
      setItem: () => { throw new Error('quota'); },
    };
    const editor = new PointsEditor({ storage });
    expect(editor.add(0, 0)).toBe(true);
    expect(editor.points).toHaveLength(1);
  });

  it('reads back exactly what it wrote', () => {
    const storage = new MapStorage();
    new PointsEditor({ storage }).add(-0.123456, 1.5);
    expect(parseStoredPoints(storage.getItem(POINTS_STORAGE_KEY))?.points).toEqual([{ x1: -0.123456, x2: 1.5, label: 0 }]);
  });
});

describe('pointsToCsv', () => {
  it('writes a header, point decimals, no exponent and 0-based labels', () => {
    const csv = pointsToCsv([{ x1: 0.5, x2: -0.25, label: 0 }, { x1: 1e-7, x2: -1.23456, label: 5 }, { x1: -0.00001, x2: 2, label: 1 }]);
    expect(csv).toBe('x1,x2,label\n0.5,-0.25,0\n0,-1.2346,5\n0,2,1\n');
  });

  it('writes only the header for no points', () => {
    expect(pointsToCsv([])).toBe('x1,x2,label\n');
  });
});
