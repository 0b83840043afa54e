// The areas list sets up provinces and communes (xã, phường, đặc khu) on a new deployment, and
// keeps names up to date after administrative mergers. Keyed by the administrative codes.
import { randomUUID } from "node:crypto";
import type { AreaInput } from "./areaRows.ts";
import { bareName, type Db } from "./reference.ts";
import type { ImportChange, ImportPlan, RowError } from "./types.ts";

export async function areaPlan(
  db: Db,
  input: { rows: AreaInput[]; total: number; column: (field: string) => string },
): Promise<ImportPlan> {
  const { rows, errors } = consistent(input.rows, input.column);
  const [provinces, communes] = await Promise.all([
    db.province.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.provinceCode))] } } }),
    db.commune.findMany({
      where: { code: { in: rows.map((r) => r.communeCode) } },
      include: { province: { select: { code: true } } },
    }),
  ]);
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const communeByCode = new Map(communes.map((c) => [c.code, c]));
  const changes: ImportChange[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const c = communeByCode.get(r.communeCode);
    const p = provinceByCode.get(r.provinceCode);
    const fields: string[] = [];
    if (p && p.name !== r.provinceName) fields.push("provinceName");
    if (c) {
      if (c.name !== r.communeName) fields.push("communeName");
      if (c.kind !== r.kind) fields.push("communeKind");
      if (c.province.code !== r.provinceCode) fields.push("provinceCode");
    }
    if (c && fields.length === 0) unchanged++;
    else
      changes.push({
        sheet: r.sheet,
        row: r.row,
        personalIdMasked: r.communeCode,
        action: c ? "update" : "create",
        fields,
      });
  }

  return {
    rows: input.total,
    errors,
    changes,
    unchanged,
    async apply(db) {
      const provinceIds = new Map(provinces.map((p) => [p.code, p.id]));
      const seen = new Set<string>();
      for (const r of rows) {
        if (seen.has(r.provinceCode)) continue;
        seen.add(r.provinceCode);
        const p = provinceByCode.get(r.provinceCode);
        if (!p) {
          const id = randomUUID();
          provinceIds.set(r.provinceCode, id);
          await db.province.create({ data: { id, code: r.provinceCode, name: r.provinceName } });
        } else if (p.name !== r.provinceName) {
          await db.province.update({ where: { id: p.id }, data: { name: r.provinceName } });
        }
      }
      const data = (r: AreaInput) => ({
        name: r.communeName,
        kind: r.kind,
        provinceId: provinceIds.get(r.provinceCode)!,
      });
      await db.commune.createMany({
        data: rows.filter((r) => !communeByCode.has(r.communeCode)).map((r) => ({ code: r.communeCode, ...data(r) })),
      });
      // A country has a few thousand communes and names rarely change: row-by-row updates are fine.
      for (const r of rows) {
        const c = communeByCode.get(r.communeCode);
        if (c && (c.name !== r.communeName || c.kind !== r.kind || c.province.code !== r.provinceCode)) {
          await db.commune.update({ where: { id: c.id }, data: data(r) });
        }
      }
      // Former names let lists that still use them find the commune.
      const former = rows.flatMap((r) =>
        (r.formerNames ?? []).map((name) => ({
          kind: "COMMUNE" as const,
          wording: name,
          key: bareName(name),
          target: r.communeCode,
          createdBy: "system",
        })),
      );
      await db.importAlias.createMany({ data: former.filter((f) => f.key !== ""), skipDuplicates: true });
    },
  };
}

/** One row per commune, one name per province code. */
function consistent(input: AreaInput[], column: (field: string) => string): { rows: AreaInput[]; errors: RowError[] } {
  const rows: AreaInput[] = [];
  const errors: RowError[] = [];
  const communeRow = new Map<string, number>();
  const provinceName = new Map<string, { name: string; row: number }>();
  for (const r of input) {
    const first = communeRow.get(r.communeCode);
    const known = provinceName.get(r.provinceCode);
    if (first !== undefined)
      errors.push({
        sheet: r.sheet,
        row: r.row,
        column: column("communeCode"),
        value: r.communeCode,
        code: "duplicate_row",
        params: { firstRow: first },
      });
    else if (known && known.name !== r.provinceName) {
      errors.push({
        sheet: r.sheet,
        row: r.row,
        column: column("provinceName"),
        value: r.provinceName,
        code: "province_conflict",
        params: { firstRow: known.row },
      });
    } else {
      communeRow.set(r.communeCode, r.row);
      if (!known) provinceName.set(r.provinceCode, { name: r.provinceName, row: r.row });
      rows.push(r);
    }
  }
  return { rows, errors };
}
