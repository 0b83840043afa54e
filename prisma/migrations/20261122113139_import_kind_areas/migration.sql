-- AlterEnum
ALTER TYPE "ImportKind" ADD VALUE 'AREAS';
