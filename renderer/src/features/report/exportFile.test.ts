import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportFile, type ExportApi } from './exportFile';

afterEach(() => vi.unstubAllGlobals());

describe('taking a file out', () => {
  it('asks the host to save it in the desktop app: text as text (a CSV with a BOM for spreadsheets), a picture as base64', async () => {
    const save = vi.fn(async () => ({ path: '/home/élève/x' }));
    const api: ExportApi = { 'runs:saveFile': save, transportKind: () => 'electron' };
    expect(await exportFile(api, 'report.html', 'html', '<!DOCTYPE html>')).toBe('/home/élève/x');
    expect(save).toHaveBeenLastCalledWith({ name: 'report.html', kind: 'html', text: '<!DOCTYPE html>' });
    await exportFile(api, 'loss.csv', 'csv', 'epoch;perte\r\n');
    expect(save).toHaveBeenLastCalledWith({ name: 'loss.csv', kind: 'csv', text: '\ufeffepoch;perte\r\n' });
    await exportFile(api, 'loss.png', 'png', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }));
    expect(save).toHaveBeenLastCalledWith({ name: 'loss.png', kind: 'png', base64: 'iVBORw==' });
    save.mockResolvedValueOnce(null as never);
    expect(await exportFile(api, 'report.html', 'html', 'x')).toBeNull();
  });

  it('downloads it in a browser, without asking the host', async () => {
    const save = vi.fn();
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'), revokeObjectURL: vi.fn() });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const api: ExportApi = { 'runs:saveFile': save, transportKind: () => 'web' };
    expect(await exportFile(api, 'moons-report.html', 'html', '<p>é</p>')).toBe('download');
    expect(await exportFile(api, 'loss.csv', 'csv', 'a,b\r\n')).toBe('download');
    expect(clicked).toEqual(['moons-report.html', 'loss.csv']);
    expect(await blobs[0]!.text()).toBe('<p>é</p>');
    expect(blobs[0]!.type).toBe('text/html;charset=utf-8');
    // The BOM's bytes first (text() would drop them as it decodes).
    expect([...new Uint8Array(await blobs[1]!.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\r\n')]);
    expect(save).not.toHaveBeenCalled();
    click.mockRestore();
  });
});
