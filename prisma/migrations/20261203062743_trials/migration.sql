-- CreateTable
CREATE TABLE "Trial" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "epicId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "chosenRunId" TEXT,
    "chosenBy" TEXT,
    "startedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "Trial_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "epicId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "runner" TEXT NOT NULL,
    "agent" TEXT,
    "model" TEXT,
    "workflow" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "turns" INTEGER NOT NULL DEFAULT 0,
    "maxTurns" INTEGER NOT NULL,
    "timeoutSec" INTEGER NOT NULL,
    "sessionId" TEXT,
    "parentRunId" TEXT,
    "costUsd" REAL NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "lastSeq" INTEGER NOT NULL DEFAULT 0,
    "currentAction" TEXT,
    "resultSummary" TEXT,
    "error" TEXT,
    "ownerId" TEXT,
    "leaseUntil" DATETIME,
    "branch" TEXT,
    "prompt" TEXT,
    "resumeFrom" TEXT,
    "stopRequested" TEXT,
    "startedById" TEXT,
    "agentPid" INTEGER,
    "agentHost" TEXT,
    "trialId" TEXT,
    "worktreePath" TEXT,
    "startCommit" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Run_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Run" ("agent", "agentHost", "agentPid", "branch", "costUsd", "createdAt", "currentAction", "endedAt", "epicId", "error", "id", "inputTokens", "lastSeq", "leaseUntil", "maxTurns", "model", "outputTokens", "ownerId", "parentRunId", "phase", "projectId", "prompt", "resultSummary", "resumeFrom", "runner", "sessionId", "startedAt", "startedById", "status", "stopRequested", "timeoutSec", "turns", "workflow") SELECT "agent", "agentHost", "agentPid", "branch", "costUsd", "createdAt", "currentAction", "endedAt", "epicId", "error", "id", "inputTokens", "lastSeq", "leaseUntil", "maxTurns", "model", "outputTokens", "ownerId", "parentRunId", "phase", "projectId", "prompt", "resultSummary", "resumeFrom", "runner", "sessionId", "startedAt", "startedById", "status", "stopRequested", "timeoutSec", "turns", "workflow" FROM "Run";
DROP TABLE "Run";
ALTER TABLE "new_Run" RENAME TO "Run";
CREATE INDEX "Run_epicId_createdAt_idx" ON "Run"("epicId", "createdAt");
CREATE INDEX "Run_projectId_createdAt_idx" ON "Run"("projectId", "createdAt");
CREATE INDEX "Run_status_idx" ON "Run"("status");
CREATE INDEX "Run_trialId_idx" ON "Run"("trialId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Trial_epicId_createdAt_idx" ON "Trial"("epicId", "createdAt");

