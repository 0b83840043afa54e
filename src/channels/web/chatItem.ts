// One bubble of the web chat as the page receives it, from the history, the live stream or the
// database poll. The same message always carries the same id, so the page can drop repeats.
import type { I18n } from "../../core/i18n.ts";
import { renderReply } from "../../core/renderReply.ts";
import { reply as replySchema } from "../../core/reply.ts";

export interface ChatItem {
  id: string;
  from: "bot" | "me";
  text: string;
  buttons: { label: string; data: string; url?: string }[][];
  /** ISO time the message was sent (bot) or received (person). */
  at: string;
  /** A notice or broadcast: its buttons stay under it, the question's buttons stay where they are. */
  standalone?: boolean;
}

export interface SentRow {
  id: string;
  reply: unknown;
  platformMessageId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  kind: string;
}

/** A sent outbound row as a bot bubble in the chat's language; null when the stored reply is unreadable. */
export function botItem(i18n: I18n, locale: string, row: SentRow): ChatItem | null {
  const parsed = replySchema.safeParse(row.reply);
  if (!parsed.success) return null;
  const rendered = renderReply(i18n.t(locale), locale, parsed.data);
  return {
    // The web channel's send() names each message; the live push and the poll use that name.
    id: row.platformMessageId ?? row.id,
    from: "bot",
    text: rendered.text,
    buttons: rendered.buttons,
    at: (row.sentAt ?? row.createdAt).toISOString(),
    ...(row.kind === "NOTIFICATION" || row.kind === "BROADCAST" ? { standalone: true } : {}),
  };
}
