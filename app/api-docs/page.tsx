import { AppHeader } from "@/components/layout/app-header";
import { OperationDoc, type DocOperation } from "@/components/docs/operation-doc";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { OPERATIONS } from "@/lib/http/api";
import { openApiDocument } from "@/lib/http/openapi";
import { listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "API" };

/** The REST API's reference, read off the same OpenAPI document machines fetch. */
export default async function ApiDocsPage() {
  await requirePageAccess("board:read", "/api-docs");
  const projects = await listProjectsForNav();
  const doc = openApiDocument(OPERATIONS, "");
  const ops: (DocOperation & { tag: string })[] = Object.entries(doc.paths).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, raw]) => {
        const o = raw as {
          tags: string[];
          summary: string;
          description: string;
          parameters: DocOperation["parameters"];
          requestBody?: { content: { "application/json": { schema: DocOperation["body"] } } };
          responses: Record<string, unknown>;
        };
        return {
          tag: o.tags[0],
          method,
          path,
          summary: o.summary,
          description: o.description,
          parameters: o.parameters,
          body: o.requestBody?.content["application/json"].schema,
          status: Object.keys(o.responses)[0],
        };
      }),
  );
  const tags = [...new Set(ops.map((o) => o.tag))];
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-4xl space-y-8 px-4 py-8">
        <header className="space-y-2">
          <h1 className="text-xl font-semibold">Hiveboard API</h1>
          <p className="text-sm text-slate-600">
            JSON over HTTP under <code>/api/v1</code>. Send an API key as <code>x-api-key</code> (or{" "}
            <code>Authorization: Bearer …</code>); admins make keys on the Admin page. Errors are
            always <code>{"{error: {code, message, details}}"}</code>; for invalid input,{" "}
            <code>details</code> names each field and what to fix. Lists page with{" "}
            <code>cursor</code> (the previous page&apos;s <code>next_cursor</code>) and{" "}
            <code>limit</code>.
          </p>
          <p className="text-sm">
            <a href="/api/v1/openapi.json" className="text-indigo-600 underline">
              OpenAPI 3.1 document (openapi.json)
            </a>{" "}
            · MCP server at <code>/api/mcp</code> · Automagik-compatible runs at{" "}
            <code>/api/v1/workflows/claude-code</code>
          </p>
        </header>
        {tags.map((tag) => (
          <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-3">
            <h2
              id={`tag-${tag}`}
              className="text-sm font-semibold uppercase tracking-wide text-slate-500"
            >
              {tag}
            </h2>
            {ops
              .filter((o) => o.tag === tag)
              .map((o) => (
                <OperationDoc key={`${o.method} ${o.path}`} op={o} />
              ))}
          </section>
        ))}
      </main>
    </>
  );
}
