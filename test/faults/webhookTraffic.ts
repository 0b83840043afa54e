// Telegram's side of the webhook: updates POSTed at a steady rate, each from its own chat, and
// re-POSTed (same update_id) until the bot answers 200 — what Telegram does when the bot's server
// errs or cannot be reached. An update may also be POSTed again after a 200 whose answer Telegram
// never got (`lostAcks`): the bot must recognise it and not answer twice.
import { Agent } from "node:http";
import { postUpdate } from "../fakes/webhookPost.ts";

export interface Traffic {
  /** Every update POSTed, by update_id. */
  updates: Map<number, SentUpdate>;
  /** Resolves once every update so far was taken (200). */
  settled(): Promise<void>;
  close(): void;
}

export interface SentUpdate {
  updateId: number;
  chatId: number;
  text: string;
  firstPostAt: number;
  /** When the bot answered 200 (Date.now()). */
  takenAt: number | null;
  posts: number;
  /** Answers other than 200, by HTTP status ("network" when none came). */
  refusals: Record<string, number>;
}

export interface TrafficOptions {
  webhook: string;
  secret: string;
  perSecond: number;
  seconds: number;
  firstChat: number;
  firstUpdateId: number;
  /** Pause before re-POSTing a refused update (Telegram waits longer each time; here a fixed pause). */
  retryMs?: number;
  /** Share of updates POSTed once more after their 200, as if Telegram had not seen the answer. */
  lostAcks?: number;
}

const TEXTS = [
  "xin chào",
  "/start",
  "bao giờ nhận tiền tháng này",
  "sao tháng này ít tiền vậy",
  "có người gọi xin mã OTP",
  "mẹ tôi 81 tuổi được hưởng gì",
  "cần mang giấy tờ gì",
  "ko hiểu",
  "cho gặp cán bộ",
  "menu",
];

/** Starts POSTing at once (open loop: a slow or failing bot does not slow the arrivals). */
export function startTraffic(o: TrafficOptions): Traffic {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const updates = new Map<number, SentUpdate>();
  const deliveries: Promise<void>[] = [];
  let closed = false;
  const total = Math.round(o.perSecond * o.seconds);
  const start = Date.now();

  const deliver = async (u: SentUpdate, body: string): Promise<void> => {
    for (;;) {
      if (closed) return;
      u.posts++;
      const status = await postUpdate(agent, o.webhook, o.secret, body, 15_000).catch(() => "network");
      if (status === 200) {
        u.takenAt ??= Date.now();
        return;
      }
      u.refusals[String(status)] = (u.refusals[String(status)] ?? 0) + 1;
      await sleep(o.retryMs ?? 500);
    }
  };

  const producing = (async () => {
    for (let i = 0; i < total && !closed; i++) {
      const wait = start + (i * 1000) / o.perSecond - Date.now();
      if (wait > 1) await sleep(wait);
      const chatId = o.firstChat + i;
      const text = TEXTS[i % TEXTS.length]!;
      const u: SentUpdate = {
        updateId: o.firstUpdateId + i,
        chatId,
        text,
        firstPostAt: Date.now(),
        takenAt: null,
        posts: 0,
        refusals: {},
      };
      updates.set(u.updateId, u);
      const body = JSON.stringify(textUpdate(u));
      const again = (o.lostAcks ?? 0) > 0 && (i * 7919) % 1000 < (o.lostAcks ?? 0) * 1000;
      deliveries.push(deliver(u, body).then(() => (again ? deliver(u, body) : undefined)));
    }
  })();

  return {
    updates,
    async settled() {
      await producing;
      await Promise.all(deliveries);
    },
    close() {
      closed = true;
      agent.destroy();
    },
  };
}

function textUpdate(u: SentUpdate): Record<string, unknown> {
  const command = u.text.startsWith("/")
    ? { entities: [{ type: "bot_command", offset: 0, length: u.text.length }] }
    : {};
  return {
    update_id: u.updateId,
    message: {
      message_id: 1,
      date: Math.floor(u.firstPostAt / 1000),
      chat: { id: u.chatId, type: "private", first_name: "Bác" },
      from: { id: u.chatId, is_bot: false, first_name: "Bác", language_code: "vi" },
      text: u.text,
      ...command,
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
