"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { afterLoad } from "@/components/ui/after-load";
import { MeProvider, type Me } from "./permissions";

// Toasts for new decisions, on every page: a socket listener that loads after the page does.
const DecisionAlerts = afterLoad(() =>
  import("@/components/decisions/decision-alerts").then((m) => m.DecisionAlerts),
);

export function Providers({
  me,
  nonce,
  children,
}: {
  me: Me;
  nonce?: string;
  children: ReactNode;
}) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }),
  );
  return (
    // The theme follows the system until the person picks one (kept in this browser); its script
    // sets the class before the first paint, under this request's CSP nonce.
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem nonce={nonce}>
      <QueryClientProvider client={client}>
        <MeProvider me={me}>
          {children}
          {me.role && <DecisionAlerts />}
        </MeProvider>
        {/* Top centre: clear of the side drawer, the composer's Send and the cards; clickable over a
            modal dialog (which makes the rest of the page inert to the pointer). */}
        <Toaster
          position="top-center"
          richColors
          closeButton
          theme="system"
          style={{ pointerEvents: "auto" }}
        />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
