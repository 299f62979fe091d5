import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/layout/providers";
import { currentActor } from "@/lib/auth/request-actor";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hiveboard", template: "%s · Hiveboard" },
  description: "Software work moving through AI coding agents, phase by phase.",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const me = { name: actor.label, role: actor.role, kind: actor.type };
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class on <html> before React hydrates, hence the warning waived.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-full">
        <Providers me={me} nonce={nonce}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
