/**
 * The run history's files, for real: the size cap (oldest unstarred first), a damaged
 * record refused precisely without touching the others, hostile entries (a link out of
 * the folder, a FIFO, a huge file, a folder named like a run) never followed, read or
 * deleted by anything but their own delete, and a write interrupted midway.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMessage, serializeRunRecord, type RunRecord } from '../../engine';
import { sampleRunRecord } from '../../engine/testing/runRecords';
import { errorToResult } from './hostError';
import { MAX_RUN_FILE_BYTES, RunHistory } from './runHistory';

const execFileAsync = promisify(execFile);

let dir: string;
let runsDir: string;
let outside: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'layerwise-runs-'));
  runsDir = path.join(dir, 'runs');
  outside = path.join(dir, 'outside');
  await mkdir(outside);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The n-th run (minutes apart, so that ids sort by start). */
const run = (n: number, over: Partial<RunRecord> = {}): RunRecord => {
  const minute = String(n).padStart(2, '0');
  return sampleRunRecord({ id: `20261207-04${minute}00-0000000${n % 10}`, startedAt: `2026-12-07T04:${minute}:00.000Z`, ...over });
};
const ids = async (h: RunHistory) => (await h.list()).map((s) => s.id);
const resultOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => errorToResult(e, 'test'));

describe('the size cap', () => {
  it('drops the oldest unstarred runs first, keeps starred ones and the run just kept', async () => {
    const h = new RunHistory(runsDir, { maxRuns: 3 });
    await h.add(run(1, { starred: true }));
    await h.add(run(2));
    await h.add(run(3));
    await h.add(run(4));
    expect(await ids(h)).toEqual([run(4).id, run(3).id, run(1).id]);
    await h.add(run(5));
    expect(await ids(h)).toEqual([run(5).id, run(4).id, run(1).id]);
    expect((await readdir(runsDir)).sort()).toEqual([run(1).id, run(4).id, run(5).id].map((id) => `${id}.json`));
  });

  it('counts bytes too', async () => {
    const size = Buffer.byteLength(serializeRunRecord(run(1)));
    const h = new RunHistory(runsDir, { maxBytes: Math.floor(size * 2.5) });
    for (const n of [1, 2, 3, 4]) await h.add(run(n));
    expect(await ids(h)).toEqual([run(4).id, run(3).id]);
  });

  it('never drops a damaged file to make room (it may be the student’s to recover)', async () => {
    const h = new RunHistory(runsDir, { maxRuns: 2 });
    await h.add(run(1));
    await writeFile(path.join(runsDir, `${run(1).id}.json`), '{"format": "layerwise-run",');
    await h.add(run(2));
    await h.add(run(3));
    await h.add(run(4));
    expect(await ids(h)).toEqual([run(4).id, run(3).id, run(1).id]);
  });
});

describe('damaged records', () => {
  it('are listed with the file and field at fault, and the others are untouched', async () => {
    const h = new RunHistory(runsDir);
    for (const n of [1, 2, 3]) await h.add(run(n));
    const file = path.join(runsDir, `${run(2).id}.json`);
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.hyperparams.learningRate = -1;
    await writeFile(file, JSON.stringify(json));

    const list = await h.list();
    expect(list.map((s) => s.id)).toEqual([run(3).id, run(2).id, run(1).id]);
    const damaged = list[1]!.damaged!;
    expect(damaged).toEqual({ key: 'runs.badField', params: { file: `${run(2).id}.json`, field: 'hyperparams.learningRate' } });
    expect(formatMessage(damaged, 'fr')).toContain('« hyperparams.learningRate »');
    expect(list[0]!.damaged).toBeUndefined();
    expect(list[2]!.damaged).toBeUndefined();
    // Opening, renaming, starring it say why; the others still open; deleting it works.
    for (const attempt of [h.get(run(2).id), h.rename(run(2).id, 'x'), h.star(run(2).id, true)]) {
      const r = await resultOf(attempt);
      expect(r?.ok === false && r.error.detail).toEqual({ key: 'runs.damagedCannot', params: { reason: damaged } });
    }
    expect((await h.get(run(1).id)).spec).toEqual(run(1).spec);
    await h.delete(run(2).id);
    expect(await ids(h)).toEqual([run(3).id, run(1).id]);
  });

  it('a record whose id is not its file’s is refused', async () => {
    const h = new RunHistory(runsDir);
    await mkdir(runsDir);
    await writeFile(path.join(runsDir, `${run(1).id}.json`), serializeRunRecord(run(2)));
    expect((await h.list())[0]!.damaged).toEqual({ key: 'runs.badField', params: { file: `${run(1).id}.json`, field: 'id' } });
  });
});

describe('hostile entries', () => {
  const HOSTILE: Record<string, { make: (file: string) => Promise<void>; key: string }> = {
    'a link to a record outside': {
      make: async (file) => {
        await writeFile(path.join(outside, 'r.json'), serializeRunRecord(run(9)));
        await symlink(path.join(outside, 'r.json'), file);
      },
      key: 'runs.isLink',
    },
    'a FIFO': { make: (file) => execFileAsync('mkfifo', [file]).then(() => undefined), key: 'runs.notAFile' },
    'a huge file': {
      make: async (file) => {
        await writeFile(file, '');
        await truncate(file, MAX_RUN_FILE_BYTES + 1);
      },
      key: 'runs.tooLarge',
    },
    'a folder named like a run': { make: (file) => mkdir(file).then(() => undefined), key: 'runs.notAFile' },
  };

  it.each(Object.keys(HOSTILE))('%s: listed as damaged, never followed or read, deleted alone', async (kind) => {
    const h = new RunHistory(runsDir);
    await h.add(run(1));
    const bad = run(9).id;
    const file = path.join(runsDir, `${bad}.json`);
    await HOSTILE[kind]!.make(file);

    const list = await h.list();
    expect(list.map((s) => s.id)).toEqual([bad, run(1).id]);
    expect(list[0]!.damaged?.key).toBe(HOSTILE[kind]!.key);
    expect(list[0]!.damaged?.params?.['file']).toBe(`${bad}.json`);
    expect((await resultOf(h.get(bad)))?.ok).toBe(false);
    await h.delete(bad);
    expect(await ids(h)).toEqual([run(1).id]);
    // What a link pointed to is still there.
    if (kind.startsWith('a link')) expect((await lstat(path.join(outside, 'r.json'))).isFile()).toBe(true);
  });
});

describe('an interrupted write', () => {
  it('leaves the record as it was, and the next start clears the half-written file', async () => {
    await new RunHistory(runsDir).add(run(1));
    const failing = new RunHistory(runsDir, { step: (s) => { if (s === 'run:temp-written') throw new Error('killed'); } });
    await expect(failing.rename(run(1).id, 'New name')).rejects.toThrow('killed');
    expect((await readdir(runsDir)).some((f) => f.includes('.tmp-'))).toBe(true);

    const next = new RunHistory(runsDir);
    expect((await next.list())[0]).toMatchObject({ id: run(1).id, name: null });
    expect(await readdir(runsDir)).toEqual([`${run(1).id}.json`]);
  });
});

describe('the saved model a run made', () => {
  it('is noted on its run only: a model saved over is no longer the other run’s; a renamed or deleted one follows', async () => {
    const h = new RunHistory(runsDir);
    await h.add(run(1));
    await h.add(run(2));
    await h.linkModel(run(1).id, 'moons');
    await h.linkModel(run(2).id, 'moons'); // saved over, from the second run
    const modelOf = async (n: number) => (await h.list()).find((s) => s.id === run(n).id)!.modelId;
    expect([await modelOf(1), await modelOf(2)]).toEqual([null, 'moons']);
    await h.modelMoved('moons', 'crescents');
    expect(await modelOf(2)).toBe('crescents');
    await h.modelMoved('crescents', null);
    expect(await modelOf(2)).toBeNull();
  });
});
