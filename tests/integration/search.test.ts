// ⌘K's search across projects, through the real route handler on a real SQLite file: epics by
// title (any case) or #number, their runs, decisions and patterns; nothing for an empty query;
// the same permission as the board (a signed-out caller is refused).
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/search/route";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb, makeProject } from "../setup/db";
import { endedRun } from "../setup/runs";

const db = await freshDb();
const k = generateKey();
await db.apiKey.create({
  data: { name: "palette", role: "viewer", prefix: k.prefix, hash: k.hash },
});

async function search(q: string, headers: Record<string, string> = { "x-api-key": k.key }) {
  const res = await GET(
    new Request(`http://localhost/api/v1/search?${new URLSearchParams({ q })}`, { headers }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: await res.json() };
}

describe("GET /api/v1/search", () => {
  it("finds epics, runs, decisions and patterns across projects", async () => {
    const p = await makeProject();
    const epic = await db.epic.create({
      data: {
        projectId: p.id,
        number: 41,
        title: "Zebra Crossing export",
        phase: "ANALYZER",
        keyRequirements: [],
      },
    });
    await endedRun(p.id, epic.id);
    await db.decision.create({
      data: {
        projectId: p.id,
        epicId: epic.id,
        source: "manager",
        title: "Zebra or horse?",
        options: [],
      },
    });
    await db.pattern.create({ data: { name: "Zebra stripes", tags: "[]" } });

    const { status, body } = await search("zebra");
    expect(status).toBe(200);
    const kinds = body.hits.map((h: { kind: string; title: string }) => `${h.kind}: ${h.title}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "epic: #41 Zebra Crossing export",
        "run: ANALYZER run of #41 Zebra Crossing export",
        "decision: Zebra or horse?",
        "pattern: Zebra stripes",
      ]),
    );
    const hit = body.hits.find((h: { kind: string }) => h.kind === "epic");
    expect(hit.href).toBe(`/projects/${p.slug}/board?epic=${epic.id}`);
    expect((await search("#41")).body.hits.some((h: { id: string }) => h.id === epic.id)).toBe(
      true,
    );
  });

  it("answers nothing for an empty query, and refuses a caller who is not signed in", async () => {
    expect((await search("  ")).body).toEqual({ hits: [] });
    expect((await search("zebra", {})).status).toBe(401);
  });
});
