// Telegram through telegraf: updates arrive by webhook (production) or long polling
// (development), become InboundEvents for the engine, and rendered replies go out as messages
// with inline keyboards. Nothing outside this folder knows telegraf exists.
import { Telegraf, TelegramError } from "telegraf";
import type { Update, UserFromGetMe } from "telegraf/types";
import type { Config } from "../../config.ts";
import type { ChannelAdapter, ChannelDeps } from "../channel.ts";
import { sendTelegramReply } from "./sendTelegramReply.ts";
import { telegramPolling, type TelegramPolling } from "./telegramPolling.ts";
import { telegramWebhook, WEBHOOK_ROUTE } from "./telegramWebhook.ts";
import { updateToEvent } from "./updateToEvent.ts";

export type TelegramChannelDeps = ChannelDeps & {
  telegram: NonNullable<Config["telegram"]>;
  /** Seconds a getUpdates request waits for news (polling mode); default TELEGRAM_POLL_TIMEOUT_SECONDS. */
  pollTimeoutSeconds?: number;
};

export const TELEGRAM_HTTP_PATH = "/channels/telegram";
const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;
const CONNECT_RETRY_MAX_MS = 60_000;

export function createTelegramChannel(deps: TelegramChannelDeps): ChannelAdapter {
  const { telegram: tg, log } = deps;
  if (tg.mode === "webhook" && !tg.secret) throw new Error("Telegram webhook mode needs TELEGRAM_WEBHOOK_SECRET");
  const bot = new Telegraf(tg.token, { telegram: { apiRoot: tg.apiRoot } });
  // Known before the first update, so handling one never waits for getMe; refreshed at start.
  bot.botInfo = botInfoFromConfig(tg.token, tg.username);

  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  // Arrival order decides processing order; updates in the same millisecond keep theirs.
  let lastAt = 0;
  const nextAt = (): Date => {
    lastAt = Math.max(deps.clock.now().getTime(), lastAt + 1);
    return new Date(lastAt);
  };

  bot.use(async (ctx) => {
    // The button stops spinning at once, whether or not the press leads anywhere.
    if (ctx.callbackQuery)
      track(ctx.answerCbQuery().catch((err: unknown) => log.warn({ err }, "telegram answerCallbackQuery failed")));
    const event = updateToEvent(ctx.update, nextAt());
    if (event) await deps.engine.receive(event);
  });
  bot.catch((err, ctx) => {
    log.error({ err, updateId: ctx.update.update_id }, "telegram update could not be stored");
    // Rethrown to the entry point: the webhook answers 500 and polling does not confirm the
    // update, so Telegram delivers it again instead of it being lost.
    throw err;
  });
  const receive = (update: Update): Promise<void> => bot.handleUpdate(update);

  const polling: TelegramPolling | null =
    tg.mode === "polling"
      ? telegramPolling({
          apiRoot: tg.apiRoot,
          token: tg.token,
          log,
          allowedUpdates: ALLOWED_UPDATES,
          receive,
          timeoutSeconds: deps.pollTimeoutSeconds ?? deps.config.TELEGRAM_POLL_TIMEOUT_SECONDS,
          deadlineGraceMs: deps.config.TELEGRAM_POLL_DEADLINE_GRACE_SECONDS * 1000,
        })
      : null;

  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;

  async function connect(): Promise<void> {
    bot.botInfo = await bot.telegram.getMe();
    if (tg.mode === "webhook") {
      const base = (deps.config.PUBLIC_URL ?? "").replace(/\/+$/, "");
      await bot.telegram.setWebhook(`${base}${TELEGRAM_HTTP_PATH}${WEBHOOK_ROUTE}`, {
        secret_token: tg.secret,
        allowed_updates: ALLOWED_UPDATES,
        // Updates that arrived while the service was down are still wanted.
        drop_pending_updates: false,
      });
    } else {
      // getUpdates is refused while a webhook is set.
      await bot.telegram.deleteWebhook({ drop_pending_updates: false });
      polling?.start();
    }
    log.info({ bot: bot.botInfo.username, mode: tg.mode }, "telegram connected");
  }

  // A Telegram outage at start-up must not keep the other channels down: keep trying quietly.
  // A refused token is a configuration mistake and stops the start instead.
  function retryConnect(attempt: number): void {
    const wait = Math.min(CONNECT_RETRY_MAX_MS, 1000 * 2 ** attempt);
    retryTimer = setTimeout(() => {
      if (stopped) return;
      connect().catch((err: unknown) => {
        log.error({ err, retryInMs: wait }, "telegram still unreachable");
        if (!stopped) retryConnect(attempt + 1);
      });
    }, wait);
    retryTimer.unref();
  }

  return {
    name: "TELEGRAM",
    ...(tg.mode === "webhook" && tg.secret
      ? { http: { path: TELEGRAM_HTTP_PATH, router: telegramWebhook({ secret: tg.secret, log, receive }) } }
      : {}),
    send: (chat, reply) => sendTelegramReply(bot.telegram, chat.platformUserId, reply),
    async start() {
      stopped = false;
      try {
        await connect();
      } catch (err) {
        if (err instanceof TelegramError && (err.code === 401 || err.code === 404)) {
          throw new Error(`Telegram refused the bot token (${err.code}): check TELEGRAM_BOT_TOKEN`, { cause: err });
        }
        log.error({ err }, "telegram unreachable at start; retrying in the background");
        retryConnect(0);
      }
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      await polling?.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The bot's identity as far as the token and the configured username tell. */
function botInfoFromConfig(token: string, username: string | undefined): UserFromGetMe {
  return {
    id: Number(token.split(":")[0]),
    is_bot: true,
    first_name: username ?? "bot",
    username: username ?? "bot",
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };
}
