// One-time link codes: a commune officer prints a code for a beneficiary, the person (or a
// relative) types it into a chat or scans it, and that chat is linked to the person's record.
// A code is a key to someone's payout data, so it is used once, expires, is only issued for
// communes in the officer's area, and issuing it is audited.
import { randomUUID } from "node:crypto";
import { AppError } from "../../core/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { canSeeCommune, type StaffContext } from "../../http/context.ts";
import { todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";
import { recordAudit } from "../audit/service.ts";
import { displayLinkCode, generateLinkCode, linkCodeCandidates } from "./codeText.ts";
import { startOfVietnamDay } from "../../lib/vietnamTime.ts";

export interface IssueLinkCodesInput {
  communeId: string;
  /** Only these people (still only active people of the commune); everyone otherwise. */
  beneficiaryIds?: string[];
  /** Skip people who already have a chat linked, as themselves or through a relative. Default true. */
  onlyUnlinked?: boolean;
  /** Days the code stays usable after today (LINK_CODE_DAYS). */
  validDays: number;
  now: Date;
  /** Null for system callers (no area check). */
  staff: StaffContext | null;
  ip?: string | null;
}

export interface IssuedLinkCode {
  linkCodeId: string;
  beneficiaryId: string;
  /** Stored form, "ABCDEFGH". */
  code: string;
  /** Printed form, "ABCD-EFGH". */
  displayCode: string;
  fullName: string;
  /** "••••••••3456" */
  maskedPersonalId: string;
  address: string | null;
  expiresAt: Date;
  /** Last day the code can be used, in Vietnam. */
  validThrough: CalendarDate;
  /** True when the person already had a valid unused code and it is printed again. */
  reused: boolean;
}

export interface IssuedLinkCodes {
  commune: { id: string; code: string; name: string };
  codes: IssuedLinkCode[];
}

const DAY_MS = 86_400_000;
const CHUNK = 1000;

/**
 * Gives every selected active beneficiary of a commune one usable code: a person who still has a
 * valid unused code gets that same code again (so two printed notices never disagree), with its
 * validity renewed; everyone else gets a new one.
 */
export async function issueLinkCodes(prisma: PrismaClient, input: IssueLinkCodesInput): Promise<IssuedLinkCodes> {
  if (!Number.isInteger(input.validDays) || input.validDays < 1)
    throw new RangeError("validDays must be a positive integer");
  if (input.staff && !canSeeCommune(input.staff, input.communeId))
    throw new AppError("forbidden", "Commune outside the staff area");
  const commune = await prisma.commune.findUnique({
    where: { id: input.communeId },
    select: { id: true, code: true, name: true },
  });
  if (!commune) throw new AppError("not_found", "Unknown commune");

  const onlyUnlinked = input.onlyUnlinked ?? true;
  const validThrough = addDays(todayInVietnam(input.now), input.validDays);
  // Usable to the end of the printed day, Vietnam time.
  const expiresAt = startOfVietnamDay(addDays(validThrough, 1));

  const codes = await prisma.$transaction(
    async (tx) => {
      // Two officers printing the same commune at once must not give one person two codes.
      await tx.$executeRaw`SELECT id FROM "Commune" WHERE id = ${commune.id} FOR UPDATE`;
      const people = await tx.beneficiary.findMany({
        where: {
          communeId: commune.id,
          status: "ACTIVE",
          ...(input.beneficiaryIds ? { id: { in: input.beneficiaryIds } } : {}),
          ...(onlyUnlinked
            ? { chatIdentities: { none: {} }, relatives: { none: { chatIdentities: { some: {} } } } }
            : {}),
        },
        orderBy: [{ fullNameAscii: "asc" }, { personalIdLast4: "asc" }],
        select: {
          id: true,
          fullName: true,
          personalId: true,
          address: true,
          linkCodes: {
            where: { usedAt: null, expiresAt: { gt: input.now } },
            orderBy: { expiresAt: "desc" },
            take: 1,
            select: { id: true, code: true },
          },
        },
      });

      const reused = people.flatMap((p) => p.linkCodes.map((c) => c.id));
      for (const ids of chunks(reused)) {
        await tx.linkCode.updateMany({ where: { id: { in: ids }, expiresAt: { lt: expiresAt } }, data: { expiresAt } });
      }
      const needing = people.filter((p) => p.linkCodes.length === 0);
      const fresh = await freshCodes(tx, needing.length);
      const created = needing.map((p, i) => ({ id: randomUUID(), code: fresh[i] ?? "", beneficiaryId: p.id }));
      for (const rows of chunks(created)) {
        await tx.linkCode.createMany({
          data: rows.map((r) => ({ ...r, communeId: commune.id, expiresAt, createdAt: input.now })),
        });
      }
      const createdFor = new Map(created.map((c) => [c.beneficiaryId, c]));

      await recordAudit(tx, {
        staffId: input.staff?.id ?? null,
        actor: input.staff?.username ?? "system",
        action: "linkcode.issue",
        entity: "commune",
        entityId: commune.id,
        detail: {
          created: created.length,
          reused: reused.length,
          onlyUnlinked,
          beneficiaryIds: people.map((p) => p.id),
        },
        ip: input.ip ?? null,
      });

      return people.map((p): IssuedLinkCode => {
        const existing = p.linkCodes[0];
        const row = existing ?? createdFor.get(p.id);
        if (!row) throw new Error("a person was left without a code");
        return {
          linkCodeId: row.id,
          beneficiaryId: p.id,
          code: row.code,
          displayCode: displayLinkCode(row.code),
          fullName: p.fullName,
          maskedPersonalId: mask(p.personalId),
          address: p.address,
          expiresAt,
          validThrough,
          reused: existing !== undefined,
        };
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { commune, codes };
}

/**
 * The code a chat message names, if it can still be used: not used yet and not expired.
 * Accepts what people type: "abcd efgh", "ABCD-EFGH", and letters a Vietnamese keyboard accented.
 */
export async function findRedeemableCode(
  prisma: Pick<PrismaClient, "linkCode">,
  rawInput: string,
  now: Date,
): Promise<{ linkCodeId: string; beneficiaryId: string } | null> {
  const candidates = linkCodeCandidates(rawInput);
  if (candidates.length === 0) return null;
  const found = await prisma.linkCode.findFirst({
    where: { code: { in: candidates }, usedAt: null, expiresAt: { gt: now } },
    select: { id: true, beneficiaryId: true },
  });
  return found ? { linkCodeId: found.id, beneficiaryId: found.beneficiaryId } : null;
}

/**
 * Uses the code up. True for exactly one caller: the update only matches an unused, unexpired
 * code, and the database re-checks that under the row lock, so two chats racing for one code
 * cannot both link. Call it in the transaction that links the chat, and link only when true.
 */
export async function markCodeUsed(
  tx: Pick<PrismaClient, "linkCode">,
  linkCodeId: string,
  now: Date,
): Promise<boolean> {
  const result = await tx.linkCode.updateMany({
    where: { id: linkCodeId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return result.count === 1;
}

/** `count` codes that no other code (used, expired or live) has ever had. */
async function freshCodes(tx: Pick<PrismaClient, "linkCode">, count: number): Promise<string[]> {
  const chosen = new Set<string>();
  // 40 bits per code: a clash is rare enough that a few rounds always suffice.
  for (let round = 0; chosen.size < count; round++) {
    if (round > 10) throw new Error("could not draw unique link codes");
    const drawn = new Set<string>();
    while (drawn.size < count - chosen.size) {
      const code = generateLinkCode();
      if (!chosen.has(code)) drawn.add(code);
    }
    const taken = new Set<string>();
    for (const batch of chunks([...drawn])) {
      const rows = await tx.linkCode.findMany({ where: { code: { in: batch } }, select: { code: true } });
      for (const r of rows) taken.add(r.code);
    }
    for (const code of drawn) if (!taken.has(code)) chosen.add(code);
  }
  return [...chosen];
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
