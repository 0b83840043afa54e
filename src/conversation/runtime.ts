// Puts the chat side together: the engine with the bot's brain, the outbox, and every configured
// channel (the web chat always; Telegram and Zalo when their credentials are set; two-way SMS when
// the gateway and its inbound secret are).
import type { Config } from "../config.ts";
import type { I18n } from "../core/i18n.ts";
import type { ChannelName } from "../core/events.ts";
import type { ChannelAdapter, ChannelDeps } from "../channels/channel.ts";
import { layoutReplies } from "../channels/replyLayout.ts";
import { createTelegramChannel } from "../channels/telegram/telegramChannel.ts";
import { createSmsChannel } from "../channels/sms/smsChannel.ts";
import { createWebChannel } from "../channels/web/webChannel.ts";
import { createZaloChannel, type ZaloChannel } from "../channels/zalo/zaloChannel.ts";
import { createOutbox, type Outbox } from "../delivery/outbox.ts";
import { createSmsSender } from "../delivery/phone/smsSender.ts";
import { createZnsSender } from "../delivery/phone/znsSender.ts";
import { parseQuietHours } from "../delivery/quietHours.ts";
import { chatSender, type Sender } from "../delivery/sender.ts";
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
  /** This instance's name in the outbound rows it takes (tests run two "instances" in one process). */
  owner?: string;
}

/** Every way a message can leave: the chat channels, then the phone services that are configured. */
function buildSenders(deps: ChatRuntimeDeps, channels: ChannelAdapter[], zalo: ZaloChannel | null): Sender[] {
  const { config } = deps;
  const pace: Record<ChannelName, { ratePerSecond: number | null; perChatPerSecond?: number }> = {
    TELEGRAM: {
      ratePerSecond: config.TELEGRAM_RATE_PER_SECOND,
      perChatPerSecond: config.TELEGRAM_CHAT_RATE_PER_SECOND,
    },
    ZALO: { ratePerSecond: config.ZALO_RATE_PER_SECOND },
    // Our own page: no platform limit.
    WEB: { ratePerSecond: null },
    SMS: { ratePerSecond: config.SMS_RATE_PER_SECOND },
  };
  // An SMS conversation's answers go through the SMS phone sender below: one gateway, one queue.
  const senders = channels.filter((c) => c.name !== "SMS").map((c) => chatSender(c, deps.i18n, pace[c.name]));
  if (config.zns && zalo)
    senders.push(
      createZnsSender(config.zns, { prisma: deps.prisma, clock: deps.clock, i18n: deps.i18n, tokens: zalo.tokens }),
    );
  if (config.sms) senders.push(createSmsSender(config.sms, deps.i18n));
  return senders;
}

export function chatSettings(config: Config): ChatSettings {
  return {
    identityMaxFailures: config.IDENTITY_MAX_FAILURES,
    identityWindowHours: config.IDENTITY_WINDOW_HOURS,
    idleMinutes: config.CONVERSATION_IDLE_MINUTES,
    hotlinePhone: config.HOTLINE_PHONE,
    hotlineHours: config.HOTLINE_HOURS,
    hotlineWorkingHours: config.HOTLINE_WORKING_HOURS,
    hotlineFirstResponseMinutes: config.HOTLINE_FIRST_RESPONSE_MINUTES,
    telegramLink: config.telegram?.username ? `https://t.me/${config.telegram.username}` : undefined,
    publicUrl: config.PUBLIC_URL,
  };
}

export function createChatRuntime(deps: ChatRuntimeDeps): ChatRuntime {
  // The engine kicks the outbox after each answered message; the outbox needs the channels,
  // which need the engine: the kick is bound once all three exist.
  let kick = (_channel: string): void => undefined;
  const engine = createConversationEngine({
    prisma: deps.prisma,
    log: deps.log,
    clock: deps.clock,
    brain: createBrain(),
    settings: chatSettings(deps.config),
    onReplies: (channel) => kick(channel),
    layoutReplies,
    // Half the pool processes chats; the other half stores new messages and sends replies.
    concurrency: Math.max(1, Math.floor(deps.config.DATABASE_POOL_SIZE / 2)),
  });
  const channelDeps: ChannelDeps = { ...deps, engine };
  const channels: ChannelAdapter[] = [createWebChannel(channelDeps)];
  if (deps.config.telegram) channels.push(createTelegramChannel({ ...channelDeps, telegram: deps.config.telegram }));
  const zalo = deps.config.zalo ? createZaloChannel({ ...channelDeps, zalo: deps.config.zalo }) : null;
  if (zalo) channels.push(zalo);
  const sms = deps.config.sms;
  if (sms?.inbound) channels.push(createSmsChannel({ ...channelDeps, sms, inbound: sms.inbound }));
  const outbox = createOutbox({
    prisma: deps.prisma,
    log: deps.log,
    clock: deps.clock,
    senders: buildSenders(deps, channels, zalo),
    quietHours: parseQuietHours(deps.config.QUIET_HOURS),
    bulkLeaseMs: deps.config.BULK_LEASE_SECONDS * 1000,
    pollMs: deps.pollMs,
    owner: deps.owner,
  });
  kick = (channel) => outbox.kick(channel);

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
      recoveryTimer = setInterval(
        () => void engine.recover().catch((err: unknown) => deps.log.error({ err }, "recovery failed")),
        60_000,
      );
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
