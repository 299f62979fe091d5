/** A route module's handlers, as Next calls them. */
export type Route = Record<
  string,
  (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
>;

/** Calls a route handler as Next does, with an API key: its status and JSON body. */
export async function callRoute(
  route: unknown,
  method: string,
  params: Record<string, string>,
  key: string,
  body?: unknown,
) {
  const res = await (route as Route)[method](
    new Request("http://localhost/api/v1/test", {
      method,
      headers: { "x-api-key": key, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
