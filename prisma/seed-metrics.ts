// A small history with known figures, for the metrics page's tests and for a look at it:
// `npm run seed -- --scenario` adds project "metrics-demo".
import type { PrismaClient } from "@/generated/prisma/client";
import { insertProject } from "@/lib/services/projects";

const T0 = Date.UTC(2026, 10, 2, 9); // 2 November 2026, 09:00 UTC
const at = (h: number) => new Date(T0 + h * 3_600_000);

export async function seedMetricsScenario(
  db: PrismaClient,
  slug = "metrics-demo",
): Promise<boolean> {
  if (await db.project.findUnique({ where: { slug } })) return false;
  await db.$transaction(async (tx) => {
    const project = await insertProject(
      tx,
      {
        name: "Metrics scenario",
        slug,
        repo: "./data/metrics-demo",
        defaultBranch: "main",
        description: "Two epics with known histories.",
      },
      "demo",
    );
    const pattern = await tx.pattern.upsert({
      where: { id: "seed-pattern-outbox" },
      create: {
        id: "seed-pattern-outbox",
        name: "Transactional outbox (seeded)",
        tags: ["events"],
      },
      update: {},
    });
    const epic = (number: number, title: string, phase: string) =>
      tx.epic.create({
        data: {
          projectId: project.id,
          number,
          title,
          phase,
          status: phase === "DONE" ? "done" : "idle",
          keyRequirements: [],
          createdAt: at(0),
        },
      });
    const run = (epicId: string, phase: string, from: number, to: number, status = "completed") =>
      tx.run.create({
        data: {
          projectId: project.id,
          epicId,
          phase,
          runner: "demo",
          workflow: "w",
          status,
          maxTurns: 30,
          timeoutSec: 1800,
          turns: 10,
          costUsd: 0.5,
          inputTokens: 1000,
          outputTokens: 200,
          startedAt: at(from),
          endedAt: at(to),
          createdAt: at(from),
        },
      });

    const fast = await epic(1, "Fast lane", "DONE");
    const a = await run(fast.id, "ANALYZER", 1, 2);
    await run(fast.id, "BUILDER", 3, 5);
    await tx.decision.create({
      data: {
        projectId: project.id,
        epicId: fast.id,
        runId: a.id,
        source: "tool_approval",
        title: "Allow running npm test?",
        options: [],
        status: "answered",
        answerOption: "allow",
        createdAt: at(1.5),
        answeredAt: at(2),
      },
    });
    await tx.patternUse.create({ data: { patternId: pattern.id, runId: a.id, epicId: fast.id } });
    await tx.metricSample.create({
      data: {
        projectId: project.id,
        epicId: fast.id,
        runId: a.id,
        phase: "TESTER",
        name: "coverage",
        value: 80,
      },
    });
    await tx.auditLog.create({
      data: {
        actorType: "user",
        actorLabel: "Seed",
        action: "epic.move",
        objectType: "epic",
        objectId: fast.id,
        projectId: project.id,
        epicId: fast.id,
        data: { from: "DEPLOYER", to: "DONE" },
        at: at(10),
      },
    });

    const rework = await epic(2, "Rework", "ANALYZER");
    await run(rework.id, "ANALYZER", 1, 2, "failed");
    const r2 = await run(rework.id, "ANALYZER", 2, 3);
    await tx.feedback.createMany({
      data: [1, 2].map((i) => ({
        runId: r2.id,
        clientKey: `seed-${i}`,
        message: `Nudge ${i}`,
        authorLabel: "Seed",
        status: "acknowledged",
      })),
    });
    await tx.decision.create({
      data: {
        projectId: project.id,
        epicId: rework.id,
        runId: r2.id,
        source: "agent",
        title: "Which queue?",
        options: [],
        status: "answered",
        answerOption: "A",
        createdAt: at(2),
        answeredAt: at(4),
      },
    });
    await tx.metricSample.create({
      data: {
        projectId: project.id,
        epicId: rework.id,
        runId: r2.id,
        phase: "TESTER",
        name: "coverage",
        value: 60,
      },
    });
  });
  return true;
}
