import { AuthCard } from "@/components/auth/auth-card";
import { InviteForm } from "@/components/auth/sign-in-form";
import { findInvite } from "@/lib/services/account-queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Join" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  if (!invite) {
    return (
      <AuthCard
        title="This invite link does not work"
        intro="It is wrong, expired or used already. Ask an admin for a new one."
      >
        <a href="/sign-in" className="text-sm text-indigo-600 underline">
          Sign in instead
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Join Hiveboard"
      intro={
        <>
          You are invited as <strong>{invite.role}</strong>.
        </>
      }
    >
      <InviteForm token={token} email={invite.email} />
    </AuthCard>
  );
}
