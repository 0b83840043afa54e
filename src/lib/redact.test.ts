import { describe, expect, it } from "vitest";
import { redactString, redactValue } from "./redact.ts";

describe("redaction", () => {
  it("masks personal IDs, phones and account numbers wherever they stand in a text", () => {
    expect(redactString("CCCD: 079145001234, SĐT +84912345678, TK 1234567890123")).toBe(
      "CCCD: ••••••••1234, SĐT ••••••••5678, TK ••••••••0123",
    );
  });

  it("keeps record ids whole, even when they hold long runs of digits", () => {
    const ids = ["728e9786-2640-44bc-bdf4-4314293031eb", "12345678-1234-4234-8234-123456789012"];
    for (const id of ids) expect(redactString(`viewed ${id}`)).toBe(`viewed ${id}`);
    expect(redactValue({ beneficiaryIds: ids })).toEqual({ beneficiaryIds: ids });
  });

  it("keeps digests and short numbers (dates, amounts, years) readable", () => {
    const digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    expect(redactString(`pid:${digest}`)).toBe(`pid:${digest}`);
    expect(redactString("1.250.000 đ ngày 05/12/2026, năm 1945")).toBe("1.250.000 đ ngày 05/12/2026, năm 1945");
  });

  it("keeps migration and file names, clock readings and message counters whole", () => {
    expect(redactString("applied 20261105112128_init, 20261201093000_add_policy")).toBe(
      "applied 20261105112128_init, 20261201093000_add_policy",
    );
    expect(redactString("wrote ds_20261206_0912345678.xlsx")).toBe("wrote ds_20261206_0912345678.xlsx");
    const event = {
      timestamp: "1699003881354",
      date: 1765012345,
      update_id: 912345678,
      message_id: "8812345",
      receivedAt: 1765012345678,
    };
    expect(redactValue(event)).toEqual(event);
  });

  it("still masks a personal number however the field around it is named", () => {
    expect(redactValue({ personalId: "079145001234", phone: "0912345678", note: "số TK 1903123456789" })).toEqual({
      personalId: "••••••••1234",
      phone: "••••••5678",
      note: "số TK ••••••••6789",
    });
  });
});
