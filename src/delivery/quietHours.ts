// No notices at night: old people keep their phones by the bed. Replies to someone who is
// chatting right now are never held back; notices and broadcasts wait for the morning.
import { DAY_MS, fromWallClock, toWallClock } from "../lib/vietnamTime.ts";

export { vietnamTime } from "../lib/vietnamTime.ts";

export interface QuietHours {
  /** Minutes after midnight, Vietnam time. */
  start: number;
  end: number;
}

/** "21:00-07:00" → the window; "off" → null. */
export function parseQuietHours(value: string): QuietHours | null {
  if (value === "off") return null;
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(value);
  if (!m) throw new Error(`quiet hours "${value}" are not HH:MM-HH:MM`);
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return start === end ? null : { start, end };
}

/** `at` itself when sending is allowed then, otherwise the moment the quiet hours end. */
export function nextSendableTime(at: Date, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const local = toWallClock(at.getTime());
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const minute = (local - dayStart) / 60_000;
  const inQuiet =
    quiet.start < quiet.end ? minute >= quiet.start && minute < quiet.end : minute >= quiet.start || minute < quiet.end;
  if (!inQuiet) return at;
  // The end is later today, or tomorrow morning when the window crosses midnight.
  const endDay = quiet.start > quiet.end && minute >= quiet.start ? dayStart + DAY_MS : dayStart;
  return new Date(fromWallClock(endDay + quiet.end * 60_000));
}
