-- AlterTable
ALTER TABLE "Epic" ADD COLUMN     "lastGate" JSONB;

