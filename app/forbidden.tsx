import Link from "next/link";

export const metadata = { title: "Not for your role" };

/** What a signed-in person sees (with a 403) on a page their role may not open. */
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Not for your role</h1>
      <p className="mt-2 text-slate-600">
        Your role may not open this page. An admin can change your role on the Admin page.
      </p>
      <div className="mt-6 flex justify-center gap-4">
        <Link href="/" className="px-4 py-2 text-sm text-indigo-600 underline">
          Go to the board
        </Link>
      </div>
    </main>
  );
}
