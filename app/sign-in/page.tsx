import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { countUsers } from "@/lib/services/account-queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  if ((await countUsers()) === 0) redirect("/setup");
  return (
    <AuthCard title="Sign in" intro="No account yet? Ask an admin for an invite link.">
      <SignInForm next={(await searchParams).next} />
    </AuthCard>
  );
}
