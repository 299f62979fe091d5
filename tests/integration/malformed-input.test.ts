// Property-based: whatever is thrown at a server action or route, the answer is a clear 4xx-like
// refusal, never an exception with a stack, and no row changes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST as postRun } from "@/app/api/v1/runs/route";
import { GET as getEvents } from "@/app/api/v1/runs/[id]/events/route";
import { ACTIONS, type ActionName } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { generateKey } from "@/lib/auth/api-keys";
import { freshDb } from "../setup/db";
import { actorOf } from "../setup/actors";
import { demoProjectId } from "../setup/runs";

const db = await freshDb();
await demoProjectId();
const admin = actorOf("admin");
const k = generateKey();
await db.apiKey.create({ data: { name: "fuzz", role: "admin", prefix: k.prefix, hash: k.hash } });

const counts = async () =>
  Promise.all([
    db.project.count(),
    db.epic.count(),
    db.todo.count(),
    db.run.count(),
    db.feedback.count(),
    db.invite.count(),
    db.apiKey.count(),
    db.user.count(),
  ]);

// Mostly garbage; sometimes objects that look nearly right (right keys, wrong values).
const nearMiss = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    title: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
    projectId: fc.oneof(fc.string(), fc.constant(undefined)),
    role: fc.string(),
    message: fc.oneof(fc.constant(""), fc.integer()),
    to: fc.oneof(fc.string(), fc.constant(42)),
  },
  { requiredKeys: [] },
);
const junk = fc.oneof(fc.anything(), nearMiss);

describe("malformed input", () => {
  for (const name of Object.keys(ACTIONS) as ActionName[]) {
    it(`${name}: refused with a reason, nothing written`, async () => {
      const before = await counts();
      await fc.assert(
        fc.asyncProperty(junk, async (input) => {
          const result = await runActionAs(ACTIONS[name] as never, admin, input);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.message).toMatch(/\S/);
            expect(result.message).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
          }
        }),
        { numRuns: 60 },
      );
      expect(await counts()).toEqual(before);
    });
  }

  it("POST /api/v1/runs answers 4xx JSON to any body and starts nothing", async () => {
    const before = await db.run.count();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string(), fc.constant("{")), async (body) => {
        const res = await postRun(
          new Request("http://localhost/api/v1/runs", {
            method: "POST",
            body,
            headers: { "x-api-key": k.key },
          }),
        );
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const json = await res.json();
        expect(json.error.code).toMatch(/invalid-input|invalid-json|epic-not-found/);
      }),
      { numRuns: 100 },
    );
    expect(await db.run.count()).toBe(before);
  });

  it("GET run events answers 4xx to any query", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("after", "before", "limit", "x"), fc.string()),
        async (query) => {
          const res = await getEvents(
            new Request(`http://localhost/api/v1/runs/nope/events?${new URLSearchParams(query)}`, {
              headers: { "x-api-key": k.key },
            }),
            { params: Promise.resolve({ id: "nope" }) },
          );
          expect([404, 422]).toContain(res.status);
        },
      ),
      { numRuns: 60 },
    );
  });
});
