-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "automagikKey" TEXT,
ADD COLUMN     "automagikUrl" TEXT;

