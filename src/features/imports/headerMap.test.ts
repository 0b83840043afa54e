import { describe, expect, it } from "vitest";
import { mapHeader } from "./headerMap.ts";
import type { ImportKind } from "./types.ts";

/** The field each title of a one-row header is read as. */
function fieldsOf(kind: ImportKind, titles: string[]): Record<string, string> {
  const map = mapHeader(
    kind,
    titles.map((top, i) => ({ col: i + 1, top, sub: "", hidden: false, continued: false })),
    () => [],
  );
  return Object.fromEntries([...map.fields].map(([field, c]) => [c.header, field]));
}

describe("reading column titles the way registers word them", () => {
  it("reads a register's people columns in their shorter and older wordings", () => {
    expect(
      fieldsOf("beneficiaries", [
        "TT",
        "Tên người hưởng",
        "Sinh năm",
        "Số ĐDCN",
        "Hộ khẩu thường trú",
        "Thuộc diện",
        "Số QĐ hưởng",
      ]),
    ).toEqual({
      TT: "serial",
      "Tên người hưởng": "fullName",
      "Sinh năm": "dateOfBirth",
      "Số ĐDCN": "personalId",
      "Hộ khẩu thường trú": "address",
      "Thuộc diện": "categories",
      "Số QĐ hưởng": "decisionNo",
    });
  });
  it("takes a hamlet column by any of the names hamlets have across the country", () => {
    for (const title of ["Tổ", "Khóm", "Buôn", "Bon", "Làng", "Khu dân cư", "Ấp/Khóm", "Thôn/Buôn"])
      expect(fieldsOf("beneficiaries", ["Họ và tên", title]), title).toMatchObject({ [title]: "address" });
  });
  it("reads a payout list's account, bank, way and receiver columns in their short forms", () => {
    expect(
      fieldsOf("payouts", [
        "Số CCCD",
        "Kỳ chi",
        "Số tiền được lĩnh",
        "Cách nhận",
        "Tên ngân hàng",
        "Số TK",
        "Người lĩnh thay",
      ]),
    ).toEqual({
      "Số CCCD": "personalId",
      "Kỳ chi": "month",
      "Số tiền được lĩnh": "amount",
      "Cách nhận": "method",
      "Tên ngân hàng": "provider",
      "Số TK": "accountNumber",
      "Người lĩnh thay": "receiver",
    });
  });
  it("never reads the receiver's name or ID as the person's own", () => {
    expect(
      fieldsOf("payouts", ["Họ và tên", "Số CCCD", "Số tiền", "Họ tên người nhận hộ", "Số CCCD người lĩnh thay"]),
    ).toEqual({ "Họ và tên": "fullName", "Số CCCD": "personalId", "Số tiền": "amount" });
  });
});
