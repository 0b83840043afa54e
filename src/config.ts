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
  LOG_PRETTY: bool.default(false),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(480),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: z.string().default("loopback"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  IMPORT_MAX_MB: z.coerce.number().min(1).max(200).default(20),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
});

export type Config = z.infer<typeof schema> & {
  /** Absolute PGlite folder, used only when DATABASE_URL is unset. */
  dataDir: string;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  cookieSecure: boolean;
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
  return {
    ...c,
    dataDir,
    database: c.DATABASE_URL ? { kind: "postgres", url: c.DATABASE_URL } : { kind: "pglite", dataDir },
    cookieSecure: c.COOKIE_SECURE ?? (c.PUBLIC_URL?.startsWith("https://") ?? false),
  };
}
