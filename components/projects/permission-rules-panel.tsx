"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { addPermissionRuleAction } from "@/lib/actions/add-permission-rule";
import { removePermissionRuleAction } from "@/lib/actions/remove-permission-rule";
import { setApprovalSettingsAction } from "@/lib/actions/set-approval-settings";

type Rule = {
  id: string;
  rule: string;
  behavior: string;
  phase: string | null;
  epicId: string | null;
  createdBy: string;
};
const TONE = { allow: "green", deny: "red", ask: "amber" } as const;

/**
 * Who answers an agent's tool prompts: these rules first (Claude Code's syntax; deny over ask over
 * allow), then a person. "Always allow" on an approval card adds a rule here.
 */
export function PermissionRulesPanel({
  projectId,
  rules,
  phases,
  developersAnswerApprovals,
}: {
  projectId: string;
  rules: Rule[];
  phases: string[];
  developersAnswerApprovals: boolean;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    const r = await addPermissionRuleAction({
      projectId,
      rule: String(form.get("rule") ?? ""),
      behavior: String(form.get("behavior") ?? "allow"),
      phase: String(form.get("phase") ?? ""),
      epicNumber: String(form.get("epicNumber") ?? ""),
    });
    setBusy(false);
    if (!r.ok) return setErrors(r.fieldErrors ?? { _form: r.message });
    setErrors({});
    (formEl.elements.namedItem("rule") as HTMLInputElement).value = "";
    toast.success("Rule added");
    router.refresh();
  };
  const remove = async (id: string) => {
    const r = await removePermissionRuleAction({ id });
    if (!r.ok) toast.error(r.message);
    router.refresh();
  };
  const setDevelopers = async (on: boolean) => {
    const r = await setApprovalSettingsAction({ projectId, developersAnswerApprovals: on });
    if (!r.ok) return toast.error(r.message);
    toast.success(
      on ? "Developers may answer their runs' tool approvals" : "Tool approvals go to approvers",
    );
    router.refresh();
  };

  return (
    <section aria-labelledby="permission-rules" className="mt-12 space-y-4">
      <div>
        <h2 id="permission-rules" className="text-base font-semibold">
          Tool permissions
        </h2>
        <p className="text-sm text-slate-600">
          When an agent asks to use a tool, these rules answer first, in Claude Code&apos;s syntax:{" "}
          <code>Bash(npm test:*)</code> (commands starting with <code>npm test</code>),{" "}
          <code>Edit(src/**)</code>, <code>Read</code>. Deny wins over ask, ask over allow. What no
          rule answers goes to a person.
        </p>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          defaultChecked={developersAnswerApprovals}
          onChange={(e) => void setDevelopers(e.target.checked)}
        />
        <span>
          The developer steering a run may answer its tool approvals
          <span className="block text-xs text-slate-500">
            Otherwise approvers and above answer them. Adding a rule with &ldquo;Always allow&rdquo;
            stays with approvers.
          </span>
        </span>
      </label>
      <form
        onSubmit={add}
        className="flex flex-wrap items-start gap-2"
        noValidate
        aria-label="Add a permission rule"
      >
        <div className="min-w-56 flex-1">
          <Input
            name="rule"
            id="rule"
            aria-label="Rule"
            placeholder="Bash(npm test:*)"
            invalid={!!errors.rule}
            className="font-mono"
          />
          {errors.rule && (
            <p role="alert" className="mt-1 text-xs font-medium text-red-600">
              {errors.rule}
            </p>
          )}
        </div>
        <Select name="behavior" aria-label="Behavior" className="w-28" defaultValue="allow">
          <option value="allow">Allow</option>
          <option value="ask">Ask</option>
          <option value="deny">Deny</option>
        </Select>
        <div>
          <Select
            name="phase"
            aria-label="Where"
            className="w-44"
            defaultValue=""
            invalid={!!errors.phase}
          >
            <option value="">Whole project</option>
            {phases.map((p) => (
              <option key={p} value={p}>
                Only in {p}
              </option>
            ))}
          </Select>
          {errors.phase && <p className="mt-1 text-xs font-medium text-red-600">{errors.phase}</p>}
        </div>
        <div>
          <Input
            name="epicNumber"
            aria-label="Only for epic number"
            placeholder="Epic # (optional)"
            inputMode="numeric"
            className="w-36"
            invalid={!!errors.epicNumber}
          />
          {errors.epicNumber && (
            <p className="mt-1 text-xs font-medium text-red-600">{errors.epicNumber}</p>
          )}
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? "Adding…" : "Add rule"}
        </Button>
      </form>
      {errors._form && (
        <p role="alert" className="text-sm text-red-600">
          {errors._form}
        </p>
      )}
      {rules.length === 0 ? (
        <p className="text-sm text-slate-500">No rules yet: every tool prompt goes to a person.</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-md bg-surface ring-1 ring-slate-200"
          data-testid="permission-rules"
        >
          {rules.map((r) => (
            <li
              key={r.id}
              className="flex items-center gap-2 px-3 py-2 text-sm"
              data-testid="permission-rule"
            >
              <Badge tone={TONE[r.behavior as keyof typeof TONE] ?? "slate"}>{r.behavior}</Badge>
              <code className="flex-1 truncate font-mono">{r.rule}</code>
              <span className="text-xs text-slate-500">
                {r.epicId ? "one epic" : r.phase ? `only in ${r.phase}` : "whole project"}
                {r.createdBy && ` · by ${r.createdBy}`}
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${r.rule}`}
                onClick={() => void remove(r.id)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
