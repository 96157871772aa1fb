/**
 * Milliseconds from a monotonic clock. The engine is compiled without Node or DOM types,
 * so the `performance` global both runtimes provide is looked up rather than declared.
 */
const perf = (globalThis as { performance?: { now(): number } }).performance;

export function nowMs(): number {
  return perf ? perf.now() : Date.now();
}
