// House rules that are not about imports (those are dependency-cruiser's, in `npm test`).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const tracked = (...globs: string[]) =>
  execFileSync("git", ["ls-files", ...globs], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);

describe("house rules", () => {
  it("reads settings only through lib/env.ts (runners hand the agent its own environment; scripts are outside the app)", () => {
    const offenders = tracked("app", "components", "lib", "server.ts")
      .filter((f) => /\.(ts|tsx)$/.test(f) && f !== "lib/env.ts" && !f.startsWith("lib/runners/"))
      .filter((f) => /process\.env\b/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps the run engine's files small enough to read (about 250 lines at most)", () => {
    const long = tracked("lib/run-engine")
      .map((f) => ({ f, lines: readFileSync(f, "utf8").split("\n").length }))
      .filter((x) => x.lines > 300);
    expect(long).toEqual([]);
  });
});
