/**
 * A run's training images kept in the kernels' memory (`Kernels.pinInputs`), so that a
 * batch is gathered and turned into floats by one kernel call, straight from the bytes,
 * instead of one copy per image into a staging area first (64 copies a batch: about a
 * tenth of the mlp workload's epoch). One set at a time: its region is reused by the next
 * set that fits, so pinning set after set does not grow the memory without bound (the
 * arena never frees).
 */
import type { WasmArena } from './wasmArena';

/** Larger sets are not pinned (the memory is capped at 1 GiB); MNIST's training images are 47 MB. */
export const PIN_MAX_BYTES = 256 << 20;

export class PinnedInputs {
  private bytes: Uint8Array | null = null;
  private region = 0;
  private regionBytes = 0;
  private indexArea = 0;
  private indexSlots = 0;

  constructor(private readonly mem: WasmArena) {}

  /** Copies `bytes` into the memory (nothing if already there); null unpins. False when it does not fit. */
  pin(bytes: Uint8Array | null): boolean {
    if (bytes === this.bytes) return true;
    this.bytes = null;
    if (!bytes || bytes.length > PIN_MAX_BYTES) return bytes === null;
    if (bytes.length > this.regionBytes) {
      const p = this.mem.allocBytes(bytes.length);
      if (p < 0) return false;
      this.region = p;
      this.regionBytes = bytes.length;
    }
    this.mem.heapU8.set(bytes, this.region);
    this.bytes = bytes;
    return true;
  }

  /** Byte address of the pinned copy of `bytes`, or −1 when these are not the pinned bytes. */
  addressOf(bytes: ArrayBufferView): number {
    return bytes === this.bytes ? this.region : -1;
  }

  /** indices[from … from+n) written into the memory as int32; their byte address (−1 if out of memory). */
  indices(indices: ArrayLike<number>, from: number, n: number): number {
    if (n > this.indexSlots) {
      const p = this.mem.allocBytes(Math.max(n, 256) * 4);
      if (p < 0) return -1;
      this.indexArea = p;
      this.indexSlots = Math.max(n, 256);
    }
    const heap = this.mem.heapI32, at = this.indexArea >> 2;
    for (let b = 0; b < n; b++) heap[at + b] = indices[from + b]!;
    return this.indexArea;
  }
}
