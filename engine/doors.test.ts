import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The engine has two doors for the rest of the app: `engine/index.ts` (pure; the renderer
 * imports it as `$engine`) and `engine/node/index.ts` (files, folders, threads). Reaching
 * past them into an engine module from electron/, renderer/ or scripts/ ties the app to
 * the engine's inner layout, which is what the doors are for.
 */
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SPECIFIER = /(?:from|import)\s*\(?\s*'([^']+)'/g;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|svelte|mts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !p.includes('node_modules'));
}

/** Every engine module a file imports that is not one of the doors (test kits excepted in tests). */
function wrongDoors(file: string, text = readFileSync(file, 'utf8')): string[] {
  const isTest = /\.test\.ts$|TestKit\.ts$/.test(file);
  const found: string[] = [];
  for (const [, spec] of text.matchAll(SPECIFIER)) {
    if (!spec!.startsWith('.')) continue;
    const target = relative(join(root, 'engine'), resolve(file, '..', spec!)).replaceAll('\\', '/');
    if (target.startsWith('..')) continue;
    if (target === '' || target === 'index' || target === 'node' || target === 'node/index') continue;
    if (isTest && target.startsWith('testing/')) continue;
    found.push(`${relative(root, file)} → engine/${target}`);
  }
  return found;
}

describe('the doors into the engine', () => {
  it('electron/, renderer/ and scripts/ import the engine only through engine/index.ts and engine/node', () => {
    const files = ['electron', 'renderer', 'scripts'].flatMap(sources);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => wrongDoors(f))).toEqual([]);
  });

  it('renderer sources use the $engine alias, not a relative path', () => {
    const relativeDoor = sources('renderer/src').filter((f) => /from '(\.\.\/)+engine'/.test(readFileSync(f, 'utf8')));
    expect(relativeDoor.map((f) => relative(root, f))).toEqual([]);
  });

  it('sees a deep import, and lets the doors and test kits through', () => {
    const host = join(root, 'electron', 'host', 'probe.ts');
    expect(wrongDoors(host, "import { parseSpec } from '../../engine/model/spec';")).toEqual(['electron/host/probe.ts → engine/model/spec']);
    expect(wrongDoors(host, "import { msg } from '../../engine';\nimport { readIdx } from '../../engine/node';")).toEqual([]);
    expect(wrongDoors(join(root, 'electron', 'host', 'probe.test.ts'), "import { x } from '../../engine/testing/messages';")).toEqual([]);
  });
});
