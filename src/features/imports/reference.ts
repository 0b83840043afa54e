// Reference data every row is checked against, loaded once per file (never per row).
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Programme } from "../../generated/prisma/enums.ts";
import { todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import type { Clock } from "../../lib/clock.ts";
import type { StaffContext } from "../../http/context.ts";
import type { Parsed } from "./cellParsers.ts";
import { foldKey } from "./vocabulary.ts";

export type Db = Prisma.TransactionClient;

export interface CommuneRef {
  id: string;
  code: string;
  name: string;
}

export interface Reference {
  today: CalendarDate;
  now: Date;
  /** Communes the person importing may act on; null means all. */
  area: Set<string> | null;
  categories: Map<string, { id: string; code: string; programme: Programme }>;
  communesById: Map<string, CommuneRef>;
  /** By code (also without the leading zeros a spreadsheet drops) or by name. */
  commune(text: string): Parsed<CommuneRef>;
}

const AMBIGUOUS = "ambiguous";

export async function loadReference(db: Db, clock: Clock, staff: StaffContext | null): Promise<Reference> {
  const [communes, categories] = await Promise.all([
    db.commune.findMany({ select: { id: true, code: true, name: true } }),
    db.benefitCategory.findMany({ select: { id: true, code: true, programme: true } }),
  ]);
  const byCode = new Map<string, CommuneRef>();
  const byName = new Map<string, CommuneRef | typeof AMBIGUOUS>();
  const remember = (key: string, c: CommuneRef, map: Map<string, CommuneRef | typeof AMBIGUOUS>) => {
    const seen = map.get(key);
    map.set(key, seen && seen !== c ? AMBIGUOUS : c);
  };
  for (const c of communes) {
    byCode.set(c.code, c);
    if (/^0+\d/.test(c.code) && !byCode.has(c.code.replace(/^0+/, ""))) byCode.set(c.code.replace(/^0+/, ""), c);
    const name = foldKey(c.name);
    remember(name, c, byName);
    // Lists write "Tân Phú" for "Xã Tân Phú".
    const bare = name.replace(/^(xa|phuong|dac khu)\s+/, "");
    if (bare !== name) remember(bare, c, byName);
  }
  const now = clock.now();
  return {
    today: todayInVietnam(now),
    now,
    area: staff?.communeIds ? new Set(staff.communeIds) : null,
    categories: new Map(categories.map((c) => [c.code, c])),
    communesById: new Map(communes.map((c) => [c.id, c])),
    commune(text) {
      const found = byCode.get(text) ?? byName.get(foldKey(text));
      if (found === AMBIGUOUS) return { ok: false, code: "commune_ambiguous", params: { value: text.slice(0, 60) } };
      if (!found) return { ok: false, code: "commune_unknown", params: { value: text.slice(0, 60) } };
      return { ok: true, value: found };
    },
  };
}

export function inArea(ref: Reference, communeId: string): boolean {
  return ref.area === null || ref.area.has(communeId);
}
