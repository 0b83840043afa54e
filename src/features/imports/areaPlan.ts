// The areas list sets up provinces and communes (xã, phường, đặc khu) on a new deployment, and
// keeps names up to date after administrative mergers. Keyed by the administrative codes.
import { randomUUID } from "node:crypto";
import type { CommuneKind } from "../../generated/prisma/enums.ts";
import { cellParsers, type Params } from "./cellParsers.ts";
import type { Columns } from "./columns.ts";
import type { Db } from "./reference.ts";
import type { ImportChange, ImportPlan, RowError } from "./types.ts";
import { foldKey, vocabulary } from "./vocabulary.ts";

interface AreaInput {
  row: number;
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  kind: CommuneKind;
}

const CODE = /^[A-Za-z0-9_-]{1,16}$/;

export async function areaPlan(db: Db, cols: Columns): Promise<ImportPlan> {
  const { rows, errors } = areaRows(cols);
  const [provinces, communes] = await Promise.all([
    db.province.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.provinceCode))] } } }),
    db.commune.findMany({ where: { code: { in: rows.map((r) => r.communeCode) } }, include: { province: { select: { code: true } } } }),
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
    else changes.push({ row: r.row, personalIdMasked: r.communeCode, action: c ? "update" : "create", fields });
  }

  return {
    rows: cols.dataRows.length,
    errors,
    changes,
    unchanged,
    async apply() {
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
      const data = (r: AreaInput) => ({ name: r.communeName, kind: r.kind, provinceId: provinceIds.get(r.provinceCode)! });
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
    },
  };
}

function areaRows(cols: Columns): { rows: AreaInput[]; errors: RowError[] } {
  const rows: AreaInput[] = [];
  const errors: RowError[] = [];
  const communeRow = new Map<string, number>();
  const provinceName = new Map<string, { name: string; row: number }>();
  for (const r of cols.dataRows) {
    const rowErrors: RowError[] = [];
    const err = (field: string, code: string, params: Params = {}) => rowErrors.push({ row: r.row, column: cols.name(field), code, params });
    const text = (field: string) => cellParsers.text(cols.cell(r, field));
    const code = (field: string) => {
      const v = text(field);
      if (v === "") err(field, "required");
      else if (!CODE.test(v)) err(field, "code_invalid", { value: v.slice(0, 40) });
      return v;
    };
    const name = (field: string) => {
      const v = text(field);
      if (v === "") err(field, "required");
      else if (v.length > 200) err(field, "text_too_long", { max: 200 });
      return v;
    };
    const provinceCode = code("provinceCode");
    const pName = name("provinceName");
    const communeCode = code("communeCode");
    const communeName = name("communeName");
    const kindText = text("communeKind");
    // Without a kind column the name tells: "Phường Ba Đình", "Đặc khu Phú Quốc", otherwise xã.
    const prefix = foldKey(communeName);
    const kind =
      kindText !== ""
        ? vocabulary.communeKind(kindText)
        : prefix.startsWith("phuong ") ? "PHUONG" : prefix.startsWith("dac khu ") ? "DAC_KHU" : "XA";
    if (!kind) err("communeKind", "kind_invalid", { value: kindText.slice(0, 40) });

    const first = communeRow.get(communeCode);
    if (communeCode !== "" && first !== undefined) err("communeCode", "duplicate_row", { firstRow: first });
    else communeRow.set(communeCode, r.row);
    const known = provinceName.get(provinceCode);
    if (known && pName !== "" && known.name !== pName) err("provinceName", "province_conflict", { firstRow: known.row });
    else if (!known && provinceCode !== "") provinceName.set(provinceCode, { name: pName, row: r.row });

    if (rowErrors.length > 0 || !kind) errors.push(...rowErrors);
    else rows.push({ row: r.row, provinceCode, provinceName: pName, communeCode, communeName, kind });
  }
  return { rows, errors };
}
