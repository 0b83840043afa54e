// What every command-line tool that touches the database does around its own work: read the
// configuration, open the database, bring its schema up to date, and close it again however the
// work ended. Logs go to stderr so that what a command prints on stdout stays readable (and can
// be piped).
import { pino } from "pino";
import { loadConfig, type Config } from "../config.ts";
import { resolveDataKeys } from "../db/dataKeys.ts";
import { createDatabase, type Database } from "../db/database.ts";
import { sealStoredValues } from "../db/sealStoredValues.ts";
import { createLogger, type Logger } from "../lib/logger.ts";

export interface OpenedDatabase {
  config: Config;
  db: Database;
  log: Logger;
  /** Migrations applied on opening (none when the schema was already up to date). */
  applied: string[];
}

/** Runs `use` with a migrated database and closes it afterwards; returns what `use` returns. */
export async function openDatabase<T>(use: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, destination: pino.destination(2) });
  const db = await createDatabase(config.database, log, await resolveDataKeys(config, log));
  try {
    const applied = await db.migrate(log);
    await sealStoredValues(db.prisma, db.cipher, { mode: "clear", log });
    return await use({ config, db, log, applied });
  } finally {
    await db.close();
  }
}

/**
 * Runs a command's main function and exits with its code: 0 done, 1 failed, 2 wrong usage.
 * An unexpected error prints its message, not a stack trace, and exits with 1.
 */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
