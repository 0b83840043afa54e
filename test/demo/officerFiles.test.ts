import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoProvince } from "../../src/features/demo/generator.ts";
import { writeOfficerFiles } from "../../src/features/demo/officerFiles.ts";
import { loadPolicy, type Policy } from "../../src/features/policy/loadPolicy.ts";
import { personalIdProblems } from "../../src/lib/personalId.ts";

const TODAY = "2026-11-22";
let dir: string;
let policy: Policy;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "demo-files-"));
  policy = await loadPolicy();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readCsv(file: string): Promise<string[][]> {
  return parse(await readFile(file, "utf8"), { bom: true });
}

describe("demo officer files", () => {
  it("writes areas, beneficiaries and payouts with the Vietnamese headers officers use", async () => {
    const result = await writeOfficerFiles({ dir, seed: 5, today: TODAY, policy, count: 400 });
    expect(result.counts).toEqual({ communes: 6, beneficiaries: 400, payouts: 1_600 });

    const areas = await readCsv(result.areas);
    expect(areas[0]).toEqual(["Mã tỉnh", "Tên tỉnh", "Mã xã", "Tên xã", "Loại"]);
    expect(areas).toContainEqual(["A01", "Tỉnh An Hòa", "A0102", "Phường Bình Minh", "phường"]);
    expect(new Set(areas.slice(1).map((r) => r[4]))).toEqual(new Set(["xã", "phường", "đặc khu"]));

    const people = await readCsv(result.beneficiaries);
    expect(people[0]).toEqual([
      "Họ và tên",
      "Số định danh",
      "Ngày sinh (dd/mm/yyyy)",
      "Giới tính (Nam/Nữ)",
      "Số điện thoại",
      "Địa chỉ",
      "Mã xã",
      "Chương trình",
      "Mã đối tượng",
      "Trạng thái",
    ]);
    expect(people).toHaveLength(401);
    for (const [, id, dob, sex] of people.slice(1)) {
      const [d, m, y] = dob!.split("/");
      expect(
        personalIdProblems(id!, { sex: sex === "Nam" ? "MALE" : "FEMALE", dateOfBirth: `${y}-${m}-${d}` }),
      ).toEqual([]);
    }
    expect(people.some((r) => /^NCC_WAR_INVALID:(21|41|61|81|100)/.test(r[8]!))).toBe(true);

    const payouts = await readCsv(result.payouts);
    expect(payouts[0]).toEqual([
      "Số định danh",
      "Kỳ (MM/YYYY)",
      "Số tiền",
      "Hình thức",
      "Ngày chi trả (dd/mm/yyyy)",
      "Giờ (07:30-11:00)",
      "Điểm chi trả",
      "Ngân hàng/Ví",
      "Số tài khoản",
      "Trạng thái",
    ]);
    expect(new Set(payouts.slice(1).map((r) => r[1]))).toEqual(new Set(["09/2026", "10/2026", "11/2026", "12/2026"]));
  });

  it("holds the same people and amounts as the demo database", async () => {
    const result = await writeOfficerFiles({ dir, seed: 5, today: TODAY, policy, count: 50, months: 1 });
    const demo = generateDemoProvince({ seed: 5, today: TODAY, policy, count: 50 });
    const payouts = (await readCsv(result.payouts)).slice(1);
    expect(payouts).toHaveLength(50);
    expect(payouts.map((r) => [r[0], r[1], Number(r[2])])).toEqual(
      demo.people.map((p) => [p.beneficiary.personalId, "12/2026", p.payouts[3]!.amount]),
    );
    const cash = payouts.find((r) => r[3] === "Tiền mặt");
    expect(cash?.[5]).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}$/);
    expect(cash?.[6]).not.toBe("");
    const bank = payouts.find((r) => r[3] === "Tài khoản ngân hàng");
    expect(bank?.[8]).toMatch(/^\d{10,19}$/);
  });
});
