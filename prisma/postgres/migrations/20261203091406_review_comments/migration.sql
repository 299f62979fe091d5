-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "epicId" TEXT NOT NULL,
    "runId" TEXT,
    "path" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "quote" TEXT NOT NULL DEFAULT '',
    "commit" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "authorId" TEXT,
    "authorLabel" TEXT NOT NULL,
    "sentRunId" TEXT,
    "feedbackId" TEXT,
    "addressedRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "addressedAt" TIMESTAMP(3),

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "epicId" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "commit" TEXT,
    "authorId" TEXT,
    "authorLabel" TEXT NOT NULL,
    "runId" TEXT,
    "clientKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewComment_epicId_status_idx" ON "ReviewComment"("epicId", "status");

-- CreateIndex
CREATE INDEX "Review_epicId_createdAt_idx" ON "Review"("epicId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_epicId_clientKey_key" ON "Review"("epicId", "clientKey");

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_epicId_fkey" FOREIGN KEY ("epicId") REFERENCES "Epic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

