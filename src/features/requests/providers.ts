// Where people can be paid: the providers offered as buttons, by kind of account. A choice from a
// list, never free text, so the officer's file and the payment service get one spelling.
import type { AccountType } from "./requestData.ts";

export const PROVIDERS: Record<Exclude<AccountType, "CASH">, readonly string[]> = {
  BANK: ["Agribank", "Vietcombank", "VietinBank", "BIDV", "LPBank", "MB", "Techcombank", "Sacombank"],
  EWALLET: ["MoMo", "ZaloPay", "ShopeePay", "VNPAY"],
  MOBILE_MONEY: ["Viettel Money", "VNPT Money", "MobiFone Money"],
  // Accounts that can be linked in VNeID as the social-security account: banks and VNPT Mobile Money.
  VNEID: ["Agribank", "Vietcombank", "VietinBank", "BIDV", "LPBank", "MB", "VNPT Money"],
};

/** Paid into what: e-wallets and Mobile Money are opened with (and numbered by) a phone number. */
export function payoutMethodOf(
  type: Exclude<AccountType, "CASH">,
  provider: string,
): "BANK" | "EWALLET" | "MOBILE_MONEY" {
  if (type === "VNEID") return provider === "VNPT Money" ? "MOBILE_MONEY" : "BANK";
  return type;
}
