// Structured logs (pino) with personal data masked before anything is written: JSON lines in
// production, readable lines for a person at a terminal in development.
import { pino, type Logger as PinoLogger } from "pino";
import { readableDestination } from "./readableLog.ts";
import { redactString, redactValue } from "./redact.ts";

export type Logger = PinoLogger;

export interface LoggerOptions {
  level?: string;
  /** `json` (default) or `readable`. */
  format?: "json" | "readable";
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => {
          const out = redactValue(obj);
          return out && typeof out === "object" && !Array.isArray(out) ? { ...out } : { value: out };
        },
      },
      hooks: {
        // Interpolated messages are masked too: log.info("login %s", phone).
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? redactString(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.format === "readable" ? readableDestination(options.destination ?? process.stdout) : options.destination,
  );
}
