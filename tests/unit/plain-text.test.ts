import { describe, expect, it } from "vitest";
import { CreateEpicSchema, AddTodoSchema } from "@/lib/schemas/epic";
import { PatternInputSchema } from "@/lib/schemas/pattern";
import { ProjectInputSchema } from "@/lib/schemas/project";

const epic = (title: string) =>
  CreateEpicSchema.safeParse({ projectId: "p1", title, type: "feature", priority: "low" });
const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : r.error!.issues[0].message;

describe("names people read are plain text", () => {
  it("refuses NUL and control characters, lone surrogates and bidi overrides, saying which", () => {
    expect(firstMessage(epic("Ship\u0000it"))).toMatch(/control characters/);
    expect(firstMessage(epic("Two\nlines"))).toMatch(/line breaks/);
    expect(firstMessage(epic("Half \uD83D emoji"))).toMatch(/broken character/);
    expect(firstMessage(epic("Refund \u202Edlrow olleh"))).toMatch(/direction-changing/);
    expect(firstMessage(epic("Isolate \u2066x\u2069"))).toMatch(/direction-changing/);
  });

  it("keeps what people really write: accents, CJK, emoji, right-to-left scripts", () => {
    for (const title of ["Café über alles", "検索を速くする", "Ship it 🚀", "تحسين البحث"])
      expect(epic(title).success, title).toBe(true);
  });

  it("applies to todos, patterns and projects too", () => {
    expect(AddTodoSchema.safeParse({ epicId: "e1", content: "a\u0007b" }).success).toBe(false);
    expect(PatternInputSchema.safeParse({ name: "Retry \u202Ewith" }).success).toBe(false);
    expect(
      ProjectInputSchema.safeParse({
        name: "Demo\u0000",
        slug: "demo",
        repo: "",
        defaultBranch: "main",
      }).success,
    ).toBe(false);
  });
});
