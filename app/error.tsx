"use client";
import Link from "next/link";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">{error.message || "The page could not be shown."}</p>
      {error.digest && <p className="mt-1 text-xs text-slate-500">Reference: {error.digest}</p>}
      <div className="mt-6 flex justify-center gap-4">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-hover"
        >
          Try again
        </button>
        <Link href="/" className="px-4 py-2 text-sm text-indigo-600 underline">
          Go to the board
        </Link>
      </div>
    </main>
  );
}
