// Banks, e-wallets and Mobile Money as people type them: the brand ("agribank", "vietcombank"),
// the short name ("vcb", "ctg", "tcb"), the Vietnamese name or what people call it ("ngân hàng
// nông nghiệp", "ngoại thương", "ví momo", "viettel pay"), with or without diacritics and spaces.
// Only names of the providers the question offers are matched, so "MB" in a list of wallets is
// never taken for the bank.
import { foldVietnamese } from "../../lib/text.ts";

/** Ways people name each provider, folded (no diacritics, lower case); the name itself is added. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  Agribank: [
    "agri",
    "agr",
    "nong nghiep",
    "nong nghiep va phat trien nong thon",
    "nnptnt",
    "nhnn va ptnt",
    "ngan hang nong nghiep",
    "nh nong nghiep",
  ],
  Vietcombank: [
    "vcb",
    "viet com bank",
    "vietcom",
    "ngoai thuong",
    "ngan hang ngoai thuong",
    "vietcombak",
    "vietconbank",
  ],
  VietinBank: ["ctg", "vietin", "viettinbank", "viettin", "cong thuong", "ngan hang cong thuong", "vietinbak"],
  BIDV: ["dau tu va phat trien", "dau tu phat trien", "ngan hang dau tu", "bidv bank"],
  LPBank: ["lpb", "lien viet", "lienvietpostbank", "lien viet post bank", "buu dien lien viet", "lpbank"],
  MB: ["mbbank", "mb bank", "quan doi", "ngan hang quan doi", "military bank"],
  Techcombank: ["tcb", "techcom", "ky thuong", "ngan hang ky thuong", "teckcombank"],
  Sacombank: ["stb", "sacom", "sai gon thuong tin", "sai gon thuong tin bank"],
  MoMo: ["momo", "vi momo", "mo mo", "m service"],
  ZaloPay: ["zalo pay", "zalopay", "vi zalo", "zalo"],
  ShopeePay: ["shopee pay", "shopee", "airpay", "vi shopee"],
  VNPAY: ["vn pay", "vnpay", "vi vnpay"],
  "Viettel Money": ["viettel pay", "viettelpay", "viettel", "tien di dong viettel"],
  "VNPT Money": ["vnpt pay", "vnptpay", "vnpt", "vi vnpt"],
  "MobiFone Money": ["mobifone pay", "mobi money", "mobifone", "mobi"],
};

/** Words that say what kind of thing it is, not which one ("ngân hàng", "ví", "bank", "tài khoản"). */
const FILLER =
  /\b(?:ngan hang|nh|ngan hang tmcp|tmcp|thuong mai co phan|vi dien tu|vi|bank|wallet|e wallet|tai khoan|tk|cua|o|toi|dung|la|the|mo|mo the|o ngan hang|tien di dong)\b/g;

export function providerFromText(text: string, offered: readonly string[]): string | null {
  const folded = foldVietnamese(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!folded) return null;
  const bare = folded.replace(FILLER, " ").replace(/\s+/g, " ").trim();
  const squashed = folded.replace(/ /g, "");
  let best: { name: string; length: number } | null = null;
  for (const name of offered) {
    for (const alias of [foldVietnamese(name), ...(ALIASES[name] ?? [])]) {
      const hit =
        folded === alias ||
        bare === alias ||
        squashed === alias.replace(/ /g, "") ||
        new RegExp(`\\b${alias}\\b`).test(folded);
      // The longest matching name wins: "viettel money" before "viettel".
      if (hit && (!best || alias.length > best.length)) best = { name, length: alias.length };
    }
  }
  return best?.name ?? null;
}
