// Loads what a decision may know about the chat: who is linked, consent, language, settings.
// Read in one statement (the identity, its links with their people and communes, the open ticket):
// it is read for every message, and each statement is a round trip while the chat's lock is held.
import { z } from "zod";
import { isChannelName } from "../core/events.ts";
import { isLocale } from "../core/i18n.ts";
import { queryRows, sqlDate } from "../db/queryRows.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { todayInVietnam } from "../lib/calendarDate.ts";
import type { ChatContext, ChatSettings, Tx } from "./brain.ts";

/** A ticket the person's messages still go into. */
const OPEN_TICKET_STATUSES = ["NEW", "ASSIGNED", "WAITING_FOR_PERSON", "REOPENED"];

/** The chat's columns, read by `contextColumns`. */
export const contextRow = z.object({
  channel: z.string(),
  locale: z.string(),
  consentAt: sqlDate.nullable(),
  consentWithdrawnAt: sqlDate.nullable(),
  notificationsOff: z.boolean(),
  beneficiaryId: z.string().nullable(),
  links: z.array(
    z.object({
      beneficiaryId: z.string(),
      role: z.enum(["SELF", "REPRESENTATIVE"]),
      fullName: z.string(),
      communeName: z.string(),
      sex: z.enum(["MALE", "FEMALE"]),
      programme: z.enum(["BTXH", "NCC"]),
    }),
  ),
  openTicket: z.object({ id: z.string(), number: z.number().int() }).nullable(),
});
export type ContextRow = z.infer<typeof contextRow>;

/**
 * The columns of `contextRow`, for a statement reading the chat identity `i` (the engine reads
 * them with the chat's next message).
 */
export function contextColumns(i: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${i}.channel::text AS channel, ${i}.locale, ${i}."consentAt", ${i}."consentWithdrawnAt",
    ${i}."notificationsOff", ${i}."beneficiaryId",
    COALESCE((
      SELECT json_agg(json_build_object('beneficiaryId', l."beneficiaryId", 'role', l.role, 'fullName', b."fullName",
        'communeName', co.name, 'sex', b.sex, 'programme', b.programme) ORDER BY l."linkedAt", l.id)
      FROM "ChatLink" l JOIN "Beneficiary" b ON b.id = l."beneficiaryId" JOIN "Commune" co ON co.id = b."communeId"
      WHERE l."identityId" = ${i}.id), '[]'::json) AS links,
    (SELECT json_build_object('id', t.id, 'number', t.number) FROM "HotlineTicket" t
      WHERE t."identityId" = ${i}.id AND t.status::text IN (${Prisma.join(OPEN_TICKET_STATUSES)})
      ORDER BY t."createdAt" DESC LIMIT 1) AS "openTicket"`;
}

export async function loadChatContext(
  tx: Tx,
  identityId: string,
  now: Date,
  settings: ChatSettings,
  stateChangedAt: Date | null,
): Promise<ChatContext> {
  const [row] = await queryRows(
    tx,
    contextRow,
    Prisma.sql`SELECT ${contextColumns(Prisma.sql`i`)} FROM "ChatIdentity" i WHERE i.id = ${identityId}`,
  );
  if (!row) throw new Error(`chat identity ${identityId} not found`);
  return chatContext(row, identityId, now, settings, stateChangedAt);
}

/** The context of a chat whose row was read with `contextColumns`. */
export function chatContext(
  row: ContextRow,
  identityId: string,
  now: Date,
  settings: ChatSettings,
  stateChangedAt: Date | null,
): ChatContext {
  const consentGiven = row.consentAt !== null && row.consentWithdrawnAt === null;
  const links = consentGiven ? row.links : [];
  if (!isChannelName(row.channel)) throw new Error(`chat identity ${identityId} is not on a chat channel`);
  const active = links.find((l) => l.beneficiaryId === row.beneficiaryId) ?? links[0] ?? null;
  return {
    identityId,
    channel: row.channel,
    locale: isLocale(row.locale) ? row.locale : "vi",
    now,
    today: todayInVietnam(now),
    consentGiven,
    notificationsOff: row.notificationsOff,
    links,
    activeBeneficiaryId: active?.beneficiaryId ?? null,
    idleMs: stateChangedAt ? now.getTime() - stateChangedAt.getTime() : null,
    settings,
    openTicket: row.openTicket,
  };
}
