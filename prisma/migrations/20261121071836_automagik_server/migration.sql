-- AlterTable
ALTER TABLE "Project" ADD COLUMN "automagikKey" TEXT;
ALTER TABLE "Project" ADD COLUMN "automagikUrl" TEXT;

