import { AccountsAdmin } from "@/components/admin/accounts-admin";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { listAccounts } from "@/lib/services/account-queries";
import { listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePageAccess("admin:users", "/admin");
  const [data, projects] = await Promise.all([listAccounts(), listProjectsForNav()]);
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-5xl px-4 py-8">
        <h1 className="mb-6 text-xl font-semibold">People, invites and API keys</h1>
        <AccountsAdmin data={data} />
      </main>
    </>
  );
}
