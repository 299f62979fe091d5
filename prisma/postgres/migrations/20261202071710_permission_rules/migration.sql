-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "developersAnswerApprovals" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "reusedFromId" TEXT;

-- CreateTable
CREATE TABLE "PermissionRule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "behavior" TEXT NOT NULL,
    "phase" TEXT,
    "epicId" TEXT,
    "createdById" TEXT,
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PermissionRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PermissionRule_projectId_idx" ON "PermissionRule"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "PermissionRule_projectId_rule_phase_epicId_key" ON "PermissionRule"("projectId", "rule", "phase", "epicId");

-- AddForeignKey
ALTER TABLE "PermissionRule" ADD CONSTRAINT "PermissionRule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

