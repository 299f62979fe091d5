// Where to go after signing in: a path inside this app, never another site. Browsers read `\` as
// `/` (so `/\evil.example/` is `//evil.example/`) and drop tabs and newlines inside URLs: the path
// is resolved the way a browser would, and kept only if it stays on this origin.
const BASE = "http://hiveboard.invalid";

export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/")) return "/";
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
