"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState, type ChangeEvent } from "react";
import { toast } from "sonner";
import { useCan } from "@/components/layout/permissions";
import { Button } from "@/components/ui/button";
import { YamlEditor } from "./yaml-editor";
import { savePipelineAction } from "@/lib/actions/save-pipeline";
import { parsePipelineYaml, pipelineToYaml } from "@/lib/schemas/pipeline-yaml";
import type { PipelineSpec } from "@/lib/schemas/pipeline";
import { PipelineForm } from "./pipeline-form";
import { PipelineDiagram } from "./pipeline-diagram";

/** pipeline.yaml: checked as you type (the server checks again on save), drawn, saved, exported. */
export function PipelineEditor({
  projectId,
  slug,
  initialYaml,
}: {
  projectId: string;
  slug: string;
  initialYaml: string;
}) {
  const router = useRouter();
  const canEdit = useCan("pipeline:update");
  const [yaml, setYaml] = useState(initialYaml);
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<"form" | "yaml">("form");
  // What the form shows while its last edit is not valid yet (so it does not vanish mid-typing).
  const [draft, setDraft] = useState<PipelineSpec | null>(null);
  const parsed = useMemo(() => parsePipelineYaml(yaml), [yaml]);
  const errors = parsed.ok
    ? serverErrors
    : parsed.errors.map((e) => `Line ${e.line}${e.path ? `, ${e.path}` : ""}: ${e.message}`);

  const save = async () => {
    setSaving(true);
    const r = await savePipelineAction({ projectId, yaml });
    setSaving(false);
    if (!r.ok) {
      setServerErrors(
        r.fieldErrors
          ? Object.entries(r.fieldErrors).map(
              ([k, v]) => `${k[0].toUpperCase()}${k.slice(1)}: ${v}`,
            )
          : [r.message],
      );
      return toast.error(r.message);
    }
    setServerErrors([]);
    toast.success("Pipeline saved: the board shows its lanes");
    router.refresh();
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setYaml(await file.text());
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([yaml], { type: "text/yaml" }));
    Object.assign(document.createElement("a"), {
      href: url,
      download: `${slug}.pipeline.yaml`,
    }).click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        {parsed.ok ? (
          <PipelineDiagram spec={parsed.spec} />
        ) : (
          <p className="text-sm text-slate-500">The diagram returns when the YAML is valid.</p>
        )}
      </div>
      <div role="tablist" className="flex gap-1 text-sm">
        {(["form", "yaml"] as const).map((v) => (
          <button
            key={v}
            role="tab"
            aria-selected={view === v}
            onClick={() => setView(v)}
            className={
              view === v
                ? "rounded-md bg-accent px-3 py-1 text-white"
                : "rounded-md px-3 py-1 text-slate-600 hover:bg-slate-100"
            }
          >
            {v === "form" ? "Form" : "pipeline.yaml"}
          </button>
        ))}
      </div>
      <div className="grid gap-3 lg:grid-cols-[1fr_20rem]">
        {view === "form" ? (
          draft || parsed.ok ? (
            <PipelineForm
              spec={draft ?? (parsed as { spec: PipelineSpec }).spec}
              readOnly={!canEdit}
              onChange={(spec) => {
                setDraft(spec);
                setYaml(pipelineToYaml(spec));
                setServerErrors([]);
              }}
            />
          ) : (
            <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
              The YAML has problems (listed on the right): fix them in the pipeline.yaml tab to use
              the form again.
            </p>
          )
        ) : (
          <YamlEditor
            value={yaml}
            readOnly={!canEdit}
            errorLines={errors.flatMap((e) => {
              const line = /line (\d+)/i.exec(e)?.[1];
              return line ? [Number(line)] : [];
            })}
            onChange={(text) => {
              setYaml(text);
              setDraft(null);
              setServerErrors([]);
            }}
          />
        )}
        <aside className="space-y-3">
          {errors.length ? (
            <ul
              role="alert"
              className="space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-700 ring-1 ring-red-200"
              data-testid="pipeline-errors"
            >
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          ) : (
            <p
              className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
              data-testid="pipeline-valid"
            >
              Valid: {parsed.ok ? parsed.spec.phases.map((p) => p.key).join(" → ") : ""}
            </p>
          )}
          {canEdit && (
            <Button onClick={() => void save()} disabled={saving || !parsed.ok} className="w-full">
              {saving ? "Saving…" : "Save pipeline"}
            </Button>
          )}
          <div className="flex gap-3 text-sm">
            <button type="button" onClick={download} className="text-indigo-600 hover:underline">
              Export pipeline.yaml
            </button>
            {canEdit && (
              <label className="cursor-pointer text-indigo-600 hover:underline">
                Import…
                <input
                  type="file"
                  accept=".yaml,.yml,text/yaml"
                  className="sr-only"
                  onChange={(e) => void importFile(e)}
                />
              </label>
            )}
          </div>
          <p className="text-xs text-slate-500">
            Per phase: key, name, workflow, runner (claude-code, demo, command, automagik), prompt
            with {"{feature_name}"}, {"{key_requirements}"}, {"{handoff}"}…, maxTurns 1–200,
            timeoutSec 60–14400, autoAdvance, approvalRequired, continueSession, gate (runSucceeded,
            todosCompleted, metrics, approval, review: none | person | agent).
          </p>
        </aside>
      </div>
    </div>
  );
}
