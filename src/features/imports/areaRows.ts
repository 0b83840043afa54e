// Checks one row of the areas list (provinces and communes, keyed by their administrative codes,
// with the names a commune had before the 2025 merger).
import type { CommuneKind } from "../../generated/prisma/enums.ts";
import type { RowCheck } from "./beneficiaryRows.ts";
import { rowReader, type SheetColumns } from "./rowReader.ts";
import { foldKey, vocabulary } from "./vocabulary.ts";

export interface AreaInput {
  sheet: string | null;
  row: number;
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  kind: CommuneKind;
  /** undefined: the list has no such column. */
  formerNames?: string[];
}

const CODE = /^[A-Za-z0-9_-]{1,16}$/;

export function areaChecker(cols: SheetColumns): RowCheck<AreaInput> {
  return (r) => {
    const { errors, err, text, required, optional } = rowReader(cols, r, 200);
    const code = (field: string) => {
      const v = text(field);
      if (v === "") err(field, "required");
      else if (!CODE.test(v)) err(field, "code_invalid", { value: v.slice(0, 40) });
      return v;
    };
    const provinceCode = code("provinceCode");
    const provinceName = required("provinceName");
    const communeCode = code("communeCode");
    const communeName = required("communeName");
    const kindText = text("communeKind");
    // Without a kind column the name tells: "Phường Ba Đình", "Đặc khu Phú Quốc", otherwise xã.
    const prefix = foldKey(communeName);
    const kind =
      kindText !== ""
        ? vocabulary.communeKind(kindText)
        : prefix.startsWith("phuong ")
          ? "PHUONG"
          : prefix.startsWith("dac khu ")
            ? "DAC_KHU"
            : "XA";
    if (!kind) err("communeKind", "kind_invalid", { value: kindText.slice(0, 40) });
    const former = optional("formerNames");
    const formerNames =
      former === undefined
        ? undefined
        : (former ?? "")
            .split(/[;\n]/)
            .map((n) => n.trim())
            .filter((n) => n !== "");
    if (errors.length > 0 || !kind) return { input: null, errors };
    return {
      input: { sheet: cols.sheet, row: r.row, provinceCode, provinceName, communeCode, communeName, kind, formerNames },
      errors: [],
    };
  };
}
