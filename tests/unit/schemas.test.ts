import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/schemas/common";
import { CreateEpicSchema, MoveEpicSchema } from "@/lib/schemas/epic";
import { ProjectInputSchema } from "@/lib/schemas/project";

const epic = {
  projectId: "p1",
  title: "Sign in with links",
  type: "feature",
  priority: "high",
  description: "",
  targetVersion: "1.4",
  keyRequirements: ["x"],
};

describe("epic input", () => {
  it("accepts a valid epic and trims its title", () => {
    expect(CreateEpicSchema.parse({ ...epic, title: "  Sign in with links  " }).title).toBe(
      "Sign in with links",
    );
  });
  it("turns an empty target version into null", () => {
    expect(CreateEpicSchema.parse({ ...epic, targetVersion: "" }).targetVersion).toBeNull();
  });
  it("says which fields to fix and how", () => {
    const r = CreateEpicSchema.safeParse({
      ...epic,
      title: "ab",
      priority: "urgent",
      type: "epic",
      targetVersion: "next week",
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(errors.title).toBe("Title needs at least 3 characters");
    expect(errors.priority).toBe("Priority is high, medium or low");
    expect(errors.type).toContain("feature, bug");
    expect(errors.targetVersion).toContain("1.4");
  });
  it("requires a lane to move to", () => {
    expect(fieldErrors(MoveEpicSchema.safeParse({ id: "e1", to: " " }).error!).to).toBe(
      "Choose a lane",
    );
  });
});

describe("project input", () => {
  const project = { name: "Acme", slug: "acme-web", repo: "/srv/acme", defaultBranch: "main" };
  it("accepts a valid project", () => {
    expect(ProjectInputSchema.parse(project).description).toBe("");
  });
  it("explains a bad slug and branch", () => {
    const errors = fieldErrors(
      ProjectInputSchema.safeParse({
        ...project,
        slug: "Acme Web",
        defaultBranch: "feature branch",
      }).error!,
    );
    expect(errors.slug).toContain("lowercase");
    expect(errors.defaultBranch).toContain("letters, digits");
  });
});
