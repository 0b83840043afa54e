// Where the import learns the benefit categories and the words for them: the policy data's
// categories (code, programme, official names) and the wordings officers added in the console.
// This is the one place that knows where the policy keeps its categories.
import type { Programme } from "../../generated/prisma/enums.ts";
import type { Db } from "./reference.ts";

export interface CategoryEntry {
  id: string;
  code: string;
  programme: Programme;
  name: string;
  nameEn: string;
  /** INJURY_RATE (war invalids and the like, by percentage) or COUNT (children raised); null otherwise. */
  rateKind: string | null;
  /** The last day the category exists in law (a repealed one), the law that ended it and its successor. */
  effectiveTo: Date | null;
  repealedBy: string | null;
  replacedByCode: string | null;
}

export interface VocabularyData {
  categories: CategoryEntry[];
  /** Officers' own wordings: folded key → category code. */
  aliases: { key: string; wording: string; target: string }[];
}

export async function loadCategoryVocabulary(db: Db): Promise<VocabularyData> {
  const [categories, aliases] = await Promise.all([
    db.benefitCategory.findMany({
      select: {
        id: true,
        code: true,
        programme: true,
        name: true,
        nameEn: true,
        rateKind: true,
        effectiveTo: true,
        repealedBy: true,
        replacedByCode: true,
      },
      orderBy: { code: "asc" },
    }),
    db.importAlias.findMany({ where: { kind: "CATEGORY" }, select: { key: true, wording: true, target: true } }),
  ]);
  return { categories, aliases };
}
