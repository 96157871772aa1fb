import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableDataset } from '$engine';
import { pointsToCsv } from './pointsEditor.svelte';
import { savePointsFile, type PointsFileApi } from './pointsFile';

const csv = 'x1,x2,label\n0.5,-0.25,0\n1,1,1\n';

afterEach(() => vi.unstubAllGlobals());

describe('saving the points as a file', () => {
  it('asks the host’s save dialog in the desktop app, and says where the file went', async () => {
    const save = vi.fn(async () => ({ path: '/home/élève/points.csv' }));
    const api: PointsFileApi = { 'datasets:saveCsv': save, transportKind: () => 'electron' };
    expect(await savePointsFile(api, csv)).toBe('/home/élève/points.csv');
    expect(save).toHaveBeenCalledWith({ name: 'points', text: csv });
    save.mockResolvedValueOnce(null as never);
    expect(await savePointsFile(api, csv)).toBeNull();
  });

  it('downloads points.csv in a browser, without asking the host', async () => {
    const save = vi.fn();
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:points'), revokeObjectURL: vi.fn() });
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href')!, download: this.download });
    });
    expect(await savePointsFile({ 'datasets:saveCsv': save, transportKind: () => 'web' }, csv)).toBe('download');
    expect(clicked).toEqual([{ href: 'blob:points', download: 'points.csv' }]);
    expect(await blobs[0]!.text()).toBe(csv);
    expect(save).not.toHaveBeenCalled();
    click.mockRestore();
  });

  it('writes a file the table import reads back: 2 features, the classes by number', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ x1: i / 10, x2: -i / 4, label: i % 3 }));
    const d = tableDataset({ name: 'points.csv', text: pointsToCsv(points), testShare: 0.2 });
    expect(d.inputShape).toEqual([2]);
    expect(d.task).toEqual({ kind: 'classification', classNames: ['0', '1', '2'] });
    expect(d.train.count + d.test.count).toBe(10);
    expect(d.featureNames).toEqual(['x1', 'x2']);
  });
});
