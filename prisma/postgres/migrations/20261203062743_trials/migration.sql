-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "startCommit" TEXT,
ADD COLUMN     "trialId" TEXT,
ADD COLUMN     "worktreePath" TEXT;

-- CreateTable
CREATE TABLE "Trial" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "epicId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "chosenRunId" TEXT,
    "chosenBy" TEXT,
    "startedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Trial_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Trial_epicId_createdAt_idx" ON "Trial"("epicId", "createdAt");

-- CreateIndex
CREATE INDEX "Run_trialId_idx" ON "Run"("trialId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_trialId_fkey" FOREIGN KEY ("trialId") REFERENCES "Trial"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trial" ADD CONSTRAINT "Trial_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

