/** Shown at once while the board renders on the server: lanes in outline, never a blank page. */
export default function BoardLoading() {
  return (
    <div role="status" aria-label="Loading the board" className="animate-pulse">
      <div className="h-14 border-b border-slate-200 bg-surface" />
      <div className="flex gap-3 p-4">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-[60vh] w-56 shrink-0 rounded-lg bg-slate-100 p-3">
            <div className="h-3 w-20 rounded bg-slate-200" />
            <div className="mt-4 h-20 rounded-md bg-surface" />
            <div className="mt-2 h-20 rounded-md bg-surface" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading the board…</span>
    </div>
  );
}
