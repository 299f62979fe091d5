type ClientSchemas = typeof import("./client-schemas");
let schemas: Promise<ClientSchemas> | null = null;

/**
 * The schemas answers are checked against, loaded once and apart from the page's first
 * JavaScript (zod is ~30 KB gzip): a page shows its server-rendered data without them.
 */
export function clientSchemas(): Promise<ClientSchemas> {
  return (schemas ??= import("./client-schemas"));
}

/** GET a JSON resource of our API; errors carry the API's message for the UI to show. */
export async function fetchJson<T>(
  url: string,
  parse: (data: unknown) => T | Promise<T>,
): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message =
      (body as { error?: { message?: string } } | null)?.error?.message ??
      `Request failed (${res.status})`;
    throw Object.assign(new Error(message), { status: res.status });
  }
  return parse(body);
}

/** fetchJson, checked against one of the client schemas (loading them while the request is out). */
export function fetchParsed<T>(
  url: string,
  pick: (s: ClientSchemas) => { parse(data: unknown): T },
): Promise<T> {
  const loading = clientSchemas();
  return fetchJson(url, async (d) => pick(await loading).parse(d));
}
