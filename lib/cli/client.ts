// The CLI's HTTP client: the REST API, configured by HIVEBOARD_URL and HIVEBOARD_API_KEY.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: Record<string, string> | null,
  ) {
    super(message);
  }
}

export type Api = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
) => Promise<T>;

export function apiClient(env: Record<string, string | undefined>): Api {
  const base = (env.HIVEBOARD_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const key = env.HIVEBOARD_API_KEY;
  if (!key)
    throw new ApiError(
      "Set HIVEBOARD_API_KEY to an API key (an admin makes one on the Admin page).",
      0,
      null,
    );
  return async (method, path, body) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          "x-api-key": key,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(
        `Cannot reach Hiveboard at ${base} (${(error as Error).message}). Is HIVEBOARD_URL right?`,
        0,
        null,
      );
    }
    // A diff answers text (text/x-diff): handed back as the string it is.
    if (res.ok && (res.headers.get("content-type") ?? "").startsWith("text/"))
      return (await res.text()) as never;
    const json = (await res.json().catch(() => null)) as {
      error?: { message: string; details: Record<string, string> | null };
    } | null;
    if (!res.ok)
      throw new ApiError(
        json?.error?.message ?? `HTTP ${res.status}`,
        res.status,
        json?.error?.details ?? null,
      );
    return json as never;
  };
}
