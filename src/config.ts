// The only reader of process.env. Every variable is documented in the README's configuration table.
import path from "node:path";
import { z } from "zod";

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
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(480),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: z.string().default("loopback"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  IMPORT_MAX_MB: z.coerce.number().min(1).max(200).default(20),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),

  // Chat channels: each is on when its credentials are set; the web chat is always on.
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456:ABC-…").optional(),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["webhook", "polling"]).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters A-Z a-z 0-9 _ -")
    .optional(),
  TELEGRAM_BOT_USERNAME: z.string().regex(/^[A-Za-z0-9_]{5,64}$/).optional(),
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET_KEY: z.string().min(1).optional(),
  ZALO_APP_SECRET: z.string().min(1).optional(),
  ZALO_API_ROOT: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_ROOT: z.url().default("https://oauth.zaloapp.com"),
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),

  // Conversations and linking.
  LINK_CODE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  IDENTITY_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  IDENTITY_WINDOW_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(30),
  HOTLINE_PHONE: z.string().min(3).max(20).optional(),
  HOTLINE_HOURS: z.string().max(200).optional(),
  // When hotline agents answer (Vietnam time); response times are counted in these hours only.
  HOTLINE_WORKING_HOURS: z
    .string()
    .regex(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "e.g. Mon-Fri 07:30-17:00")
    .default("Mon-Fri 07:30-17:00"),
  HOTLINE_FIRST_RESPONSE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  HOTLINE_NEXT_RESPONSE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  HOTLINE_SLA_WARNING_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),

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

  // Authorisations: reminders to both people this many days before one ends ("30,7").
  AUTHORISATION_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, "comma-separated days, e.g. 30,7")
    .default("30,7")
    .transform((v) => v.split(",").map(Number)),

  // Broadcasts: a send to more people than this needs a second officer's approval.
  BROADCAST_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).max(10_000_000).default(200),
});

/** ZNS_TEMPLATES: notice text key → the approved ZNS template and its parameter names. */
export const znsTemplates = z.record(
  z.string().min(1),
  z.object({ templateId: z.string().min(1), params: z.record(z.string().min(1), z.string().min(1)) }),
);
export type ZnsTemplates = z.infer<typeof znsTemplates>;

export type Config = z.infer<typeof schema> & {
  telegram: { token: string; apiRoot: string; mode: "webhook" | "polling"; secret?: string; username?: string } | null;
  zalo: { appId: string; oaSecretKey: string; appSecret?: string; apiRoot: string; oauthRoot: string } | null;
  /** Absolute PGlite folder, used only when DATABASE_URL is unset. */
  dataDir: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  cookieSecure: boolean;
  /** ZNS is on when Zalo is configured and templates are given. */
  zns: { apiRoot: string; templates: ZnsTemplates; dailyQuota?: number; ratePerSecond: number } | null;
  sms: { url: string; token?: string; senderName?: string; ascii: boolean; ratePerSecond: number } | null;
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
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.DATA_DIR);
  const telegramMode = c.TELEGRAM_MODE ?? (c.PUBLIC_URL ? "webhook" : "polling");
  if (c.TELEGRAM_BOT_TOKEN && telegramMode === "webhook" && !(c.TELEGRAM_WEBHOOK_SECRET && c.PUBLIC_URL)) {
    throw new ConfigError(["TELEGRAM_MODE=webhook needs PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET"]);
  }
  if (Boolean(c.ZALO_APP_ID) !== Boolean(c.ZALO_OA_SECRET_KEY)) {
    throw new ConfigError(["ZALO_APP_ID and ZALO_OA_SECRET_KEY are set together"]);
  }
  let templates: ZnsTemplates | null = null;
  if (c.ZNS_TEMPLATES) {
    let json: unknown;
    try {
      json = JSON.parse(c.ZNS_TEMPLATES);
    } catch {
      throw new ConfigError(["ZNS_TEMPLATES: not valid JSON"]);
    }
    const parsedTemplates = znsTemplates.safeParse(json);
    if (!parsedTemplates.success) {
      throw new ConfigError(['ZNS_TEMPLATES: must look like {"notices:reminder":{"templateId":"…","params":{"zns_name":"our_name"}}}']);
    }
    templates = parsedTemplates.data;
  }
  return {
    zns:
      templates && c.ZALO_APP_ID
        ? { apiRoot: c.ZNS_API_ROOT, templates, dailyQuota: c.ZNS_DAILY_QUOTA, ratePerSecond: c.ZNS_RATE_PER_SECOND }
        : null,
    sms: c.SMS_GATEWAY_URL
      ? { url: c.SMS_GATEWAY_URL, token: c.SMS_GATEWAY_TOKEN, senderName: c.SMS_SENDER_NAME, ascii: c.SMS_ASCII, ratePerSecond: c.SMS_RATE_PER_SECOND }
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
          }
        : null,
    ...c,
    dataDir,
    database: c.DATABASE_URL ? { kind: "postgres", url: c.DATABASE_URL } : { kind: "pglite", dataDir },
    cookieSecure: c.COOKIE_SECURE ?? (c.PUBLIC_URL?.startsWith("https://") ?? false),
  };
}
