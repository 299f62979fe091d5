-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "endCommit" TEXT;

