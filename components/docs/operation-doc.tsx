import { cn } from "@/lib/utils/cn";

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: Schema[];
};
type Param = { name: string; in: string; required: boolean; schema: Schema };
export type DocOperation = {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: Param[];
  body?: Schema;
  status: string;
};

const METHOD_TONE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

/** A short human reading of a JSON schema: string ≤ 140, one of a|b, array of string… */
function typeOf(s: Schema): string {
  if (s.enum) return `one of ${s.enum.map(String).join(" | ")}`;
  if (s.anyOf) return s.anyOf.map(typeOf).join(" or ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  if (t === "array" && s.items) return `array of ${typeOf(s.items)}`;
  const bounds = [
    s.maxLength !== undefined && `≤ ${s.maxLength} chars`,
    s.minimum !== undefined && `≥ ${s.minimum}`,
    s.maximum !== undefined && `≤ ${s.maximum}`,
  ]
    .filter(Boolean)
    .join(", ");
  return bounds ? `${t} (${bounds})` : t;
}

function Fields({
  rows,
}: {
  rows: { name: string; where: string; required: boolean; schema: Schema }[];
}) {
  if (!rows.length) return null;
  return (
    <table className="mt-2 w-full text-left text-xs">
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={`${r.where}-${r.name}`}>
            <td className="w-40 py-1 font-mono">
              {r.name}
              {r.required && (
                <span className="text-red-600" title="required">
                  *
                </span>
              )}
            </td>
            <td className="w-16 text-slate-500">{r.where}</td>
            <td className="text-slate-600">
              {typeOf(r.schema)}
              {r.schema.default !== undefined && (
                <span className="text-slate-500">
                  {" "}
                  · default {JSON.stringify(r.schema.default)}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OperationDoc({ op }: { op: DocOperation }) {
  const body = Object.entries(op.body?.properties ?? {}).map(([name, schema]) => ({
    name,
    where: "body",
    required: op.body?.required?.includes(name) ?? false,
    schema,
  }));
  const params = op.parameters.map((p) => ({
    name: p.name,
    where: p.in,
    required: p.required,
    schema: p.schema,
  }));
  return (
    <article
      className="rounded-lg bg-surface p-4 ring-1 ring-slate-200"
      data-testid="api-operation"
    >
      <h3 className="flex flex-wrap items-center gap-2 text-sm">
        <span
          className={cn(
            "rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase",
            METHOD_TONE[op.method],
          )}
        >
          {op.method}
        </span>
        <code className="font-mono">/api/v1{op.path}</code>
        <span className="ml-auto text-xs text-slate-500">→ {op.status}</span>
      </h3>
      <p className="mt-1 text-sm text-slate-800">{op.summary}</p>
      <p className="text-xs text-slate-500">{op.description.replace(/`/g, "")}</p>
      <Fields rows={[...params, ...body]} />
    </article>
  );
}
