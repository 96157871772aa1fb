/**
 * The linear memory of one WebAssembly backend: a growable *shared* memory (growing it
 * never detaches the views already handed out), bump-allocated and never reused, plus a
 * staging area where arrays from elsewhere are copied in and out around a kernel call.
 */
import { KERNELS_WASM_MAX_PAGES } from './kernelsWasm.generated';
import { wasmApi, type WasmMemory } from './wasmModule';

const PAGE = 65536;
const ALIGN = 64;

export class WasmArena {
  readonly memory: WasmMemory;
  /** The memory's current buffer, and earlier ones (views on them stay valid). */
  private buffer: ArrayBufferLike;
  private readonly oldBuffers: ArrayBufferLike[] = [];
  heapF32: Float32Array;
  heapI32: Int32Array;
  heapU8: Uint8Array;
  private top: number;
  private stagePtr = 0;
  private stageCap = 0;
  private stageUsed = 0;

  constructor() {
    this.memory = new (wasmApi()!.Memory)({ initial: 16, maximum: KERNELS_WASM_MAX_PAGES, shared: true });
    this.buffer = this.memory.buffer;
    this.heapF32 = new Float32Array(this.buffer);
    this.heapI32 = new Int32Array(this.buffer);
    this.heapU8 = new Uint8Array(this.buffer);
    // Address 0 stays unused.
    this.top = ALIGN;
  }

  /** Copies a staged result back into the caller's array (staging stays in use). */
  copyBack(a: Float32Array, p: number, n: number): void {
    if (!this.inMemory(a)) a.set(this.heapF32.subarray(p >> 2, (p >> 2) + n));
  }

  inMemory(a: ArrayBufferView): boolean {
    const b = a.buffer;
    return b === this.buffer || this.oldBuffers.includes(b);
  }

  /** Byte address of n values of `a` in the memory: its own, or a staged copy; −1 if neither fits. */
  input(a: Float32Array, n: number): number {
    if (this.inMemory(a)) return a.byteOffset;
    const p = this.stage(n);
    if (p >= 0) this.heapF32.set(a.subarray(0, n), p >> 2);
    return p;
  }

  inputInts(a: Int32Array, n: number): number {
    if (this.inMemory(a)) return a.byteOffset;
    const p = this.stage(n);
    if (p >= 0) this.heapI32.set(a.subarray(0, n), p >> 2);
    return p;
  }

  /** Like input, for a result; its current values are copied in only when the kernel reads them. */
  output(a: Float32Array, n: number, readsIt: boolean): number {
    if (this.inMemory(a)) return a.byteOffset;
    const p = this.stage(n);
    if (p >= 0 && readsIt) this.heapF32.set(a.subarray(0, n), p >> 2);
    return p;
  }

  outputInts(a: Int32Array, n: number): number {
    return this.inMemory(a) ? a.byteOffset : this.stage(n);
  }

  /** Copies a staged result back into the caller's array and frees the staging area. */
  finish(a: Float32Array, p: number, n: number): void {
    if (!this.inMemory(a)) a.set(this.heapF32.subarray(p >> 2, (p >> 2) + n));
    this.endStaging();
  }

  endStaging(): void {
    this.stageUsed = 0;
  }

  stage(n: number): number {
    const bytes = Math.ceil((n * 4) / ALIGN) * ALIGN;
    if (this.stageUsed + bytes > this.stageCap) {
      // A new, larger staging area. What this call staged so far stays where it is (the
      // memory is never reused), so its addresses remain valid.
      const cap = Math.max(2 * this.stageCap, bytes, 1 << 16);
      const p = this.allocBytes(cap);
      if (p < 0) return -1;
      this.stagePtr = p;
      this.stageCap = cap;
      this.stageUsed = 0;
    }
    const p = this.stagePtr + this.stageUsed;
    this.stageUsed += bytes;
    return p;
  }

  /** Bump allocation from the linear memory (zero-filled: memory is never reused); −1 when full. */
  allocBytes(bytes: number): number {
    const p = this.top;
    const end = p + Math.ceil(Math.max(bytes, 1) / ALIGN) * ALIGN;
    const have = this.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      // Grow by at least a quarter, so that many small buffers do not grow it page by page.
      const want = Math.max(pages, Math.ceil(have / PAGE / 4));
      try {
        this.memory.grow(Math.min(want, KERNELS_WASM_MAX_PAGES - have / PAGE));
      } catch {
        try {
          this.memory.grow(pages);
        } catch {
          return -1;
        }
      }
      if (this.memory.buffer.byteLength < end) return -1;
      this.oldBuffers.push(this.buffer);
      this.buffer = this.memory.buffer;
      this.heapF32 = new Float32Array(this.buffer);
      this.heapI32 = new Int32Array(this.buffer);
      this.heapU8 = new Uint8Array(this.buffer);
    }
    this.top = end;
    return p;
  }

  floats(n: number): Float32Array {
    const p = this.allocBytes(n * 4);
    return p < 0 ? new Float32Array(n) : new Float32Array(this.buffer, p, n);
  }

  ints(n: number): Int32Array {
    const p = this.allocBytes(n * 4);
    return p < 0 ? new Int32Array(n) : new Int32Array(this.buffer, p, n);
  }

  /** Bytes of linear memory in use (parameters, buffers, scratch). */
  get memoryBytes(): number {
    return this.top;
  }
}
