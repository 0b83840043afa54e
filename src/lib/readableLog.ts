// Log lines for a person at a terminal: "14:23:05 WARN  message key=value". Production keeps pino's
// JSON lines (one object a line, for the log collector); development prints these instead, so a
// newcomer's first screen is readable. The JSON is formatted after redaction, never before.
import type { DestinationStream } from "pino";

const LABELS: Record<string, string> = {
  trace: "TRACE",
  debug: "DEBUG",
  info: "",
  warn: "WARN ",
  error: "ERROR",
  fatal: "FATAL",
};

/** A pino destination that turns each JSON line into a readable one and writes it to `out`. */
export function readableDestination(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      out.write(readableLine(line) + "\n");
    },
  };
}

export function readableLine(line: string): string {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return line.trimEnd();
  }
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return line.trimEnd();
  const { time, level, msg, err, ...rest } = entry as Record<string, unknown>;
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  const label = typeof level === "string" ? (LABELS[level] ?? level.toUpperCase()) : "";
  const fields = Object.entries(rest).map(
    ([k, v]) => `${k}=${typeof v === "string" && !/\s/.test(v) ? v : JSON.stringify(v)}`,
  );
  const head = [clock, label, typeof msg === "string" ? msg : "", ...fields].filter(Boolean).join(" ");
  return err ? `${head}\n${errorText(err)}` : head;
}

function errorText(err: unknown): string {
  if (err && typeof err === "object" && "stack" in err && typeof err.stack === "string") {
    return err.stack
      .split("\n")
      .map((l) => `    ${l.trim()}`)
      .join("\n");
  }
  return `    ${JSON.stringify(err)}`;
}
