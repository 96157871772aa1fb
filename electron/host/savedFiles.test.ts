/**
 * Saving a report, a CSV or a picture through the host: the native dialog is asked (the
 * page sends no path), the file is written whole, a cancelled dialog writes nothing, and
 * a failed write leaves the old file as it was and no temporary behind.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestHost, type TestHost } from './hostTestKit';
import { writeWhole } from './savedFiles';
import { HostError } from './hostError';

let t: TestHost;
let out: string;
beforeAll(async () => {
  t = await makeTestHost();
  out = await mkdtemp(path.join(tmpdir(), 'layerwise-save-'));
});
afterAll(async () => {
  await t.close();
  await rm(out, { recursive: true, force: true });
});

describe('runs:saveFile', () => {
  it('asks where with the suggested name and writes the report as sent', async () => {
    t.dialogs.savePath = path.join(out, 'report.html');
    const html = '<!DOCTYPE html><title>Rapport : é</title>';
    expect(await t.ok('runs:saveFile', { name: 'moons-report.html', kind: 'html', text: html })).toEqual({ path: t.dialogs.savePath });
    expect(t.dialogs.asked).toContain('save-html:moons-report.html');
    expect(await readFile(t.dialogs.savePath, 'utf8')).toBe(html);
  });

  it('writes a picture from base64 as bytes', async () => {
    t.dialogs.savePath = path.join(out, 'curves.png');
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    await t.ok('runs:saveFile', { name: 'curves.png', kind: 'png', base64: bytes.toString('base64') });
    expect(await readFile(t.dialogs.savePath)).toEqual(bytes);
  });

  it('writes nothing when the dialog is cancelled, and refuses a request with both or neither body', async () => {
    t.dialogs.savePath = null;
    expect(await t.ok('runs:saveFile', { name: 'x.csv', kind: 'csv', text: 'a,b' })).toBeNull();
    expect((await t.err('runs:saveFile', { name: 'x.csv', kind: 'csv' })).code).toBe('invalid-request');
    expect((await t.err('runs:saveFile', { name: 'x.csv', kind: 'csv', text: 'a', base64: 'YQ==' })).code).toBe('invalid-request');
    expect((await t.err('runs:saveFile', { name: 'x.exe', kind: 'exe', text: 'a' })).code).toBe('invalid-request');
  });
});

describe('writing whole', () => {
  it('replaces a file all at once, and a failed write leaves the old file and no temporary', async () => {
    const file = path.join(out, 'table.csv');
    await writeFile(file, 'old');
    await writeWhole(file, Buffer.from('new'));
    expect(await readFile(file, 'utf8')).toBe('new');
    const fail = writeWhole(file, Buffer.from('newer'), async (step) => {
      if (step === 'save:temp-written') throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
    });
    await expect(fail).rejects.toBeInstanceOf(HostError);
    await expect(fail).rejects.toMatchObject({ detail: { key: 'runs.saveDiskFull', params: { file: 'table.csv' } } });
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await readdir(out)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('says why when the folder cannot be written', async () => {
    await expect(writeWhole(path.join(out, 'missing', 'r.html'), Buffer.from('x'))).rejects.toMatchObject({ detail: { key: 'runs.saveFailed' } });
  });
});

describe('in the browser mode', () => {
  it('the host has no save dialog: the page downloads, and a request is refused in the user\'s words', async () => {
    const { createWebDialogs } = await import('../web/webDialogs');
    await expect(createWebDialogs({}).pickSavePath('report.html', 'html')).rejects.toMatchObject({ code: 'invalid-request', detail: { key: 'runs.saveInBrowser' } });
  });
});
