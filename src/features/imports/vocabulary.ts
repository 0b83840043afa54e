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
    ["ACTIVE", ["dang huong", "huong", "active", "con huong"]],
    ["SUSPENDED", ["tam dung", "tam dinh chi", "suspended"]],
    ["ENDED", ["thoi huong", "cat", "da cat", "ket thuc", "dung huong", "ended"]],
    ["DECEASED", ["da mat", "tu vong", "chet", "deceased", "qua doi", "da qua doi"]],
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
        "tm",
        "cash",
        "cash at payout point",
      ],
    ],
    ["CASH_HOME", ["chi tra tai nha", "tai nha", "tien mat tai nha", "cash at home", "home delivery"]],
    [
      "BANK",
      [
        "tai khoan ngan hang",
        "ngan hang",
        "chuyen khoan",
        "chuyen khoan ngan hang",
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
    ["EWALLET", ["vi dien tu", "vi", "e wallet", "ewallet", ...PROVIDERS.EWALLET]],
    ["MOBILE_MONEY", ["mobile money", "mobilemoney", "mm", ...PROVIDERS.MOBILE_MONEY]],
  ]),
  payoutStatus: choices<PayoutStatus>([
    ["SCHEDULED", ["chua nhan", "cho chi tra", "chua chi", "chua chi tra", "scheduled", "not collected yet"]],
    ["PAID", ["da nhan", "da chi tra", "da chi", "da linh", "paid", "received"]],
    ["FAILED", ["khong thanh cong", "that bai", "loi", "failed"]],
    ["UNCOLLECTED", ["khong nhan", "khong den nhan", "qua han chua nhan", "uncollected"]],
    ["CARRIED_OVER", ["chuyen ky sau", "chuyen thang sau", "cong don", "carried over"]],
  ]),
  communeKind: choices<CommuneKind>([
    ["XA", ["xa", "commune"]],
    ["PHUONG", ["phuong", "ward"]],
    ["DAC_KHU", ["dac khu", "special zone", "special administrative zone"]],
  ]),
};

export type Choice<T> = (text: string) => T | null;

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
