// Reference data every row is checked against, loaded once per file (never per row) as plain data,
// so the rows can be checked in a worker thread that has no database.
import type { Prisma } from "../../generated/prisma/client.ts";
import { todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import type { Clock } from "../../lib/clock.ts";
import type { StaffContext } from "../../http/context.ts";
import type { Params, Parsed } from "./cellParsers.ts";
import { categoryReader, type CategoryReader } from "./categoryWordings.ts";
import { loadCategoryVocabulary, type VocabularyData } from "./categoryVocabulary.ts";
import { foldKey } from "./vocabulary.ts";

export type Db = Prisma.TransactionClient;

export interface CommuneRef {
  id: string;
  code: string;
  name: string;
}

export interface ReferenceData {
  today: CalendarDate;
  nowIso: string;
  /** Communes the person importing may act on; null means all. */
  area: string[] | null;
  communes: CommuneRef[];
  /** Other names of communes (names before the 2025 merger): folded key → commune code. */
  communeAliases: { key: string; target: string }[];
  vocabulary: VocabularyData;
}

export interface Reference {
  today: CalendarDate;
  now: Date;
  area: Set<string> | null;
  categories: CategoryReader;
  communesById: Map<string, CommuneRef>;
  /** By code (also without the leading zeros a spreadsheet drops), name or former name. */
  commune(text: string): Parsed<CommuneRef>;
}

export async function loadReferenceData(db: Db, clock: Clock, staff: StaffContext | null): Promise<ReferenceData> {
  const [communes, aliases, vocabulary] = await Promise.all([
    db.commune.findMany({ select: { id: true, code: true, name: true } }),
    db.importAlias.findMany({ where: { kind: "COMMUNE" }, select: { key: true, target: true } }),
    loadCategoryVocabulary(db),
  ]);
  const now = clock.now();
  return {
    today: todayInVietnam(now),
    nowIso: now.toISOString(),
    area: staff?.communeIds ?? null,
    communes,
    communeAliases: aliases,
    vocabulary,
  };
}

export function buildReference(data: ReferenceData): Reference {
  const area = data.area ? new Set(data.area) : null;
  const byCode = new Map<string, CommuneRef>();
  const byName = new Map<string, CommuneRef[]>();
  const remember = (key: string, c: CommuneRef) => {
    const list = byName.get(key) ?? byName.set(key, []).get(key)!;
    if (!list.includes(c)) list.push(c);
  };
  for (const c of data.communes) {
    byCode.set(c.code, c);
    if (/^0+\d/.test(c.code) && !byCode.has(c.code.replace(/^0+/, ""))) byCode.set(c.code.replace(/^0+/, ""), c);
    remember(bareName(c.name), c);
  }
  for (const a of data.communeAliases) {
    const c = byCode.get(a.target);
    if (c) remember(bareName(a.key), c);
  }
  const lookups = new Map<string, Parsed<CommuneRef>>();
  return {
    today: data.today,
    now: new Date(data.nowIso),
    area,
    categories: categoryReader(data.vocabulary, data.today),
    communesById: new Map(data.communes.map((c) => [c.id, c])),
    commune(text): Parsed<CommuneRef> {
      // A province list names a few hundred communes a hundred thousand times.
      const seen = lookups.get(text);
      if (seen) return seen;
      const found = findCommune(text);
      if (lookups.size < 10_000) lookups.set(text, found);
      return found;
    },
  };

  function findCommune(text: string): Parsed<CommuneRef> {
    const fail = (code: string, params: Params): Parsed<CommuneRef> => ({ ok: false, code, params });
    const code = byCode.get(text.trim()) ?? byCode.get(text.trim().toUpperCase());
    if (code) return { ok: true, value: code };
    const found = byName.get(bareName(text)) ?? [];
    // Two communes of one name in the country: the one in the officer's own area is meant.
    const mine = area && found.length > 1 ? found.filter((c) => area.has(c.id)) : found;
    if (mine.length === 1) return { ok: true, value: mine[0]! };
    if (mine.length > 1)
      return fail("commune_ambiguous", {
        value: text.slice(0, 60),
        candidates: mine.map((c) => `${c.name} (${c.code})`).join("; "),
      });
    return fail("commune_unknown", { value: text.slice(0, 60) });
  }
}

/**
 * "Xã Tân Phú", "XÃ TÂN PHÚ", "Tân Phú", "X. Tân Phú" → "tan phu": lists write the name with or
 * without its kind, and often with the kind cut short ("P. Bình Minh", "TT. Long Hưng").
 */
export function bareName(text: string): string {
  return foldKey(text).replace(/^(ubnd )?(xa|phuong|dac khu|thi tran|x|p|tt|dk)\s+/, "");
}

export function inArea(ref: Reference, communeId: string): boolean {
  return ref.area === null || ref.area.has(communeId);
}
