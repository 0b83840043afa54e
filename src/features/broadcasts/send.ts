// The broadcasts job: every minute, turns the broadcasts whose time has come into messages.
// 1. Freeze: in one transaction under the broadcast's row lock, the audience is evaluated once and
//    a report line (BroadcastDelivery) written per person; the broadcast becomes SENDING.
// 2. Route, a chunk at a time, each chunk one transaction under the same lock: each line gets its
//    one message (route.ts) in the reader's language, or ends SKIPPED "opted_out" / "unreachable".
//    Messages carry a dedupe key per broadcast and person, and a line with a route is not routed
//    again, so a run that dies half-way is finished by the next one and nobody gets it twice.
// 3. A broadcast whose lines are all final is DONE.
// The delivery engine sends the messages (bulk sender, quiet hours) and mirrors each message's
// end onto its line. A cancelled broadcast's messages that came back to the queue are skipped here.
import { z } from "zod";
import type { Config } from "../../config.ts";
import { btn, say, type Reply } from "../../core/reply.ts";
import { enqueueOutbound, type OutboundDraft } from "../../delivery/enqueue.ts";
import { queryRows } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { Job } from "../../jobs/scheduler.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { BUTTON } from "../chat/commands.ts";
import type { PhoneChannel } from "../notifications/noticeRecipients.ts";
import { OPTED_OUT } from "../notifications/setNotifications.ts";
import { audienceMemberIds, audienceSchema } from "./audience.ts";
import { skipUnsent } from "./decisions.ts";
import { loadRouteFacts, routeFor, type Route } from "./route.ts";
import {
  renderTemplate,
  templateSchema,
  templateText,
  templateVarsFor,
  textLocale,
  type Template,
} from "./template.ts";

export const MESSAGE_KEY = "broadcasts:message";
export const UNREACHABLE = "unreachable";

export interface BroadcastSendDeps {
  prisma: PrismaClient;
  config: Pick<Config, "zns" | "sms">;
  /** People routed per transaction (default 300). */
  chunkSize?: number;
  /** Tells the delivery engine there is something new to send. */
  kick?: () => void;
}

export interface SendSummary {
  started: number;
  routed: number;
  done: number;
}

const DEFAULT_CHUNK = 300;
const FREEZE_CHUNK = 50_000;
// A cancelled broadcast is watched this long for messages that come back to the queue.
const CANCEL_WATCH_MS = 24 * 3600_000;

export async function sendDueBroadcasts(
  deps: BroadcastSendDeps,
  now: Date,
  opts: { onlyId?: string; maxChunks?: number } = {},
): Promise<SendSummary> {
  const { prisma } = deps;
  const summary: SendSummary = { started: 0, routed: 0, done: 0 };
  const cancelled = await prisma.broadcast.findMany({
    where: {
      status: "CANCELLED",
      cancelledAt: { gte: new Date(now.getTime() - CANCEL_WATCH_MS) },
      deliveries: { some: { status: { in: ["QUEUED", "SENDING"] } } },
    },
    select: { id: true },
  });
  for (const b of cancelled) await skipUnsent(prisma, b.id, now);

  const due = await prisma.broadcast.findMany({
    where: {
      status: { in: ["SCHEDULED", "SENDING"] },
      materialisedAt: null,
      scheduledAt: { lte: now },
      ...(opts.onlyId ? { id: opts.onlyId } : {}),
    },
    select: { id: true, status: true },
    orderBy: { scheduledAt: "asc" },
  });
  let chunksLeft = opts.maxChunks ?? Infinity;
  for (const b of due) {
    if (b.status === "SCHEDULED" && (await freeze(prisma, b.id, now))) summary.started++;
    for (;;) {
      if (chunksLeft <= 0) return summary;
      chunksLeft--;
      const routed = await routeChunk(deps, b.id, now);
      if (routed === null) break;
      summary.routed += routed;
      if (routed > 0) deps.kick?.();
    }
  }
  await settleLines(prisma, null, now);
  summary.done = await finishComplete(prisma, now);
  return summary;
}

/**
 * Lines whose message ended without the delivery engine writing it back (a person who turned
 * notices off has their queued messages skipped at once) take their message's end here.
 */
async function settleLines(prisma: PrismaClient, id: string | null, now: Date): Promise<void> {
  const which = id === null ? Prisma.sql`b.status = 'SENDING'` : Prisma.sql`b.id = ${id}`;
  await prisma.$executeRaw`
    UPDATE "BroadcastDelivery" d SET status = m.status, reason = m."failureReason", "updatedAt" = ${now}
    FROM "OutboundMessage" m, "Broadcast" b
    WHERE m."broadcastDeliveryId" = d.id AND b.id = d."broadcastId" AND ${which}
      AND d.status IN ('QUEUED', 'SENDING') AND m.status IN ('SENT', 'FAILED', 'SKIPPED')`;
}

export function broadcastsJob(deps: BroadcastSendDeps): Job {
  return { name: "broadcasts", schedule: "* * * * *", run: (now) => sendDueBroadcasts(deps, now) };
}

/** Writes the report lines of a SCHEDULED broadcast and makes it SENDING; false if it was not SCHEDULED. */
async function freeze(prisma: PrismaClient, id: string, now: Date): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      if ((await lockStatus(tx, id)) !== "SCHEDULED") return false;
      const b = await tx.broadcast.findUniqueOrThrow({
        where: { id },
        select: { audience: true, onlyBeneficiaryIds: true },
      });
      const only = z.array(z.string()).nullable().safeParse(b.onlyBeneficiaryIds);
      const members = await audienceMemberIds(tx, audienceSchema.parse(b.audience), {
        today: todayInVietnam(now),
        ...(only.success && only.data ? { onlyIds: only.data } : {}),
      });
      // One statement per 50,000 lines over an array of ids: a province's audience is written in a
      // few statements, not by the model API row by row.
      for (let i = 0; i < members.length; i += FREEZE_CHUNK) {
        await tx.$executeRaw`
          INSERT INTO "BroadcastDelivery" (id, "broadcastId", "beneficiaryId", "updatedAt")
          SELECT gen_random_uuid()::text, ${id}, m.id, ${now} FROM unnest(${members.slice(i, i + FREEZE_CHUNK)}::text[]) AS m(id)
          ON CONFLICT DO NOTHING`;
      }
      await tx.broadcast.update({ where: { id }, data: { status: "SENDING" } });
      return true;
    },
    { timeout: 120_000 },
  );
}

/** Routes one chunk of a SENDING broadcast; null when nothing is left (or it is no longer sending). */
async function routeChunk(deps: BroadcastSendDeps, id: string, now: Date): Promise<number | null> {
  return deps.prisma.$transaction(
    async (tx) => {
      if ((await lockStatus(tx, id)) !== "SENDING") return null;
      const lines = await tx.broadcastDelivery.findMany({
        where: { broadcastId: id, status: "QUEUED", channel: null },
        select: { id: true, beneficiaryId: true },
        orderBy: { id: "asc" },
        take: deps.chunkSize ?? DEFAULT_CHUNK,
      });
      if (lines.length === 0) {
        await tx.broadcast.update({ where: { id }, data: { materialisedAt: now } });
        return null;
      }
      const b = await tx.broadcast.findUniqueOrThrow({ where: { id }, select: { template: true } });
      const template = templateSchema.parse(b.template);
      const today = todayInVietnam(now);
      const facts = await loadRouteFacts(
        tx,
        lines.map((l) => l.beneficiaryId),
      );
      const phone = phoneChannel(deps.config);
      const routes = lines.map((l) => {
        const f = facts.get(l.beneficiaryId);
        return { line: l, route: f ? routeFor(f, today, phone) : ({ kind: "unreachable" } as Route) };
      });
      const texts = await renderTexts(
        tx,
        template,
        routes.map((r) => ({ id: r.line.beneficiaryId, locale: localeOf(r.route) })),
        today,
      );
      const drafts: OutboundDraft[] = [];
      // Lines written together per outcome: a handful of statements per chunk, not one per person.
      const groups = new Map<string, string[]>();
      const group = (key: string, lineId: string) => groups.set(key, [...(groups.get(key) ?? []), lineId]);
      for (const { line, route } of routes) {
        if (route.kind === "opted_out" || route.kind === "unreachable") {
          group(`skip:${route.kind === "opted_out" ? OPTED_OUT : UNREACHABLE}`, line.id);
          continue;
        }
        const text = texts.get(`${localeOf(route)}:${line.beneficiaryId}`) ?? template.vi;
        const base = {
          kind: "BROADCAST" as const,
          reply: broadcastReply(text),
          dedupeKey: `broadcast:${id}:${line.beneficiaryId}`,
          noticeKey: `broadcast:${id}:${line.beneficiaryId}`,
          beneficiaryId: line.beneficiaryId,
          broadcastDeliveryId: line.id,
          // The job's clock, not the database's: "now" is when the broadcast became due.
          notBefore: now,
        };
        drafts.push(
          route.kind === "chat"
            ? { ...base, to: { identityId: route.identityId, channel: route.channel } }
            : { ...base, to: { phone: route.phone, channel: route.channel } },
        );
        group(`channel:${route.channel}`, line.id);
      }
      for (const [key, ids] of groups) {
        const [what, value] = key.split(":") as [string, string];
        await tx.broadcastDelivery.updateMany({
          where: { id: { in: ids } },
          data: what === "skip" ? { status: "SKIPPED", reason: value } : { channel: value },
        });
      }
      await enqueueOutbound(tx, drafts);
      return lines.length;
    },
    { timeout: 120_000 },
  );
}

/** What the person receives: the officer's text, and the button to stop such messages. */
export function broadcastReply(text: string): Reply {
  return { text: [say(MESSAGE_KEY, { text })], buttons: [[btn("notices:button.off", BUTTON.notificationsOff)]] };
}

/** SENDING broadcasts with every line written and final become DONE; returns how many. */
async function finishComplete(prisma: PrismaClient, now: Date): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "Broadcast" b SET status = 'DONE', "finishedAt" = ${now}
    WHERE b.status = 'SENDING' AND b."materialisedAt" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "BroadcastDelivery" d WHERE d."broadcastId" = b.id AND d.status IN ('QUEUED', 'SENDING'))`;
}

/** Marks one broadcast DONE when it is complete (asked by the progress view, so the end shows at once). */
export async function finishIfComplete(prisma: PrismaClient, id: string, now: Date): Promise<boolean> {
  await settleLines(prisma, id, now);
  const n = await prisma.$executeRaw`
    UPDATE "Broadcast" b SET status = 'DONE', "finishedAt" = ${now}
    WHERE b.id = ${id} AND b.status = 'SENDING' AND b."materialisedAt" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "BroadcastDelivery" d WHERE d."broadcastId" = b.id AND d.status IN ('QUEUED', 'SENDING'))`;
  return n > 0;
}

async function lockStatus(tx: Prisma.TransactionClient, id: string): Promise<string | undefined> {
  const rows = await queryRows(
    tx,
    z.object({ status: z.string() }),
    Prisma.sql`SELECT status::text FROM "Broadcast" WHERE id = ${id} FOR UPDATE`,
  );
  return rows[0]?.status;
}

function localeOf(route: Route): "vi" | "en" {
  return route.kind === "chat" && route.locale === "en" ? "en" : "vi";
}

async function renderTexts(
  tx: Prisma.TransactionClient,
  template: Template,
  people: { id: string; locale: "vi" | "en" }[],
  today: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const locale of ["vi", "en"] as const) {
    const ids = people.filter((p) => p.locale === locale).map((p) => p.id);
    if (ids.length === 0) continue;
    const vars = await templateVarsFor(tx, ids, textLocale(template, locale), today);
    for (const [id, v] of vars) out.set(`${locale}:${id}`, renderTemplate(templateText(template, locale), v));
  }
  return out;
}

/** ZNS when an approved template exists for broadcasts, else SMS when a gateway is configured. */
function phoneChannel(config: Pick<Config, "zns" | "sms">): PhoneChannel | null {
  if (config.zns?.templates[MESSAGE_KEY]) return "ZNS";
  return config.sms ? "SMS" : null;
}
