// The benefit categories as pickers and pages name them: by programme, then code.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Programme } from "../../generated/prisma/enums.ts";

export interface CategoryName {
  code: string;
  name: string;
  nameEn: string;
  programme: Programme;
}

/** Every category, or only those with the given codes. */
export async function listCategories(
  db: Pick<PrismaClient, "benefitCategory">,
  codes?: readonly string[],
): Promise<CategoryName[]> {
  return db.benefitCategory.findMany({
    where: codes ? { code: { in: [...codes] } } : {},
    select: { code: true, name: true, nameEn: true, programme: true },
    orderBy: [{ programme: "asc" }, { code: "asc" }],
  });
}
