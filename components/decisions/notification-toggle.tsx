"use client";
import { useEffect, useState } from "react";

/** Browser notifications for new decisions, for approvers who allow them. */
export function NotificationToggle() {
  const [state, setState] = useState<NotificationPermission | "unsupported">("default");
  useEffect(
    () => setState(typeof Notification === "undefined" ? "unsupported" : Notification.permission),
    [],
  );
  if (state === "unsupported") return null;
  if (state === "granted")
    return <span className="text-xs text-emerald-700">Browser notifications on</span>;
  if (state === "denied")
    return <span className="text-xs text-slate-500">Browser notifications blocked</span>;
  return (
    <button
      type="button"
      className="text-xs text-indigo-600 hover:underline"
      onClick={async () => setState(await Notification.requestPermission())}
    >
      Notify me in the browser
    </button>
  );
}
