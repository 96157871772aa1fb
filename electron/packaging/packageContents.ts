/**
 * Helpers for packaging.test.ts: a stand-in Electron folder that electron-builder accepts
 * offline, running `electron-builder --dir`, and reading what ended up in app.asar.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { getRawHeader } from '@electron/asar';

/** @electron/fuses' marker: the fuse wire follows it (version byte, length byte, one byte per fuse). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order in wire version 1 (see @electron/fuses FuseV1Options). */
export const FUSES = [
  'runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
/** The fuses as Electron ships them (1 = on). */
const ELECTRON_DEFAULT_WIRE = '10110001';

/**
 * What electron-builder needs from an Electron distribution to assemble `--dir` offline:
 * an `electron` executable (here a small real one, /bin/true or node, with Electron's
 * default fuse wire appended so the fuses can be flipped and checked), `version`, and the
 * two licence files.
 */
export function makeStandInElectron(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const exe = join(dir, 'electron');
  const source = ['/bin/true', '/usr/bin/true'].find((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  }) ?? process.execPath;
  copyFileSync(source, exe);
  writeFileSync(exe, Buffer.concat([readFileSync(exe), Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, FUSES.length]), Buffer.from(ELECTRON_DEFAULT_WIRE, 'latin1')]));
  chmodSync(exe, 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), '');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '');
  return dir;
}

/** The fuse states of a binary, by name: true (on), false (off). */
export function readFuses(executable: string): Record<(typeof FUSES)[number], boolean> {
  const bytes = readFileSync(executable);
  const at = bytes.lastIndexOf(Buffer.from(FUSE_SENTINEL, 'latin1'));
  if (at < 0) throw new Error(`no fuse wire in ${executable}`);
  const wire = bytes.subarray(at + FUSE_SENTINEL.length + 2, at + FUSE_SENTINEL.length + 2 + FUSES.length).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1'])) as Record<(typeof FUSES)[number], boolean>;
}

export interface BuilderRun {
  status: number | null;
  output: string;
  seconds: number;
}

/** `electron-builder --dir --linux --x64` against a local Electron folder, output in `outDir`. */
export function runElectronBuilderDir(root: string, electronDist: string, outDir: string, timeoutMs = 90_000): BuilderRun {
  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [cli, '--dir', '--linux', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${outDir}`],
    { cwd: root, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, seconds: (Date.now() - started) / 1000 };
}

export interface AsarEntry {
  size: number;
  unpacked: boolean;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

/** Every file in an asar archive: posix path (no leading slash) → size and whether it is unpacked. */
export function asarFiles(archive: string): Map<string, AsarEntry> {
  const out = new Map<string, AsarEntry>();
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files !== undefined) walk(child, path);
      else out.set(path, { size: child.size ?? 0, unpacked: child.unpacked === true });
    }
  };
  walk(getRawHeader(archive).header as HeaderNode, '');
  return out;
}

/** Files under `dir`, as posix paths relative to `base`. */
export function filesUnder(base: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(base, rel), { withFileTypes: true })) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk(dir);
  return out;
}

/** Total size in bytes of the files under `dir`. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}

/**
 * The modules a built JS file loads: static and dynamic imports, `require(…)` (also the
 * bundler's `__require`), and worker entries (`new URL("./x.js", import.meta.url)`).
 * Comment lines are left out: a bundled library's JSDoc types (`{import('../matrix').default}`,
 * in ml-matrix) name modules that exist only in its sources.
 */
export function moduleSpecifiers(source: string): string[] {
  const code = source.replace(/^\s*(?:\*|\/\/).*$/gm, '');
  const found = new Set<string>();
  const patterns = [
    // Statements at the start of a line, as bundlers emit them (not the word "import" in text).
    /^\s*import\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?["']([^"'\n]+)["']/gm,
    /^\s*export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"'\n]+)["']/gm,
    /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
    /\b(?:__)?require\(\s*["']([^"'\n]+)["']\s*\)/g,
    /new URL\(\s*["'](\.{1,2}\/[^"'\n]+\.[cm]?js)["']\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found];
}

const BUILTINS = new Set(builtinModules);
const packageName = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (spec: string): boolean => spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]!);

/**
 * Follows every module `entries` load, inside the archive; returns the packaged files
 * reached and what would fail at run time: a relative import of a file that is not
 * packaged, or an import of a package that is not in the archive's node_modules
 * (Electron's and Node's built-in modules aside).
 */
export function importClosure(entries: string[], files: ReadonlySet<string>, read: (path: string) => string): { reached: string[]; problems: string[] } {
  const problems: string[] = [];
  const reached: string[] = [];
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!files.has(file)) {
      problems.push(`${file} is loaded but not packaged`);
      continue;
    }
    reached.push(file);
    for (const spec of moduleSpecifiers(read(file))) {
      if (spec.startsWith('./') || spec.startsWith('../')) queue.push(posix.normalize(posix.join(posix.dirname(file), spec)));
      else if (spec !== 'electron' && !isBuiltin(spec) && !files.has(`node_modules/${packageName(spec)}/package.json`)) {
        problems.push(`${file} imports the package "${spec}", which is not in the app`);
      }
    }
  }
  return { reached, problems };
}

/** Local files an HTML page references (src / href), relative to the page. */
export function htmlReferences(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"'#?]+)["']/g)]
    .map((m) => m[1]!)
    .filter((ref) => !/^[a-z][a-z0-9+.-]*:/i.test(ref) && !ref.startsWith('//'));
}
