-- AlterTable
ALTER TABLE "Phase" ADD COLUMN     "agent" TEXT,
ADD COLUMN     "model" TEXT;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "agent" TEXT,
ADD COLUMN     "model" TEXT;

