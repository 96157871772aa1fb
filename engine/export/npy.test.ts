/** Our .npy writer read back by NumPy itself (numpy.load), for each rank the exports write. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npyFloat32 } from './npy';

describe('npyFloat32', () => {
  it('starts the data on a 64-byte boundary and refuses a shape that does not hold the values', () => {
    for (const shape of [[3], [2, 5], [4, 1, 3, 3]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const bytes = npyFloat32(new Float32Array(n), shape);
      expect((bytes.length - n * 4) % 64).toBe(0);
    }
    expect(() => npyFloat32(new Float32Array(5), [2, 3])).toThrow(/holds 6 values, not 5/);
  });

  it('is read by numpy.load with its shape, dtype and exact values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'layerwise-npy-'));
    try {
      const arrays = { vector: [[3], [1.5, -2, 1e-30]], matrix: [[2, 3], [0, 1, 2, 3, 4, 5.25]], kernel: [[2, 1, 1, 2], [0.1, -0.2, 0.3, -1e6]] } as const;
      for (const [name, [shape, values]] of Object.entries(arrays)) await writeFile(join(dir, `${name}.npy`), npyFloat32(Float32Array.from(values), shape));
      const script = 'import json, sys, numpy as np\n'
        + 'print(json.dumps({n: [list(a.shape), str(a.dtype), [float(v) for v in a.reshape(-1)]] for n in sys.argv[2:] for a in [np.load(sys.argv[1] + "/" + n + ".npy")]}))';
      const run = spawnSync('/usr/bin/python3', ['-c', script, dir, ...Object.keys(arrays)], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const read = JSON.parse(run.stdout) as Record<string, [number[], string, number[]]>;
      for (const [name, [shape, values]] of Object.entries(arrays)) expect(read[name]).toEqual([[...shape], 'float32', [...Float32Array.from(values)]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
