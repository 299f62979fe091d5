import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">
        There is nothing at this address. It may have been renamed or deleted.
      </p>
      <Link href="/" className="mt-6 inline-block text-indigo-600 underline">
        Go to the board
      </Link>
    </main>
  );
}
