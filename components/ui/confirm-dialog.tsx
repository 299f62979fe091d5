"use client";
import { AlertDialog as A } from "radix-ui";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** A confirmation that destroys something is red. */
  danger?: boolean;
};

/** A question before an action that is hard to take back: focus starts on Cancel, Escape cancels. */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  danger,
}: Props) {
  return (
    <A.Root open={open} onOpenChange={onOpenChange}>
      <A.Portal>
        <A.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <A.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-surface p-5 shadow-xl focus:outline-none">
          <A.Title className="text-base font-semibold text-slate-900">{title}</A.Title>
          <A.Description asChild>
            <div className="mt-2 text-sm text-slate-700">{children}</div>
          </A.Description>
          <div className="mt-5 flex justify-end gap-2">
            <A.Cancel className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
              Cancel
            </A.Cancel>
            <A.Action
              onClick={onConfirm}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium text-white",
                danger ? "bg-red-700 hover:bg-red-800" : "bg-accent hover:bg-accent-hover",
              )}
            >
              {confirmLabel}
            </A.Action>
          </div>
        </A.Content>
      </A.Portal>
    </A.Root>
  );
}
