/** `promise`, or `fallback` after `ms` if it has not settled by then (the timer never holds the process open). */
export function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return Promise.race([
    promise,
    new Promise<F>((resolve) => setTimeout(() => resolve(fallback), ms).unref()),
  ]);
}

const lastSaid = new Map<string, number>();

/** Logs an error line at most once per `ms` for the same `key`: an outage is a line, not a flood. */
export function complainEvery(key: string, ms: number, line: string): void {
  if (Date.now() - (lastSaid.get(key) ?? 0) < ms) return;
  lastSaid.set(key, Date.now());
  console.error(line);
}
