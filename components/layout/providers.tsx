"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { DecisionAlerts } from "@/components/decisions/decision-alerts";
import { MeProvider, type Me } from "./permissions";

export function Providers({ me, children }: { me: Me; children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={client}>
      <MeProvider me={me}>
        {children}
        {me.role && <DecisionAlerts />}
      </MeProvider>
      <Toaster position="bottom-right" richColors closeButton />
    </QueryClientProvider>
  );
}
