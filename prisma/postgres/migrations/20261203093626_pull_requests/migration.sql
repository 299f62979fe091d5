-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "forge" TEXT,
ADD COLUMN     "forgeApiUrl" TEXT,
ADD COLUMN     "forgeRepo" TEXT,
ADD COLUMN     "forgeToken" TEXT,
ADD COLUMN     "gitRemote" TEXT;

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" TEXT NOT NULL,
    "epicId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "headSha" TEXT,
    "checks" JSONB,
    "fixRuns" INTEGER NOT NULL DEFAULT 0,
    "handled" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_epicId_key" ON "PullRequest"("epicId");

-- AddForeignKey
ALTER TABLE "PullRequest" ADD CONSTRAINT "PullRequest_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

