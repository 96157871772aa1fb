import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, type Message } from '../messages';
import { loadDataSource, MAX_CSV_BYTES, readTextFile } from './dataSources';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'layerwise-csv-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>, lang: 'en' | 'fr' = 'en'): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err as { detail: Message });
  if (e === null) throw new Error('did not refuse');
  return formatMessage(e.detail, lang);
}

describe('reading a table file', () => {
  it('reads a CSV file with a test file beside it (the CLI’s --data and --test)', async () => {
    await writeFile(join(tmp, 'a.csv'), 'x1;x2;c\n1,5;2;oui\n3;4;non\n5;6;oui\n');
    await writeFile(join(tmp, 'b.csv'), 'x1;x2;c\n0;0,5;non\n');
    const d = await loadDataSource(join(tmp, 'a.csv'), { testFile: join(tmp, 'b.csv') });
    expect([d.train.count, d.test.count]).toEqual([3, 1]);
    expect(Array.from(d.test.inputs)).toEqual([0, 0.5]);
  });

  it('refuses a file over the size cap without reading it', async () => {
    const big = join(tmp, 'big.csv');
    await writeFile(big, '');
    await truncate(big, MAX_CSV_BYTES + 1); // sparse: nothing is written
    expect(await refusal(readTextFile(big))).toBe('big.csv is 65 MB; Layerwise reads tables of at most 64 MB.');
    expect(await refusal(readTextFile(big), 'fr')).toBe('big.csv fait 65 Mo ; Layerwise lit des tableaux d’au plus 64 Mo.');
  });

  it('refuses a FIFO without waiting for a writer, and a device', { timeout: 10_000 }, async () => {
    const fifo = join(tmp, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(await refusal(readTextFile(fifo))).toMatch(/^pipe\.csv is not a regular file/);
    expect(await refusal(readTextFile('/dev/zero'))).toMatch(/^zero is not a regular file/);
  });

  it('refuses a symbolic link when links are not to be followed (files picked in the app)', async () => {
    await writeFile(join(tmp, 'real.csv'), 'a,b\n1,2\n');
    await symlink(join(tmp, 'real.csv'), join(tmp, 'link.csv'));
    expect(await readTextFile(join(tmp, 'link.csv'))).toBe('a,b\n1,2\n');
    expect(await refusal(readTextFile(join(tmp, 'link.csv'), { followLinks: false }))).toBe('link.csv is a link to another file; choose the file itself.');
  });
});
