// Zalo Notification Service: a pre-approved template message to a phone number, sent in the OA's
// name with the OA's access token, for people who have no chat with us. Each template is approved
// by Zalo with fixed parameter names, so the operator maps our notice texts onto them:
//   ZNS_TEMPLATES={"notices:reminder":{"templateId":"301234","params":{"customer_name":"name","amount":"amount"}}}
// (ZNS parameter → the notice's parameter). A notice without a template is handed on to SMS.
// ZNS has a daily quota per OA: it is counted here per Vietnam day (and Zalo's own count, when it
// reports one, wins); once it is used up the rest of the day's notices go by SMS.
import { z } from "zod";
import type { ZnsTemplates } from "../../config.ts";
import type { SendResult } from "../../channels/channel.ts";
import type { ZaloTokenStore } from "../../channels/zalo/zaloTokenStore.ts";
import type { I18n } from "../../core/i18n.ts";
import { renderParam } from "../../core/renderReply.ts";
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

const answer = z.object({
  error: z.coerce.number().int(),
  message: z.string().optional(),
  data: z
    .object({
      msg_id: z.union([z.string(), z.number()]).transform(String).optional(),
      quota: z.object({ dailyQuota: z.number().int(), remainingQuota: z.number().int() }).partial().optional(),
    })
    .partial()
    .optional(),
});

// Zalo's ZNS error codes that the bot acts on; any other code is retried later.
const TOKEN_REFUSED = new Set([-124, -216, -220]);
/** This phone cannot get ZNS: invalid number, no Zalo account, ZNS turned off, declined. */
const PHONE_CANNOT_RECEIVE = new Set([-108, -118, -119, -139]);
const QUOTA_EXCEEDED = new Set([-144]);
const RATE_LIMITED = new Set([-32]);

export const ZNS_SENDER = "ZNS";

export function createZnsSender(settings: ZnsSettings, deps: { prisma: PrismaClient; clock: Clock; i18n: I18n; tokens: ZaloTokenStore }): Sender {
  const url = `${settings.apiRoot.replace(/\/+$/, "")}/message/template`;
  const t = deps.i18n.t("vi");

  async function quotaLeft(day: string): Promise<boolean> {
    const row = await deps.prisma.senderQuota.findUnique({ where: { sender_day: { sender: ZNS_SENDER, day } } });
    if (row?.remaining === 0) return false;
    return settings.dailyQuota === undefined || (row?.used ?? 0) < settings.dailyQuota;
  }

  async function count(day: string, remaining: number | undefined): Promise<void> {
    await deps.prisma.senderQuota.upsert({
      where: { sender_day: { sender: ZNS_SENDER, day } },
      create: { sender: ZNS_SENDER, day, used: 1, remaining: remaining ?? null },
      update: { used: { increment: 1 }, ...(remaining !== undefined ? { remaining } : {}) },
    });
  }

  async function post(token: string, body: unknown): Promise<{ status: number; headers: Headers; json: unknown } | null> {
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
      if (!(await quotaLeft(day))) return { ok: false, permanent: true, reason: "zns_quota_exhausted" };
      const data: Record<string, string> = {};
      for (const [znsName, ours] of Object.entries(template.params)) {
        const value = first.params?.[ours];
        data[znsName] = value === undefined ? "" : String(renderParam(t, "vi", value));
      }
      const body = { phone: internationalPhone(row.phone), template_id: template.templateId, template_data: data, tracking_id: row.id };

      let token = await deps.tokens.accessToken();
      if (!token) return { ok: false, permanent: false, reason: "no_access_token" };
      let res = await post(token, body);
      let parsed = res ? answer.safeParse(res.json) : null;
      if (parsed?.success && TOKEN_REFUSED.has(parsed.data.error)) {
        const next = await deps.tokens.refreshAfterRejection(token);
        if (!next || next === token) return { ok: false, permanent: false, reason: "access_token_refused" };
        token = next;
        res = await post(token, body);
        parsed = res ? answer.safeParse(res.json) : null;
      }
      if (!res) return { ok: false, permanent: false, reason: "network" };
      if (res.status === 429) return { ok: false, permanent: false, reason: "zns_rate_limited", pauseSender: true, retryAfterMs: retryAfterMs(res.headers, 5_000) };
      if (res.status >= 400 || !parsed?.success) return { ok: false, permanent: false, reason: `zns_http_${res.status}` };
      const { error, data: result } = parsed.data;
      if (error === 0) {
        await count(day, result?.quota?.remainingQuota);
        return { ok: true, ...(result?.msg_id ? { platformMessageId: result.msg_id } : {}) };
      }
      if (PHONE_CANNOT_RECEIVE.has(error)) return { ok: false, permanent: true, reason: `zns_error_${error}` };
      if (QUOTA_EXCEEDED.has(error)) {
        await deps.prisma.senderQuota.upsert({
          where: { sender_day: { sender: ZNS_SENDER, day } },
          create: { sender: ZNS_SENDER, day, remaining: 0 },
          update: { remaining: 0 },
        });
        return { ok: false, permanent: true, reason: "zns_quota_exhausted" };
      }
      if (RATE_LIMITED.has(error)) return { ok: false, permanent: false, reason: "zns_rate_limited", pauseSender: true, retryAfterMs: 5_000 };
      return { ok: false, permanent: false, reason: `zns_error_${error}` };
    },
  };
}
