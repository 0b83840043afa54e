// An approved account (or a return to cash): the payout method changes from the first month not
// yet sent to the payment service; months already sent are paid the way they were sent.
import type { Prisma } from "../../generated/prisma/client.ts";
import { firstOpenMonth, openPayoutsFrom } from "./openMonth.ts";
import { payoutMethodOf } from "./providers.ts";
import { accountDraft, type RequestRow } from "./requestData.ts";

type Tx = Prisma.TransactionClient;

export interface AppliedAccount {
  month: string;
  provider: string | null;
  accountLast4: string | null;
}

export async function applyAccount(
  tx: Tx,
  req: { id: string; beneficiaryId: string; kind: "ACCOUNT" | "CHANGE_METHOD" },
  row: RequestRow,
  today: string,
  now: Date,
): Promise<AppliedAccount> {
  const draft = accountDraft.parse(row.draft);
  const month = await firstOpenMonth(tx, today);
  // One account at a time: the one verified before stops being used.
  await tx.payoutAccount.updateMany({
    where: { beneficiaryId: req.beneficiaryId, status: "VERIFIED" },
    data: { status: "CLOSED" },
  });
  if (req.kind === "CHANGE_METHOD") {
    const method = draft.cash ?? "CASH_POINT";
    await tx.payout.updateMany({ where: openPayoutsFrom(req.beneficiaryId, month), data: { method, accountId: null } });
    return { month, provider: null, accountLast4: null };
  }
  const accountNumber = row.private.accountNumber;
  if (!draft.type || draft.type === "CASH" || !draft.provider || !draft.holderName || !accountNumber)
    throw new Error(`request ${req.id} is incomplete`);
  const method = payoutMethodOf(draft.type, draft.provider);
  const fields = {
    provider: draft.provider,
    accountLast4: accountNumber.slice(-4),
    holderName: draft.holderName,
    linkedInVneid: draft.type === "VNEID",
    status: "VERIFIED" as const,
    verifiedAt: now,
  };
  // The number is stored encrypted: the match goes through its keyed hash (see db/sensitiveFields).
  const known = await tx.payoutAccount.findFirst({
    where: { beneficiaryId: req.beneficiaryId, method, accountNumber },
    select: { id: true },
  });
  const account = known
    ? await tx.payoutAccount.update({ where: { id: known.id }, data: fields })
    : await tx.payoutAccount.create({ data: { beneficiaryId: req.beneficiaryId, method, accountNumber, ...fields } });
  await tx.payout.updateMany({
    where: openPayoutsFrom(req.beneficiaryId, month),
    data: { method, accountId: account.id },
  });
  return { month, provider: draft.provider, accountLast4: account.accountLast4 };
}
