export default function BoardLoading() {
  return (
    <div className="flex h-screen flex-col" aria-busy="true" aria-label="Loading the board">
      <div className="h-14 border-b border-slate-200 bg-surface" />
      <div className="h-14 border-b border-slate-200 bg-surface" />
      <div className="flex flex-1 gap-3 p-4">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="min-w-60 flex-1 animate-pulse rounded-lg bg-slate-100 p-2">
            <div className="mb-3 h-4 w-24 rounded bg-slate-200" />
            {Array.from({ length: 3 - (i % 3) }, (_, j) => (
              <div key={j} className="mb-2 h-20 rounded-md bg-surface" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
