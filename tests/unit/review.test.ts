import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_GATE, evaluateGate } from "@/lib/domain/gates";
import { conflictTask, reviewMessage, touchesLine, verdictIn } from "@/lib/domain/review";
import { applyComments, resolveConflicts } from "@/lib/runners/demo-agent/review";
import { chunkHunks, CHUNK } from "@/components/review/diff-chunks";
import { highlightHunks } from "@/components/review/syntax";
import { diffFiles } from "@/lib/domain/diff";

describe("review comments as one message", () => {
  const message = reviewMessage(
    [
      { path: "src/b.ts", line: 9, quote: "return x;", body: "Return a copy." },
      {
        path: "src/a.ts",
        line: 3,
        quote: "let x = 1;",
        body: "Name it count.\nAnd make it const.",
      },
    ],
    { by: "Ada" },
  );
  it("lists each comment with its file, line, quoted code and words, in file order", () => {
    expect(message).toContain("Review comments on your work (2), from Ada:");
    expect(message.indexOf("1. src/a.ts, line 3:")).toBeLessThan(
      message.indexOf("2. src/b.ts, line 9:"),
    );
    expect(message).toContain("   > let x = 1;\n   Name it count.\n   And make it const.");
    expect(message).toMatch(/Change the code these comments point at/);
  });
  it("is read back by the demo agent, which edits exactly those lines", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hb-review-"));
    writeFileSync(path.join(dir, "a.txt"), "one\ntwo\nthree\n");
    const edits = applyComments(
      reviewMessage([{ path: "a.txt", line: 2, quote: "two", body: "Say 2." }], { by: "Bo" }),
      dir,
    );
    expect(edits).toEqual([{ file: "a.txt", before: "two", after: "two (revised: Say 2.)" }]);
    expect(readFileSync(path.join(dir, "a.txt"), "utf8")).toBe(
      "one\ntwo (revised: Say 2.)\nthree\n",
    );
    // A path out of its folder is not touched.
    expect(
      applyComments(
        reviewMessage([{ path: "../a.txt", line: 1, quote: "", body: "x" }], { by: "Bo" }),
        dir,
      ),
    ).toEqual([]);
  });
});

describe("whether a change touched a commented line", () => {
  const diff = "@@ -3 +3 @@\n-a\n+b\n@@ -10,2 +10,0 @@\n-x\n-y\n@@ -20,0 +21,2 @@\n+n\n+m\n";
  it("counts replaced and removed lines and insertions right at the line", () => {
    expect(touchesLine(diff, 3)).toBe(true);
    expect(touchesLine(diff, 10)).toBe(true);
    expect(touchesLine(diff, 11)).toBe(true);
    expect(touchesLine(diff, 20)).toBe(true);
    expect(touchesLine(diff, 21)).toBe(true);
  });
  it("leaves lines the change did not reach", () => {
    for (const line of [1, 2, 4, 9, 12, 19, 22]) expect(touchesLine(diff, line)).toBe(false);
    expect(touchesLine("", 1)).toBe(false);
  });
});

describe("a reviewer agent's verdict line", () => {
  it("reads the last VERDICT line, in the forms agents write it", () => {
    expect(verdictIn("All good.\nVERDICT: APPROVE")).toBe("approve");
    expect(verdictIn("**VERDICT:** REQUEST_CHANGES")).toBe("request_changes");
    expect(verdictIn("VERDICT: approved")).toBe("approve");
    expect(verdictIn("verdict: request changes")).toBe("request_changes");
    expect(verdictIn("VERDICT: APPROVE\nthen\nVERDICT: REQUEST-CHANGES")).toBe("request_changes");
  });
  it("finds none where there is none", () => {
    expect(verdictIn("I approve of this")).toBeNull();
    expect(verdictIn("")).toBeNull();
  });
});

describe("the review check of a gate", () => {
  const facts = { runStatus: "completed", todos: [], metrics: {}, approved: null };
  const gate = { ...DEFAULT_GATE, todosCompleted: false };
  it("waits for a person's approving review once the rest passed", () => {
    const r = evaluateGate({ ...gate, review: "person" }, "BUILDER", { ...facts, review: null });
    expect(r).toMatchObject({ passed: false, pending: true, waitingFor: ["review"] });
    expect(r.checks.at(-1)).toMatchObject({ name: "Review approved", passed: false });
  });
  it("passes on an approving verdict and fails, not waiting, on requested changes", () => {
    expect(
      evaluateGate({ ...gate, review: "person" }, "B", { ...facts, review: "approve" }),
    ).toMatchObject({ passed: true, pending: false });
    expect(
      evaluateGate({ ...gate, review: "agent" }, "B", { ...facts, review: "request_changes" }),
    ).toMatchObject({ passed: false, pending: false });
  });
  it("never waits on an agent that printed no verdict: it fails saying so", () => {
    const r = evaluateGate({ ...gate, review: "agent" }, "B", { ...facts, review: null });
    expect(r).toMatchObject({ passed: false, pending: false });
    expect(r.checks.at(-1)?.detail).toMatch(/no verdict line/);
  });
  it("does not wait when the run itself failed", () => {
    expect(
      evaluateGate({ ...gate, review: "person" }, "B", {
        ...facts,
        runStatus: "failed",
        review: null,
      }),
    ).toMatchObject({ passed: false, pending: false });
  });
});

describe("resolving conflict markers (the demo agent)", () => {
  it("keeps both sides of each conflict in the files the task names", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hb-conflict-"));
    writeFileSync(
      path.join(dir, "f.md"),
      "top\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\nend\n",
    );
    const edits = resolveConflicts(conflictTask("main", "hiveboard/x", ["f.md"]), dir);
    expect(edits.map((e) => e.file)).toEqual(["f.md"]);
    expect(readFileSync(path.join(dir, "f.md"), "utf8")).toBe("top\nours\ntheirs\nend\n");
  });
});

describe("drawing a large diff a window at a time", () => {
  const big = Array.from({ length: 10_000 }, (_, i) => `+const v${i + 1} = ${i + 1};`).join("\n");
  const file = diffFiles(
    `diff --git a/big.ts b/big.ts\nnew file mode 100644\n--- /dev/null\n+++ b/big.ts\n@@ -0,0 +1,10000 @@\n${big}\n`,
  )[0];
  it("cuts a 10,000-line hunk into chunks of at most CHUNK lines, every line once, in order", () => {
    const groups = chunkHunks(file.hunks);
    expect(groups).toHaveLength(10_000 / CHUNK);
    const lines = groups.flatMap((g) => g.flatMap((h) => h.changes.map((c) => c.content)));
    expect(lines).toHaveLength(10_000);
    expect(lines[0]).toBe("const v1 = 1;");
    expect(lines.at(-1)).toBe("const v10000 = 10000;");
    expect(groups.every((g) => g.reduce((n, h) => n + h.changes.length, 0) <= CHUNK)).toBe(true);
    expect(groups[1][0].newStart).toBe(CHUNK + 1);
    expect(new Set(groups.map((g) => g[0].content)).size).toBe(groups.length);
  });
  it("highlights code by the file's language, and leaves unknown kinds plain", () => {
    const tokens = highlightHunks(file.hunks.slice(0, 1), "big.ts");
    expect(JSON.stringify(tokens?.new[0])).toContain("hljs-keyword");
    expect(highlightHunks(file.hunks, "notes.unknownext")).toBeNull();
  });
});
