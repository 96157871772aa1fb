/**
 * NumPy's .npy format, version 1.0, for float32 arrays: what `numpy.load` reads with no
 * other library. The file is the magic `\x93NUMPY`, the version (1, 0), a little-endian
 * uint16 header length, a Python dict literal (dtype, order, shape) padded with spaces so
 * the data starts on a 64-byte boundary, then the values as little-endian float32, C order.
 */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const PREAMBLE = MAGIC.length + 2 + 2;

export function npyFloat32(values: Float32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`npy: shape ${shape.join('×')} holds ${count} values, not ${values.length}`);
  // A 1-tuple needs its trailing comma in Python: (3,).
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  const padded = dict + ' '.repeat((64 - ((PREAMBLE + dict.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(PREAMBLE + padded.length + values.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[PREAMBLE + i] = padded.charCodeAt(i);
  const data = new DataView(out.buffer, PREAMBLE + padded.length);
  for (let i = 0; i < values.length; i++) data.setFloat32(i * 4, values[i]!, true);
  return out;
}
