"use client";
import { useRouter } from "next/navigation";
import { safeNext } from "@/lib/utils/safe-next";
import { redeemInviteAction } from "@/lib/actions/redeem-invite";
import { setupAdminAction } from "@/lib/actions/setup-admin";
import { signInAction } from "@/lib/actions/sign-in";
import { AuthForm } from "./auth-form";

const NAME = { name: "name", label: "Your name", autoComplete: "name" };
const EMAIL = { name: "email", label: "Email", type: "email", autoComplete: "email" };
const NEW_PASSWORD = {
  name: "password",
  label: "Password",
  type: "password",
  autoComplete: "new-password",
  hint: "At least 10 characters",
};

export function SignInForm({ next }: { next?: string }) {
  const router = useRouter();
  return (
    <AuthForm
      fields={[
        EMAIL,
        { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
      ]}
      submitLabel="Sign in"
      action={signInAction}
      onDone={() => {
        router.push(safeNext(next));
        router.refresh();
      }}
    />
  );
}

export function SetupForm() {
  const router = useRouter();
  return (
    <AuthForm
      fields={[NAME, EMAIL, NEW_PASSWORD]}
      submitLabel="Create the admin account"
      action={setupAdminAction}
      onDone={() => {
        router.push("/");
        router.refresh();
      }}
    />
  );
}

export function InviteForm({ token, email }: { token: string; email: string | null }) {
  const router = useRouter();
  return (
    <AuthForm
      fields={[NAME, { ...EMAIL, defaultValue: email ?? undefined }, NEW_PASSWORD]}
      submitLabel="Create my account"
      action={redeemInviteAction}
      extra={{ token }}
      onDone={() => {
        router.push("/");
        router.refresh();
      }}
    />
  );
}
