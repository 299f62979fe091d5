-- AlterTable
ALTER TABLE "User" ADD COLUMN "deactivatedAt" DATETIME;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN "revokedAt" DATETIME;

