/** Shown at once while a run page renders on the server. */
export default function RunLoading() {
  return (
    <div role="status" aria-label="Loading the run" className="animate-pulse">
      <div className="h-14 border-b border-slate-200 bg-surface" />
      <div className="space-y-3 border-b border-slate-200 bg-surface px-5 py-4">
        <div className="h-4 w-72 rounded bg-slate-200" />
        <div className="h-3 w-96 rounded bg-slate-100" />
      </div>
      <div className="space-y-2 p-5">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-10 rounded-md bg-slate-100" />
        ))}
      </div>
      <span className="sr-only">Loading the run…</span>
    </div>
  );
}
