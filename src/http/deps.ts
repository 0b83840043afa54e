// Everything the HTTP layer needs, passed in from the composition root (or a test).
import type { ChannelAdapter } from "../channels/channel.ts";
import type { Config } from "../config.ts";
import type { I18n } from "../core/i18n.ts";
import type { Database } from "../db/database.ts";
import type { ImportJobs } from "../features/imports/importJobs.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Clock } from "../lib/clock.ts";
import type { Logger } from "../lib/logger.ts";

export interface AppDeps {
  config: Config;
  db: Database;
  prisma: PrismaClient;
  log: Logger;
  i18n: I18n;
  clock: Clock;
  /** False until start-up (migrations, demo data) has finished. */
  isReady(): boolean;
  /** Chat channels whose webhooks or pages the app serves. */
  channels?: ChannelAdapter[];
  /** Asks the delivery engine to send what was just queued (hotline answers) without waiting for its poll. */
  kickOutbox?: () => void;
  /** Runs uploaded files as jobs; the import pages start their own when none is given. */
  importJobs?: ImportJobs;
}
