-- AlterTable
ALTER TABLE "Project" ADD COLUMN "forge" TEXT;
ALTER TABLE "Project" ADD COLUMN "forgeApiUrl" TEXT;
ALTER TABLE "Project" ADD COLUMN "forgeRepo" TEXT;
ALTER TABLE "Project" ADD COLUMN "forgeToken" TEXT;
ALTER TABLE "Project" ADD COLUMN "gitRemote" TEXT;

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "epicId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "headSha" TEXT,
    "checks" JSONB,
    "fixRuns" INTEGER NOT NULL DEFAULT 0,
    "handled" JSONB NOT NULL,
    "syncedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PullRequest_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_epicId_key" ON "PullRequest"("epicId");

