// The link to a request's printable authorisation form (giấy ủy quyền, with both people's full
// IDs): given to the chat that sent the request, kept in the database only as a SHA-256 of its
// token (a copy of the database opens no form), working for a number of days and only while the
// request is undecided.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client.ts";

const DAY_MS = 86_400_000;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function formPath(token: string): string {
  return `/forms/authorisation/${token}`;
}

export function hashFormToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token for the request; returns the path to give the person (the only copy of the token). */
export async function issueFormLink(tx: Prisma.TransactionClient, requestId: string, now: Date): Promise<string> {
  // 24 random bytes: 32 characters nobody can guess.
  const token = randomBytes(24).toString("base64url");
  await tx.changeRequest.update({
    where: { id: requestId },
    data: { formTokenHash: hashFormToken(token), formIssuedAt: now },
  });
  return formPath(token);
}

/** Whether a link given out at `issuedAt` still opens. */
export function formLinkValid(issuedAt: Date | null, now: Date, days: number): boolean {
  return issuedAt !== null && now.getTime() - issuedAt.getTime() < days * DAY_MS;
}

/** The hash to look a token up by; null for anything that is not one of ours. */
export function formTokenLookup(token: string): string | null {
  return TOKEN.test(token) ? hashFormToken(token) : null;
}
