import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/sign-in-form";
import { countUsers } from "@/lib/services/account-queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

/** Shown once, on a fresh install: the first account becomes the admin. There is no default password. */
export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/sign-in");
  return (
    <AuthCard
      title="Set up Hiveboard"
      intro="Create the first account. It becomes the admin, who invites everyone else."
    >
      <SetupForm />
    </AuthCard>
  );
}
