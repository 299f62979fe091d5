import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "@/lib/domain/permissions";

describe("permission table", () => {
  it("lets every role read the board", () => {
    for (const role of ROLES) expect(can(role, "board:read")).toBe(true);
  });
  it("gives the viewer nothing but reading", () => {
    expect(PERMISSIONS.filter((p) => can("viewer", p))).toEqual(["board:read"]);
  });
  it("lets developers steer runs and edit todos but not epics", () => {
    expect(can("developer", "run:start")).toBe(true);
    expect(can("developer", "todo:write")).toBe(true);
    expect(can("developer", "epic:create")).toBe(false);
    expect(can("developer", "decision:answer")).toBe(false);
    // Tool approvals of their runs, where the project allows it (the service checks the project).
    expect(can("developer", "approval:answer")).toBe(true);
  });
  it("lets approvers answer decisions and review code only", () => {
    expect(PERMISSIONS.filter((p) => can("approver", p))).toEqual([
      "board:read",
      "decision:answer",
      "approval:answer",
      "review:write",
    ]);
  });
  it("lets developers review and merge code; approvers review but not merge", () => {
    expect(can("developer", "review:write")).toBe(true);
    expect(can("developer", "code:merge")).toBe(true);
    expect(can("approver", "code:merge")).toBe(false);
    expect(can("viewer", "review:write")).toBe(false);
  });
  it("lets managers read the audit log, and gives them everything but user administration; admins everything", () => {
    expect(can("manager", "audit:read")).toBe(true);
    expect(can("developer", "audit:read")).toBe(false);
    expect(PERMISSIONS.filter((p) => !can("manager", p))).toEqual(["admin:users"]);
    expect(PERMISSIONS.every((p) => can("admin", p))).toBe(true);
  });
});
