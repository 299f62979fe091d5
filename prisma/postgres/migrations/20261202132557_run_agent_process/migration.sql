-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "agentHost" TEXT,
ADD COLUMN     "agentPid" INTEGER;

