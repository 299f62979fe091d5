import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names; a later Tailwind class wins over an earlier one of the same property. */
export function cn(...parts: ClassValue[]): string {
  return twMerge(clsx(parts));
}
