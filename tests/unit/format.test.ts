import { describe, expect, it } from "vitest";
import { plural } from "@/lib/utils/format";

describe("plural", () => {
  it("agrees the noun with the count", () => {
    expect(plural(0, "decision")).toBe("0 decisions");
    expect(plural(1, "decision")).toBe("1 decision");
    expect(plural(2, "file")).toBe("2 files");
    expect(plural(1, "person", "people")).toBe("1 person");
    expect(plural(3, "person", "people")).toBe("3 people");
  });
});
