// Zalo Notification Service: a pre-approved template message to a phone number, sent in the OA's
// name with the OA's access token, for people who have no chat with us. Each template is approved
// by Zalo with fixed parameter names, so the operator maps our notice texts onto them:
//   ZNS_TEMPLATES={"notices:reminder":{"templateId":"301234","params":{"customer_name":"name","amount":"amount"}}}
// (ZNS parameter → the notice's parameter; docs/channels.md lists the notice names). A notice
// without a template is handed on to SMS.
// ZNS has a daily quota per OA: it is counted here per Vietnam day (and Zalo's own count, when it
// reports one, wins); once it is used up the rest of the day's notices go by SMS.
// Zalo's answers are read leniently: it sends numbers as strings ("dailyQuota":"500"), and a 2xx
// whose body cannot be read at all is a message Zalo took (and charged for): recorded as sent,
// never sent again.
import { z } from "zod";
import type { ZnsTemplates } from "../../config.ts";
import type { SendResult } from "../../channels/channel.ts";
import type { ZaloTokenStore } from "../../channels/zalo/zaloTokenStore.ts";
import type { I18n } from "../../core/i18n.ts";
import { renderParam } from "../../core/renderReply.ts";
import type { TextRef } from "../../core/reply.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Sender } from "../sender.ts";
import { internationalPhone, retryAfterMs } from "./phoneWire.ts";

export interface ZnsSettings {
  apiRoot: string;
  templates: ZnsTemplates;
  dailyQuota?: number;
  ratePerSecond: number;
  timeoutMs?: number;
}

/** A number as Zalo writes it: 500 or "500". */
const zaloNumber = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

// The success body per zalo.cloud's ZNS guide: {"error":0,"message":"Success","data":{"msg_id":"…",
// "sent_time":"1759983921893","sending_mode":"1","quota":{"dailyQuota":"500","remainingQuota":"499"}}}.
// Only `error` decides; anything unexpected in `data` is ignored rather than failing the answer.
const answer = z
  .object({
    error: zaloNumber,
    message: z.string().optional().catch(undefined),
    data: z
      .object({
        msg_id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
        quota: z
          .object({ remainingQuota: zaloNumber.optional().catch(undefined) })
          .loose()
          .optional()
          .catch(undefined),
      })
      .loose()
      .optional()
      .catch(undefined),
  })
  .loose();

// Zalo's ZNS error codes that the bot acts on (channels.md, from zalo.cloud's ZNS guide); any
// other code is retried later.
/** Token refused: refresh it and try once more. -201 stands for it on some endpoints. */
const TOKEN_REFUSED = new Set([-124, -216, -220, -201]);
/**
 * This phone cannot get ZNS, so the notice goes by SMS at once: -108 invalid phone, -118 no Zalo
 * account, -114 user inactive or rejects, -141 user refused ZNS from this OA; -119 and -139 (the
 * account cannot receive, the user declined) as earlier integrations met them.
 */
const PHONE_CANNOT_RECEIVE = new Set([-108, -118, -114, -141, -119, -139]);
const QUOTA_EXCEEDED = new Set([-144]);
const RATE_LIMITED = new Set([-32]);

export const ZNS_SENDER = "ZNS";

type ZnsTemplate = ZnsTemplates[string];

export function createZnsSender(
  settings: ZnsSettings,
  deps: { prisma: PrismaClient; clock: Clock; i18n: I18n; tokens: ZaloTokenStore },
): Sender {
  const url = `${settings.apiRoot.replace(/\/+$/, "")}/message/template`;
  const t = deps.i18n.t("vi");

  const key = (day: string) => ({ sender_day: { sender: ZNS_SENDER, day } });

  /**
   * Takes one message of the day's quota before sending: one conditional UPDATE, so sends running
   * at once (the lane's pipelines, other instances) never pass the quota together.
   */
  async function reserve(day: string): Promise<boolean> {
    await deps.prisma.senderQuota.upsert({ where: key(day), create: { sender: ZNS_SENDER, day }, update: {} });
    const taken = await deps.prisma.senderQuota.updateMany({
      where: {
        sender: ZNS_SENDER,
        day,
        // Zalo said the day's quota is used up: nothing more today, whatever our own count says.
        OR: [{ remaining: null }, { remaining: { gt: 0 } }],
        ...(settings.dailyQuota === undefined ? {} : { used: { lt: settings.dailyQuota } }),
      },
      data: { used: { increment: 1 } },
    });
    return taken.count === 1;
  }

  /** A reserved message Zalo did not take gives its place back. */
  async function release(day: string): Promise<void> {
    await deps.prisma.senderQuota.updateMany({
      where: { sender: ZNS_SENDER, day, used: { gt: 0 } },
      data: { used: { decrement: 1 } },
    });
  }

  async function post(
    token: string,
    body: unknown,
  ): Promise<{ status: number; headers: Headers; json: unknown } | null> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", access_token: token },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      });
      return { status: res.status, headers: res.headers, json: await res.json().catch(() => null) };
    } catch {
      return null;
    }
  }

  return {
    channel: "ZNS",
    kind: "phone",
    ratePerSecond: settings.ratePerSecond,
    async send(row, reply): Promise<SendResult> {
      if (!row.phone) return { ok: false, permanent: true, reason: "no_phone" };
      const first = reply.text[0]!;
      const template = settings.templates[first.key];
      if (!template) return { ok: false, permanent: true, reason: "zns_no_template" };
      const day = todayInVietnam(deps.clock.now());
      if (!(await reserve(day))) return { ok: false, permanent: true, reason: "zns_quota_exhausted" };
      try {
        const result = await deliver(row.id, row.phone, template, first, day);
        // Only a message Zalo took counts against the day's quota.
        if (!result.ok) await release(day);
        return result;
      } catch (err) {
        await release(day);
        throw err;
      }
    },
  };

  async function deliver(
    id: string,
    phone: string,
    template: ZnsTemplate,
    first: TextRef,
    day: string,
  ): Promise<SendResult> {
    const data: Record<string, string> = {};
    for (const [znsName, ours] of Object.entries(template.params)) {
      const value = first.params?.[ours];
      data[znsName] = value === undefined ? "" : String(renderParam(t, "vi", value));
    }
    const body = {
      phone: internationalPhone(phone),
      template_id: template.templateId,
      template_data: data,
      tracking_id: id,
    };

    let token = await deps.tokens.accessToken();
    if (!token) return { ok: false, permanent: false, reason: "no_access_token" };
    let res = await post(token, body);
    let parsed = res ? answer.safeParse(res.json) : null;
    if (res && res.status < 300 && parsed?.success && TOKEN_REFUSED.has(parsed.data.error)) {
      const next = await deps.tokens.refreshAfterRejection(token);
      if (!next || next === token) return { ok: false, permanent: false, reason: "access_token_refused" };
      token = next;
      res = await post(token, body);
      parsed = res ? answer.safeParse(res.json) : null;
      // A fresh token refused the same way: the request itself is wrong (e.g. -201 bad parameters).
      if (parsed?.success && parsed.data.error === -201)
        return { ok: false, permanent: true, reason: "zns_error_-201" };
    }
    if (!res) return { ok: false, permanent: false, reason: "network" };
    if (res.status === 429)
      return {
        ok: false,
        permanent: false,
        reason: "zns_rate_limited",
        pauseSender: true,
        retryAfterMs: retryAfterMs(res.headers, 5_000),
      };
    if (res.status >= 300) return { ok: false, permanent: false, reason: `zns_http_${res.status}` };
    if (!parsed?.success) {
      // Zalo took the request (2xx) and its answer cannot be read: the message went out.
      return { ok: true, answerUnreadable: true };
    }
    const { error, data: result } = parsed.data;
    if (error === 0) {
      // Zalo's own count of what is left, when it reports one, wins over ours.
      const remaining = result?.quota?.remainingQuota;
      if (remaining !== undefined) await deps.prisma.senderQuota.update({ where: key(day), data: { remaining } });
      return { ok: true, ...(result?.msg_id ? { platformMessageId: result.msg_id } : {}) };
    }
    if (PHONE_CANNOT_RECEIVE.has(error)) return { ok: false, permanent: true, reason: `zns_error_${error}` };
    if (QUOTA_EXCEEDED.has(error)) {
      await deps.prisma.senderQuota.update({ where: key(day), data: { remaining: 0 } });
      return { ok: false, permanent: true, reason: "zns_quota_exhausted" };
    }
    if (RATE_LIMITED.has(error))
      return { ok: false, permanent: false, reason: "zns_rate_limited", pauseSender: true, retryAfterMs: 5_000 };
    return { ok: false, permanent: false, reason: `zns_error_${error}` };
  }
}
