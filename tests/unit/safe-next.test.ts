import { describe, expect, it } from "vitest";
import { safeNext } from "@/lib/utils/safe-next";

describe("where sign-in sends you next", () => {
  it("keeps paths inside the app, with their query and hash", () => {
    expect(safeNext("/projects/demo/board?epic=3#todos")).toBe("/projects/demo/board?epic=3#todos");
    expect(safeNext("/runs/abc")).toBe("/runs/abc");
  });

  it("never leaves for another site, however the address is dressed", () => {
    for (const evil of [
      "/\\evil.example/",
      "/%5Cevil.example/".replace("%5C", "\\"),
      "//evil.example/",
      "/\t/evil.example/",
      "/\n/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
      undefined,
    ])
      expect(safeNext(evil), String(evil)).toBe("/");
  });
});
