// The only reader of process.env. Every variable is documented in docs/configuration.md.
import path from "node:path";
import { z } from "zod";
import { KEY_ID, type DataKeys } from "./db/fieldCipher.ts";
import {
  parseTemplateSetting,
  transactionTemplates,
  webhookUrlProblem,
  znsTemplates,
  type TransactionTemplates,
  type ZnsTemplates,
} from "./configChannels.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MIGRATE_ON_START: bool.default(true),
  DEMO_DATA: z.enum(["auto", "always", "never"]).default("auto"),
  DEMO_SEED: z.coerce.number().int().default(20250701),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "readable"]).optional(),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(480),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: z.string().default("loopback"),
  // Sign-in: wrong passwords for one name (from browsers that never signed in to it) and from one
  // client address are free up to these counts, then each further try waits twice as long as the
  // one before, up to LOGIN_MAX_DELAY_MINUTES. Nothing locks an account.
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
  LOGIN_MAX_DELAY_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  // Full personal IDs one staff member may have shown in an hour.
  ID_REVEALS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  IMPORT_MAX_MB: z.coerce.number().min(1).max(200).default(20),
  // Imports run as jobs: how many files one instance checks at once, the memory of each job's
  // worker thread, and the most one part of an .xlsx file may inflate to.
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  IMPORT_WORKER_MEMORY_MB: z.coerce.number().int().min(64).max(8192).default(384),
  IMPORT_MAX_UNZIPPED_MB: z.coerce.number().int().min(1).max(4096).default(300),
  // Answers an import gives about people registered outside the officer's area, per staff member.
  IMPORT_OUTSIDE_AREA_LIMIT: z.coerce.number().int().min(0).max(10_000).default(20),
  IMPORT_OUTSIDE_AREA_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),

  // Chat channels: each is on when its credentials are set; the web chat is always on.
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-…")
    .optional(),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["webhook", "polling"]).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters A-Z a-z 0-9 _ -")
    .optional(),
  TELEGRAM_BOT_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_]{5,64}$/)
    .optional(),
  // Long polling: how long Telegram holds a getUpdates request, and how much longer the bot waits
  // for its answer before it gives the request up as hung and asks again.
  TELEGRAM_POLL_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(50).default(30),
  TELEGRAM_POLL_DEADLINE_GRACE_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_API_ROOT: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_ROOT: z.url().default("https://oauth.zaloapp.com"),
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  // Zalo re-sends an unanswered event for up to 12 h with its first timestamp: a day by default,
  // and at most the two days the bot remembers which messages it stored.
  // Notices to a Zalo follower outside the free reply window, as transaction messages (JSON).
  ZALO_TRANSACTION_TEMPLATES: z.string().optional(),
  // Zalo's reply window (OA help centre): free replies per person, within hours of their last message.
  ZALO_FREE_REPLIES: z.coerce.number().int().min(0).max(100).default(8),
  ZALO_FREE_REPLY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(48),
  ZALO_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(172_800).default(86_400),

  // Conversations and linking.
  LINK_CODE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  IDENTITY_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  IDENTITY_WINDOW_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  // Web chat: new chats and messages per client address (each instance counts for itself).
  WEB_CHAT_NEW_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  WEB_CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  // The printable authorisation form's link works this many days after it was given.
  AUTHORISATION_FORM_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  CONVERSATION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  HOTLINE_PHONE: z.string().min(3).max(20).optional(),
  HOTLINE_HOURS: z.string().max(200).optional(),
  // When hotline agents answer (Vietnam time); response times are counted in these hours only.
  HOTLINE_WORKING_HOURS: z
    .string()
    .regex(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      "e.g. Mon-Fri 07:30-17:00",
    )
    .default("Mon-Fri 07:30-17:00"),
  HOTLINE_FIRST_RESPONSE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  HOTLINE_NEXT_RESPONSE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(120),
  HOTLINE_SLA_WARNING_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),

  // Delivery: every outbound message is paced to the platform's limits, shared by all instances.
  TELEGRAM_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(30),
  TELEGRAM_CHAT_RATE_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  ZALO_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(10),
  QUIET_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "HH:MM-HH:MM, e.g. 21:00-07:00")
    .or(z.literal("off"))
    .default("21:00-07:00"),
  BULK_LEASE_SECONDS: z.coerce.number().int().min(3).max(600).default(15),

  // Payout notices.
  NOTICES_ENABLED: bool.default(true),
  NOTICE_REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(30).default(2),
  NOTICE_REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM")
    .default("08:00"),

  // Retention: what people wrote and the replies are deleted this many days after; notices and
  // broadcasts keep their delivery record (without the words) for DELIVERY_RECORD_DAYS.
  CHAT_HISTORY_DAYS: z.coerce.number().int().min(7).max(3650).default(365),
  DELIVERY_RECORD_DAYS: z.coerce.number().int().min(30).max(3650).default(400),

  // Results dashboard: how often the month's figures are recounted (the page reads the counts).
  DASHBOARD_RECOUNT_MINUTES: z.coerce.number().int().min(1).max(59).default(10),

  // Phone fallback for people without a chat: Zalo ZNS templates (through the OA) and SMS.
  ZNS_API_ROOT: z.url().default("https://business.openapi.zalo.me"),
  ZNS_TEMPLATES: z.string().optional(),
  ZNS_DAILY_QUOTA: z.coerce.number().int().min(0).optional(),
  ZNS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(10),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMS_SENDER_NAME: z.string().min(1).max(11).optional(),
  SMS_ASCII: bool.default(true),
  SMS_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(10),
  // Two-way SMS for feature phones: the gateway posts what people send to /channels/sms/inbound,
  // signed with HMAC-SHA256 of the raw body under this shared secret, in this header.
  SMS_INBOUND_SECRET: z.string().min(16, "at least 16 characters").optional(),
  SMS_INBOUND_SIGNATURE_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, "an HTTP header name")
    .default("x-signature")
    .transform((v) => v.toLowerCase()),

  // Authorisations: reminders to both people this many days before one ends ("30,7").
  AUTHORISATION_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, "comma-separated days, e.g. 30,7")
    .default("30,7")
    .transform((v) => v.split(",").map(Number)),

  // Broadcasts: a send to more people than this needs a second officer's approval.
  BROADCAST_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).max(10_000_000).default(200),

  // Encryption at rest of personal IDs and account numbers (parsed by parseDataKeys below).
  DATA_ENCRYPTION_KEYS: z.string().optional(),
  DATA_HASH_KEY: z.string().optional(),
  DATA_HASH_KEY_PREVIOUS: z.string().optional(),
});

export type { TransactionTemplates, ZnsTemplates } from "./configChannels.ts";

export type Config = z.infer<typeof schema> & {
  telegram: { token: string; apiRoot: string; mode: "webhook" | "polling"; secret?: string; username?: string } | null;
  zalo: {
    appId: string;
    oaSecretKey: string;
    appSecret?: string;
    apiRoot: string;
    oauthRoot: string;
    transactionTemplates: TransactionTemplates;
    freeReplies: number;
    freeReplyHours: number;
  } | null;
  /** Absolute PGlite folder, used only when DATABASE_URL is unset. */
  dataDir: string;
  logFormat: "json" | "readable";
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  cookieSecure: boolean;
  /** ZNS is on when Zalo is configured and templates are given. */
  zns: { apiRoot: string; templates: ZnsTemplates; dailyQuota?: number; ratePerSecond: number } | null;
  sms: {
    url: string;
    token?: string;
    senderName?: string;
    ascii: boolean;
    ratePerSecond: number;
    /** Two-way SMS: people's messages come in through the gateway's signed webhook. */
    inbound: { secret: string; signatureHeader: string } | null;
  } | null;
  /** From DATA_ENCRYPTION_KEYS and DATA_HASH_KEY; null outside production when unset (see dataKeys.ts). */
  dataKeys: DataKeys | null;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  const telegramMode = c.TELEGRAM_MODE ?? (c.PUBLIC_URL ? "webhook" : "polling");
  if (c.TELEGRAM_BOT_TOKEN && telegramMode === "webhook" && !(c.TELEGRAM_WEBHOOK_SECRET && c.PUBLIC_URL)) {
    throw new ConfigError(["TELEGRAM_MODE=webhook needs PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET"]);
  }
  if (c.TELEGRAM_BOT_TOKEN && telegramMode === "webhook" && c.PUBLIC_URL) {
    const problem = webhookUrlProblem(c.PUBLIC_URL, c.TELEGRAM_API_ROOT);
    if (problem) throw new ConfigError([problem]);
  }
  if (Boolean(c.ZALO_APP_ID) !== Boolean(c.ZALO_OA_SECRET_KEY)) {
    throw new ConfigError(["ZALO_APP_ID and ZALO_OA_SECRET_KEY are set together"]);
  }
  // Answers to a feature phone go out through the gateway: taking messages in without it would
  // leave every one of them unanswered.
  if (c.SMS_INBOUND_SECRET && !c.SMS_GATEWAY_URL) {
    throw new ConfigError(["SMS_INBOUND_SECRET needs SMS_GATEWAY_URL (answers go out through the gateway)"]);
  }
  const dataKeys = parseDataKeys(c);
  let templates: ZnsTemplates | null = null;
  if (c.ZNS_TEMPLATES) {
    const parsedTemplates = parseTemplateSetting(
      "ZNS_TEMPLATES",
      c.ZNS_TEMPLATES,
      znsTemplates,
      '{"notices:reminder":{"templateId":"…","params":{"zns_name":"amount"}}}',
    );
    if ("problems" in parsedTemplates) throw new ConfigError(parsedTemplates.problems);
    templates = parsedTemplates.value;
  }
  let transaction: TransactionTemplates = {};
  if (c.ZALO_TRANSACTION_TEMPLATES) {
    const example = '{"notices:reminder":{"templateType":"transaction_event","header":"Nhắc lịch nhận tiền"}}';
    const parsedTransaction = parseTemplateSetting(
      "ZALO_TRANSACTION_TEMPLATES",
      c.ZALO_TRANSACTION_TEMPLATES,
      transactionTemplates,
      example,
    );
    if ("problems" in parsedTransaction) throw new ConfigError(parsedTransaction.problems);
    transaction = parsedTransaction.value;
  }
  return {
    zns:
      templates && c.ZALO_APP_ID
        ? { apiRoot: c.ZNS_API_ROOT, templates, dailyQuota: c.ZNS_DAILY_QUOTA, ratePerSecond: c.ZNS_RATE_PER_SECOND }
        : null,
    sms: c.SMS_GATEWAY_URL
      ? {
          url: c.SMS_GATEWAY_URL,
          token: c.SMS_GATEWAY_TOKEN,
          senderName: c.SMS_SENDER_NAME,
          ascii: c.SMS_ASCII,
          ratePerSecond: c.SMS_RATE_PER_SECOND,
          inbound: c.SMS_INBOUND_SECRET
            ? { secret: c.SMS_INBOUND_SECRET, signatureHeader: c.SMS_INBOUND_SIGNATURE_HEADER }
            : null,
        }
      : null,
    telegram: c.TELEGRAM_BOT_TOKEN
      ? {
          token: c.TELEGRAM_BOT_TOKEN,
          apiRoot: c.TELEGRAM_API_ROOT,
          mode: telegramMode,
          secret: c.TELEGRAM_WEBHOOK_SECRET,
          username: c.TELEGRAM_BOT_USERNAME,
        }
      : null,
    zalo:
      c.ZALO_APP_ID && c.ZALO_OA_SECRET_KEY
        ? {
            appId: c.ZALO_APP_ID,
            oaSecretKey: c.ZALO_OA_SECRET_KEY,
            appSecret: c.ZALO_APP_SECRET,
            apiRoot: c.ZALO_API_ROOT,
            oauthRoot: c.ZALO_OAUTH_ROOT,
            transactionTemplates: transaction,
            freeReplies: c.ZALO_FREE_REPLIES,
            freeReplyHours: c.ZALO_FREE_REPLY_HOURS,
          }
        : null,
    ...c,
    // The key material lives in dataKeys only, never as text that could reach a log line.
    DATA_ENCRYPTION_KEYS: undefined,
    DATA_HASH_KEY: undefined,
    DATA_HASH_KEY_PREVIOUS: undefined,
    dataKeys,
    dataDir,
    database: c.DATABASE_URL ? { kind: "postgres", url: c.DATABASE_URL } : { kind: "pglite", dataDir },
    cookieSecure: c.COOKIE_SECURE ?? c.PUBLIC_URL?.startsWith("https://") ?? false,
    // JSON lines for log collectors in production; lines a person reads at a terminal elsewhere.
    logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === "production" ? "json" : "readable"),
  };
}

const GENERATE = "(npm run keys -- generate prints new ones)";

/**
 * DATA_ENCRYPTION_KEYS: "keyId:base64key,…" (32-byte keys; the first encrypts, all decrypt);
 * DATA_HASH_KEY: base64, at least 32 bytes. Both or neither; both in production.
 */
export function parseDataKeys(c: {
  NODE_ENV: string;
  DATA_ENCRYPTION_KEYS?: string;
  DATA_HASH_KEY?: string;
  DATA_HASH_KEY_PREVIOUS?: string;
}): DataKeys | null {
  const problems: string[] = [];
  if (!c.DATA_ENCRYPTION_KEYS && !c.DATA_HASH_KEY) {
    if (c.NODE_ENV === "production") {
      throw new ConfigError([
        `DATA_ENCRYPTION_KEYS: required in production ${GENERATE}`,
        `DATA_HASH_KEY: required in production ${GENERATE}`,
      ]);
    }
    if (c.DATA_HASH_KEY_PREVIOUS) throw new ConfigError(["DATA_HASH_KEY_PREVIOUS: only with DATA_HASH_KEY"]);
    return null;
  }
  if (!c.DATA_ENCRYPTION_KEYS) problems.push(`DATA_ENCRYPTION_KEYS: required with DATA_HASH_KEY ${GENERATE}`);
  if (!c.DATA_HASH_KEY) problems.push(`DATA_HASH_KEY: required with DATA_ENCRYPTION_KEYS ${GENERATE}`);
  const encryption: DataKeys["encryption"] = [];
  for (const [i, entry] of (c.DATA_ENCRYPTION_KEYS ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)
    .entries()) {
    const colon = entry.indexOf(":");
    const id = colon > 0 ? entry.slice(0, colon) : "";
    const key = colon > 0 ? decodeKey(entry.slice(colon + 1)) : null;
    if (!KEY_ID.test(id))
      problems.push(`DATA_ENCRYPTION_KEYS: entry ${i + 1} must look like keyId:base64key (id of A-Z a-z 0-9 _ -)`);
    else if (encryption.some((k) => k.id === id)) problems.push(`DATA_ENCRYPTION_KEYS: key id ${id} appears twice`);
    else if (!key || key.length !== 32)
      problems.push(`DATA_ENCRYPTION_KEYS: key ${id} must be 32 bytes in base64 ${GENERATE}`);
    else encryption.push({ id, key });
  }
  const hash = c.DATA_HASH_KEY ? decodeKey(c.DATA_HASH_KEY) : null;
  if (c.DATA_HASH_KEY && (!hash || hash.length < 32))
    problems.push(`DATA_HASH_KEY: must be at least 32 bytes in base64 ${GENERATE}`);
  const previousHash = c.DATA_HASH_KEY_PREVIOUS ? decodeKey(c.DATA_HASH_KEY_PREVIOUS) : undefined;
  if (c.DATA_HASH_KEY_PREVIOUS && (!previousHash || previousHash.length < 32))
    problems.push("DATA_HASH_KEY_PREVIOUS: must be at least 32 bytes in base64");
  if (problems.length > 0 || !hash || encryption.length === 0)
    throw new ConfigError(problems.length > 0 ? problems : [`DATA_ENCRYPTION_KEYS: no key ${GENERATE}`]);
  return { encryption, hash, ...(previousHash ? { previousHash } : {}) };
}

/** Standard or URL-safe base64, strictly: a typo must not silently shorten the key. */
function decodeKey(text: string): Buffer | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null;
  return Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}
