// The demo province as the files a commune officer keeps (areas, beneficiary list, payout list),
// in the Vietnamese layout the import accepts. People are written one at a time, so 100,000 of
// them (and 400,000 payouts) fit in little memory.
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { demoPeople, demoTimeline, type DemoOptions } from "./generator.ts";
import { DEMO_COMMUNES, DEMO_PROVINCE } from "./province.ts";
import type { DemoPayout, DemoPerson } from "./types.ts";

export const AREA_HEADERS = ["Mã tỉnh", "Tên tỉnh", "Mã xã", "Tên xã", "Loại"];
export const BENEFICIARY_HEADERS = [
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
];
export const PAYOUT_HEADERS = [
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
];

const KIND = { XA: "xã", PHUONG: "phường", DAC_KHU: "đặc khu" } as const;
const METHOD = {
  CASH_POINT: "Tiền mặt",
  CASH_HOME: "Chi trả tại nhà",
  BANK: "Tài khoản ngân hàng",
  EWALLET: "Ví điện tử",
  MOBILE_MONEY: "Mobile Money",
} as const;
const STATUS = {
  SCHEDULED: "Chưa nhận",
  PAID: "Đã nhận",
  FAILED: "Không thành công",
  CARRIED_OVER: "Chuyển kỳ sau",
} as const;

export interface OfficerFiles {
  areas: string;
  beneficiaries: string;
  payouts: string;
  counts: { communes: number; beneficiaries: number; payouts: number };
}

/** Writes areas.csv, beneficiaries.csv and payouts.csv into `dir`; `months` keeps only the last n months. */
export async function writeOfficerFiles(
  options: DemoOptions & { dir: string; months?: number },
): Promise<OfficerFiles> {
  await mkdir(options.dir, { recursive: true });
  const files = {
    areas: path.join(options.dir, "areas.csv"),
    beneficiaries: path.join(options.dir, "beneficiaries.csv"),
    payouts: path.join(options.dir, "payouts.csv"),
  };
  const allMonths = demoTimeline(options.today).periods.map((p) => p.month);
  const months = new Set(allMonths.slice(-(options.months ?? allMonths.length)));
  const counts = { communes: DEMO_COMMUNES.length, beneficiaries: 0, payouts: 0 };

  const areas = csvFile(files.areas, AREA_HEADERS);
  for (const c of DEMO_COMMUNES)
    await areas.write([DEMO_PROVINCE.code, DEMO_PROVINCE.name, c.code, c.name, KIND[c.kind]]);
  await areas.close();

  const people = csvFile(files.beneficiaries, BENEFICIARY_HEADERS);
  const payouts = csvFile(files.payouts, PAYOUT_HEADERS);
  try {
    for (const person of demoPeople(options)) {
      await people.write(beneficiaryRow(person));
      counts.beneficiaries++;
      for (const payout of person.payouts) {
        if (!months.has(payout.month)) continue;
        await payouts.write(payoutRow(person, payout));
        counts.payouts++;
      }
    }
  } finally {
    await Promise.all([people.close(), payouts.close()]);
  }
  return { ...files, counts };
}

export function beneficiaryRow(person: DemoPerson): string[] {
  const b = person.beneficiary;
  return [
    b.fullName,
    b.personalId,
    dmy(b.dateOfBirth),
    b.sex === "MALE" ? "Nam" : "Nữ",
    b.phone ?? "",
    b.address,
    b.communeCode,
    b.programme,
    person.categories.map((c) => (c.rate === null ? c.code : `${c.code}:${c.rate}`)).join(";"),
    "Đang hưởng",
  ];
}

export function payoutRow(person: DemoPerson, payout: DemoPayout): string[] {
  const account = person.accounts.find((a) => a.id === payout.accountId);
  return [
    person.beneficiary.personalId,
    `${payout.month.slice(5, 7)}/${payout.month.slice(0, 4)}`,
    String(payout.amount),
    METHOD[payout.method],
    dmy(payout.scheduledDate),
    payout.windowStart && payout.windowEnd ? `${payout.windowStart}-${payout.windowEnd}` : "",
    payout.pointName ?? "",
    account?.provider ?? "",
    account?.accountNumber ?? "",
    STATUS[payout.status],
  ];
}

function dmy(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

// RFC 4180 quoting; a UTF-8 byte-order mark so Excel shows the Vietnamese letters correctly.
function csvFile(file: string, headers: string[]): { write(row: string[]): Promise<void>; close(): Promise<void> } {
  const stream: WriteStream = createWriteStream(file, { encoding: "utf8" });
  let closed = false;
  const line = (row: string[]) =>
    row.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(",") + "\r\n";
  stream.write("\uFEFF" + line(headers));
  return {
    async write(row) {
      if (!stream.write(line(row))) await once(stream, "drain");
    },
    async close() {
      if (closed) return;
      closed = true;
      const finished = once(stream, "finish");
      stream.end();
      await finished;
    },
  };
}
