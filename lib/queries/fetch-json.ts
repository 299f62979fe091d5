/** GET a JSON resource of our API; errors carry the API's message for the UI to show. */
export async function fetchJson<T>(url: string, parse: (data: unknown) => T): Promise<T> {
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
