import { RUN_STATUS_LABEL, RUNNER_LABEL } from "./run-labels";

const SELECT =
  "rounded-md bg-surface px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

type Value = { phase?: string; status?: string; runner?: string; by?: string };

/**
 * The runs list's filters as a plain form (GET): they live in the URL, so a filtered list can be
 * shared, and they work before any script has loaded.
 */
export function RunFilters({
  value,
  keep,
  choices,
}: {
  value: Value;
  keep: Record<string, string | undefined>;
  choices: { phases: string[]; runners: string[]; people: { id: string; name: string }[] };
}) {
  return (
    <form className="mb-3 mt-3 flex flex-wrap items-end gap-2" aria-label="Filter runs">
      {Object.entries(keep).map(([k, v]) =>
        v ? <input key={k} type="hidden" name={k} value={v} /> : null,
      )}
      <select
        name="status"
        aria-label="Status"
        defaultValue={value.status ?? ""}
        className={SELECT}
      >
        <option value="">Any status</option>
        {Object.entries(RUN_STATUS_LABEL).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <select name="phase" aria-label="Phase" defaultValue={value.phase ?? ""} className={SELECT}>
        <option value="">Any phase</option>
        {choices.phases.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <select name="runner" aria-label="Agent" defaultValue={value.runner ?? ""} className={SELECT}>
        <option value="">Any agent</option>
        {choices.runners.map((r) => (
          <option key={r} value={r}>
            {RUNNER_LABEL[r] ?? r}
          </option>
        ))}
      </select>
      <select name="by" aria-label="Started by" defaultValue={value.by ?? ""} className={SELECT}>
        <option value="">Anyone</option>
        {choices.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <button className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-hover">
        Filter
      </button>
    </form>
  );
}
