// Loaded into both servers of bench/socket-memory.ts (with --expose-gc): collect garbage twice a
// second, so resident memory reflects what is kept per client rather than what awaits collection.
setInterval(() => globalThis.gc?.(), 500).unref();
