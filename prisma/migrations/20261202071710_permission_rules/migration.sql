-- AlterTable
ALTER TABLE "Decision" ADD COLUMN "reusedFromId" TEXT;

-- CreateTable
CREATE TABLE "PermissionRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "behavior" TEXT NOT NULL,
    "phase" TEXT,
    "epicId" TEXT,
    "createdById" TEXT,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PermissionRule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "description" TEXT NOT NULL DEFAULT '',
    "automagikUrl" TEXT,
    "automagikKey" TEXT,
    "developersAnswerApprovals" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Project" ("automagikKey", "automagikUrl", "createdAt", "defaultBranch", "description", "id", "name", "repo", "slug", "updatedAt") SELECT "automagikKey", "automagikUrl", "createdAt", "defaultBranch", "description", "id", "name", "repo", "slug", "updatedAt" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PermissionRule_projectId_idx" ON "PermissionRule"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "PermissionRule_projectId_rule_phase_epicId_key" ON "PermissionRule"("projectId", "rule", "phase", "epicId");

