import { describe, expect, it } from "vitest";
import { describeChange } from "@/lib/domain/history";

describe("history lines", () => {
  it("say what happened in words", () => {
    expect(describeChange("epic.move", { from: "ANALYZER", to: "BUILDER" })).toBe(
      "moved it from ANALYZER to BUILDER",
    );
    expect(describeChange("epic.update", { changed: ["title", "targetVersion"] })).toBe(
      "edited title, target version",
    );
    expect(describeChange("todo.add", { content: "Write tests" })).toBe("added todo “Write tests”");
    expect(describeChange("todo.completed", {})).toBe("completed a todo");
  });
  it("fall back to the action name for unknown actions and survive missing data", () => {
    expect(describeChange("pattern.archive", null)).toBe("pattern.archive");
    expect(describeChange("run.completed", { phase: "TESTER", movedTo: "VALIDATOR" })).toBe(
      "finished the TESTER run and moved it to VALIDATOR",
    );
    expect(describeChange("epic.update", null)).toBe("saved the epic (no change)");
  });
});
