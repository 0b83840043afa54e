import { describe, expect, it } from "vitest";
import { beneficiaryStatusOf, vocabulary } from "./vocabulary.ts";

describe("the words officers and post offices write in coded columns", () => {
  it("reads how a payout is paid, the post office's cash and a wallet named with its provider included", () => {
    const cells: [string, string][] = [
      ["Bưu điện", "CASH_POINT"],
      ["Chi trả qua bưu điện", "CASH_POINT"],
      ["VNPost", "CASH_POINT"],
      ["Tại UBND xã", "CASH_POINT"],
      ["Chi tại nhà", "CASH_HOME"],
      ["Bưu điện tại nhà", "CASH_HOME"],
      ["Chuyển khoản NH", "BANK"],
      ["TK ngân hàng", "BANK"],
      ["Ví MoMo", "EWALLET"],
      ["Ví Viettel Money", "MOBILE_MONEY"],
    ];
    expect(cells.map(([cell]) => vocabulary.payoutMethod(cell))).toEqual(cells.map(([, method]) => method));
  });
  it("reads a post office's report of each payout", () => {
    const cells: [string, string][] = [
      ["Đã ký nhận", "PAID"],
      ["Lĩnh thay", "PAID"],
      ["Đã chuyển khoản", "PAID"],
      ["Chưa lĩnh", "SCHEDULED"],
      ["Đi vắng", "UNCOLLECTED"],
      ["CK lỗi", "FAILED"],
      ["Trả về", "FAILED"],
    ];
    expect(cells.map(([cell]) => vocabulary.payoutStatus(cell))).toEqual(cells.map(([, status]) => status));
  });
  it("reads a register's additions and removals of the period", () => {
    expect(["Tăng mới", "Hưởng mới", "Giảm", "Giảm từ tháng 3/2026"].map(beneficiaryStatusOf)).toEqual([
      "ACTIVE",
      "ACTIVE",
      "ENDED",
      "ENDED",
    ]);
  });
});
