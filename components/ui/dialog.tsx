"use client";
import { Dialog as D } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: ReactNode;
  side?: "center" | "right";
};

/** A modal dialog (center) or a side sheet (right). Focus is trapped and Escape closes it. */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  side = "center",
}: Props) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px]" />
        <D.Content
          // A toast (e.g. "started · Watch") stays usable while the dialog is open: a click on it
          // is not a click outside that closes the dialog.
          onInteractOutside={(e) => {
            if ((e.target as Element | null)?.closest?.("[data-sonner-toaster]"))
              e.preventDefault();
          }}
          className={cn(
            "fixed z-50 flex flex-col bg-surface shadow-xl focus:outline-none",
            side === "center"
              ? "left-1/2 top-1/2 max-h-[90vh] w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg"
              : "inset-y-0 right-0 w-[min(44rem,100vw)]",
          )}
        >
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0">
              <D.Title className="truncate text-base font-semibold text-slate-900">{title}</D.Title>
              {description ? (
                <D.Description className="mt-0.5 text-sm text-slate-500">
                  {description}
                </D.Description>
              ) : (
                <D.Description className="sr-only">{title}</D.Description>
              )}
            </div>
            <D.Close
              aria-label="Close"
              className="rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            >
              ✕
            </D.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}
