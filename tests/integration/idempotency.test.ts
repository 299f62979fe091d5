// A script's retried POST (the answer lost, the client timed out) carries the same Idempotency-Key:
// the first write is answered once; repeats get the same answer back and write nothing again.
import { describe, expect, it } from "vitest";
import * as epicsRoute from "@/app/api/v1/epics/route";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb } from "../setup/db";
import { demoProjectId } from "../setup/runs";

const db = await freshDb();
const projectId = await demoProjectId();
async function keyFor(name: string) {
  const k = generateKey();
  await db.apiKey.create({ data: { name, role: "manager", prefix: k.prefix, hash: k.hash } });
  return k.key;
}
const script = await keyFor("script");
const other = await keyFor("other script");

const post = (body: unknown, idem: string | null, key = script) =>
  epicsRoute.POST(
    new Request("http://localhost/api/v1/epics", {
      method: "POST",
      headers: {
        "x-api-key": key,
        "content-type": "application/json",
        ...(idem ? { "idempotency-key": idem } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
const epic = (title: string) => ({ projectId, title, type: "feature", priority: "low" });

describe("Idempotency-Key on REST writes", () => {
  it("a repeat returns the first answer and writes nothing twice, even ten at once", async () => {
    const before = await db.epic.count();
    const first = await post(epic("Exactly once"), "create-epic-0001");
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string };
    const again = await post(epic("Exactly once"), "create-epic-0001");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(created);

    // Ten copies racing: one writes; the others get its answer or "still in progress".
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => post(epic("Raced"), "create-epic-0002")),
    );
    expect(racing.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await db.epic.count({ where: { title: "Raced" } })).toBe(1);
    expect(await db.epic.count()).toBe(before + 2);
  });

  it("the same key for a different request is refused; another caller's key is its own", async () => {
    await post(epic("Keyed"), "create-epic-0003");
    const different = await post(epic("Something else"), "create-epic-0003");
    expect(different.status).toBe(422);
    expect(((await different.json()) as { error: { code: string } }).error.code).toBe(
      "idempotency-key-reused",
    );
    const theirs = await post(epic("Keyed"), "create-epic-0003", other);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await db.epic.count({ where: { title: "Keyed" } })).toBe(2);
  });

  it("a refused request's answer is kept too; a bad key says what one looks like", async () => {
    const bad = await post({ projectId, title: "" }, "create-epic-0004");
    expect(bad.status).toBe(422);
    const again = await post({ projectId, title: "" }, "create-epic-0004");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const weird = await post(epic("x"), "has spaces in it");
    expect(weird.status).toBe(422);
    expect(await weird.text()).toMatch(/visible ASCII characters/);
  });
});
