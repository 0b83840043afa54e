// The words officers write in their lists, folded (no diacritics, lower case), mapped to the
// codes the database uses. The enum codes themselves are always accepted too.
import type {
  BeneficiaryStatus,
  CommuneKind,
  PayoutMethod,
  PayoutStatus,
  Programme,
  Sex,
} from "../../generated/prisma/enums.ts";
import { foldVietnamese } from "../../lib/text.ts";
import { PROVIDERS } from "../requests/providers.ts";
import type { DisabilityLevel } from "./categoryWordings.ts";

export const vocabulary = {
  sex: choices<Sex>([
    // "Ông", "Bà": how a list of older people often says it.
    ["MALE", ["nam", "male", "m", "trai", "ong", "cu ong"]],
    ["FEMALE", ["nu", "female", "f", "gai", "ba", "cu ba"]],
  ]),
  programme: choices<Programme>([
    ["BTXH", ["btxh", "bao tro xa hoi", "tro giup xa hoi", "tgxh", "social assistance"]],
    ["NCC", ["ncc", "nguoi co cong", "co cong", "nguoi co cong voi cach mang", "meritorious services"]],
  ]),
  beneficiaryStatus: choices<BeneficiaryStatus>([
    // "Mới", "Tăng mới": added to the list this period, and so receiving.
    ["ACTIVE", ["dang huong", "huong", "active", "con huong", "moi", "huong moi", "tang moi", "tang", "new"]],
    ["SUSPENDED", ["tam dung", "tam dinh chi", "suspended"]],
    [
      "ENDED",
      [
        "thoi huong",
        "cat",
        "da cat",
        "cat huong",
        "cat giam",
        "giam",
        "ket thuc",
        "dung huong",
        "chuyen di",
        "chuyen di noi khac",
        "chuyen dia ban",
        "chuyen khau",
        "ended",
        "moved away",
      ],
    ],
    [
      "DECEASED",
      [
        "da mat",
        "mat",
        "tu vong",
        "da tu vong",
        "chet",
        "da chet",
        "tu tran",
        "da tu tran",
        "qua doi",
        "da qua doi",
        "deceased",
        "died",
      ],
    ],
  ]),
  // A list of people with disabilities says the level in a column of its own; "Nhẹ" (mild) brings
  // no allowance and is no level here.
  disabilityLevel: choices<DisabilityLevel>([
    ["ESPECIALLY_SEVERE", ["dac biet nang", "dbn", "db nang", "muc do dac biet nang", "muc do dbn", "muc do db nang"]],
    ["SEVERE", ["nang", "n", "muc do nang", "muc do n"]],
  ]),
  payoutMethod: choices<PayoutMethod>([
    [
      "CASH_POINT",
      [
        "tien mat",
        "tien mat tai diem chi tra",
        "tai diem chi tra",
        "diem chi tra",
        "nhan truc tiep",
        "truc tiep",
        // The post office pays cash at its points ("Bưu điện", "Qua bưu điện", "VNPost").
        "buu dien",
        "qua buu dien",
        "chi tra qua buu dien",
        "chi qua buu dien",
        "buu dien xa",
        "vnpost",
        "vn post",
        "tai ubnd xa",
        "tai xa",
        "tm",
        "cash",
        "cash at payout point",
      ],
    ],
    [
      "CASH_HOME",
      [
        "chi tra tai nha",
        "chi tai nha",
        "nhan tai nha",
        "tai nha",
        "tien mat tai nha",
        "buu dien tai nha",
        "buu dien chi tai nha",
        "cash at home",
        "home delivery",
      ],
    ],
    [
      "BANK",
      [
        "tai khoan ngan hang",
        "ngan hang",
        "chuyen khoan",
        "chuyen khoan ngan hang",
        "chuyen khoan nh",
        "ck ngan hang",
        "tk ngan hang",
        "qua tai khoan",
        "qua ngan hang",
        "tai khoan",
        "tk",
        "ck",
        "atm",
        "the atm",
        "bank",
        "bank account",
        "bank transfer",
      ],
    ],
    // A provider's name in the method column says the kind of account too ("MoMo", "Viettel Money").
    ["EWALLET", ["vi dien tu", "vi", "e wallet", "ewallet", ...withWallet(PROVIDERS.EWALLET)]],
    ["MOBILE_MONEY", ["mobile money", "mobilemoney", "mm", ...withWallet(PROVIDERS.MOBILE_MONEY)]],
  ]),
  payoutStatus: choices<PayoutStatus>([
    [
      "SCHEDULED",
      ["chua nhan", "chua linh", "cho chi tra", "chua chi", "chua chi tra", "scheduled", "not collected yet"],
    ],
    [
      "PAID",
      [
        "da nhan",
        "da chi tra",
        "da chi",
        "da linh",
        "da ky nhan",
        "da chuyen khoan",
        "da ck",
        // Collected by an authorised relative: paid.
        "nhan thay",
        "linh thay",
        "da nhan thay",
        "paid",
        "received",
      ],
    ],
    ["FAILED", ["khong thanh cong", "that bai", "loi", "chuyen khoan loi", "ck loi", "tra ve", "failed"]],
    [
      "UNCOLLECTED",
      ["khong nhan", "khong den nhan", "qua han chua nhan", "vang", "di vang", "vang mat", "uncollected"],
    ],
    ["CARRIED_OVER", ["chuyen ky sau", "chuyen thang sau", "cong don", "carried over"]],
  ]),
  communeKind: choices<CommuneKind>([
    ["XA", ["xa", "commune"]],
    ["PHUONG", ["phuong", "ward"]],
    ["DAC_KHU", ["dac khu", "special zone", "special administrative zone"]],
  ]),
};

export type Choice<T> = (text: string) => T | null;

/** "MoMo" and "Ví MoMo": a provider's name, alone or after the word for a wallet. */
function withWallet(providers: readonly string[]): string[] {
  return providers.flatMap((p) => [p, `vi ${p}`]);
}

// What may follow a status word in its cell: when it took effect or why ("Cắt từ tháng 3/2025",
// "Đã chết (T5/2025)", "Chuyển đi theo QĐ 12/QĐ-UBND").
const STATUS_TAIL = /^(tu|ke tu|ngay|thang|nam|t\d+|\d+|do|vi|theo|qd|quyet)\b/;

/** A status cell, with or without a note of when or why after the word ("Cắt từ tháng 3/2025"). */
export function beneficiaryStatusOf(text: string): BeneficiaryStatus | null {
  const exact = vocabulary.beneficiaryStatus(text);
  if (exact) return exact;
  const words = foldKey(text).split(" ");
  for (let n = Math.min(words.length - 1, 4); n >= 1; n--) {
    if (!STATUS_TAIL.test(words.slice(n).join(" "))) continue;
    const status = vocabulary.beneficiaryStatus(words.slice(0, n).join(" "));
    if (status) return status;
  }
  return null;
}

function choices<T extends string>(words: [T, string[]][]): Choice<T> {
  const map = new Map<string, T>();
  for (const [code, list] of words) {
    map.set(foldKey(code), code);
    for (const w of list) map.set(foldKey(w), code);
  }
  return (text) => map.get(foldKey(text)) ?? null;
}

/** Folded, punctuation as spaces: "Tài khoản ngân hàng", "tai-khoan  ngan hang" → "tai khoan ngan hang". */
export function foldKey(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
