// Puts the chat side together: the engine with the bot's brain, the outbox, and every configured
// channel (the web chat always; Telegram and Zalo when their credentials are set).
import type { Config } from "../config.ts";
import type { I18n } from "../core/i18n.ts";
import type { ChannelName } from "../core/events.ts";
import type { ChannelAdapter, ChannelDeps } from "../channels/channel.ts";
import { createTelegramChannel } from "../channels/telegram/telegramChannel.ts";
import { createWebChannel } from "../channels/web/webChannel.ts";
import { createZaloChannel } from "../channels/zalo/zaloChannel.ts";
import { createOutbox, type Outbox } from "../delivery/outbox.ts";
import { createBrain } from "../features/chat/brain.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";
import type { ChatSettings } from "./brain.ts";
import { createConversationEngine, type ConversationEngine } from "./engine.ts";

export interface ChatRuntime {
  engine: ConversationEngine;
  outbox: Outbox;
  channels: ChannelAdapter[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChatRuntimeDeps {
  config: Config;
  prisma: PrismaClient;
  log: Logger;
  clock: Clock;
  i18n: I18n;
  /** Poll interval of the outbox and of recovery; tests shorten it. */
  pollMs?: number;
}

export function chatSettings(config: Config): ChatSettings {
  return {
    identityMaxFailures: config.IDENTITY_MAX_FAILURES,
    identityWindowHours: config.IDENTITY_WINDOW_HOURS,
    idleMinutes: config.CONVERSATION_IDLE_MINUTES,
    hotlinePhone: config.HOTLINE_PHONE,
    hotlineHours: config.HOTLINE_HOURS,
    telegramLink: config.telegram?.username ? `https://t.me/${config.telegram.username}` : undefined,
  };
}

export function createChatRuntime(deps: ChatRuntimeDeps): ChatRuntime {
  const adapters: Partial<Record<ChannelName, ChannelAdapter>> = {};
  const outbox = createOutbox({ ...deps, adapters, pollMs: deps.pollMs });
  const engine = createConversationEngine({
    prisma: deps.prisma,
    log: deps.log,
    clock: deps.clock,
    brain: createBrain(),
    settings: chatSettings(deps.config),
    onReplies: () => outbox.kick(),
  });
  const channelDeps: ChannelDeps = { ...deps, engine };
  const channels: ChannelAdapter[] = [createWebChannel(channelDeps)];
  if (deps.config.telegram) channels.push(createTelegramChannel({ ...channelDeps, telegram: deps.config.telegram }));
  if (deps.config.zalo) channels.push(createZaloChannel({ ...channelDeps, zalo: deps.config.zalo }));
  for (const c of channels) adapters[c.name] = c;

  let recoveryTimer: NodeJS.Timeout | null = null;
  return {
    engine,
    outbox,
    channels,
    async start() {
      for (const c of channels) await c.start();
      // Messages a crashed instance stored but never answered are answered now, then checked
      // regularly in case another instance dies.
      const recovered = await engine.recover();
      if (recovered > 0) deps.log.info({ chats: recovered }, "answered messages left unprocessed");
      outbox.start();
      recoveryTimer = setInterval(() => void engine.recover().catch((err: unknown) => deps.log.error({ err }, "recovery failed")), 60_000);
      recoveryTimer.unref();
    },
    async stop() {
      if (recoveryTimer) clearInterval(recoveryTimer);
      for (const c of channels) await c.stop();
      await engine.settle();
      await outbox.stop();
    },
  };
}
