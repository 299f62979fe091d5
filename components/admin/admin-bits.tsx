"use client";
import { LocalTime } from "@/components/ui/local-time";
import { Select } from "@/components/ui/field";
import { ROLES } from "@/lib/domain/permissions";
import type { ActionResult } from "@/lib/schemas/common";

export type Done = (r: ActionResult<unknown>, ok: string) => boolean;

export const when = (iso: string | null) => (iso ? <LocalTime iso={iso} /> : "never");

export function RoleSelect({
  name,
  value,
  onChange,
  label,
}: {
  name?: string;
  value?: string;
  onChange?: (v: string) => void;
  label: string;
}) {
  return (
    <Select
      name={name}
      aria-label={label}
      value={value}
      defaultValue={value === undefined ? "developer" : undefined}
      onChange={onChange && ((e) => onChange(e.target.value))}
      className="w-36 py-1.5"
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </Select>
  );
}
