-- AlterTable
ALTER TABLE "Run" ADD COLUMN "agentHost" TEXT;
ALTER TABLE "Run" ADD COLUMN "agentPid" INTEGER;

