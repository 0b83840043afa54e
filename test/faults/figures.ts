// What a person would notice after a fault, counted from the database and from what the fake
// Bot API received: messages never answered (lost), messages received twice (duplicates), and
// rows that never ended.
import type pg from "pg";
import type { FakeTelegramApi } from "../fakes/telegramApi.ts";
import type { SentUpdate } from "./webhookTraffic.ts";

export interface Figures {
  scenario: string;
  /** Updates sent in, or notices queued. */
  messages: number;
  lost: number;
  duplicates: number;
  /** Notices whose fate was unknown after a crash: FAILED "interrupted", not sent again. */
  interrupted: number;
  /** Answered with the apology for a failure instead of an answer. */
  apologies: number;
  /** Rows still QUEUED or SENDING at the end. */
  notFinal: number;
  /** Of those, replies a killed instance had in hand (sent again after two minutes). */
  inHand?: number;
  /** Rows not final that belong to no chat with a message in the killed instance's hands. */
  notFinalElsewhere?: number;
  /** From the end of the fault until the first message was sent again, ms. */
  recoveryMs: number | null;
  /** From the end of the fault until everything was answered, ms. */
  drainMs: number | null;
  note?: string;
}

interface ChatRow {
  chat: string;
  inbound: number;
  unprocessed: number;
  apologies: number;
  replies: number;
  sent: number;
  open: number;
}

/** Every update answered once: stored, processed, each reply SENT and received exactly once. */
/**
 * Counts the end of each one-per-person message (a notice, a broadcast's report line) against what
 * the fake received: a row that ended any other way than "interrupted" must have arrived once.
 */
export function tallyDeliveries(
  rows: { chat: string | null; status: string; reason: string | null }[],
  fake: FakeTelegramApi,
) {
  const t = { lost: 0, duplicates: 0, interrupted: 0, notFinal: 0, sent: 0, received: 0 };
  for (const r of rows) {
    const got = r.chat ? fake.sentMessages(r.chat).length : 0;
    t.received += got;
    t.duplicates += Math.max(0, got - 1);
    if (r.status === "SENT") t.sent++;
    if (r.status === "QUEUED" || r.status === "SENDING") t.notFinal++;
    else if (r.status === "FAILED" && r.reason === "interrupted") t.interrupted++;
    else if (got === 0) t.lost++;
  }
  return t;
}

export async function chatFigures(
  db: pg.Client,
  fake: FakeTelegramApi,
  updates: Iterable<SentUpdate>,
): Promise<Pick<Figures, "messages" | "lost" | "duplicates" | "apologies" | "notFinal">> {
  const { rows } = await db.query<Record<keyof ChatRow, string>>(`
    SELECT i."platformUserId" AS chat,
      (SELECT count(*) FROM "InboundMessage" m WHERE m."identityId" = i.id) AS inbound,
      (SELECT count(*) FROM "InboundMessage" m WHERE m."identityId" = i.id AND m."processedAt" IS NULL) AS unprocessed,
      (SELECT count(*) FROM "InboundMessage" m WHERE m."identityId" = i.id AND m.error IS NOT NULL) AS apologies,
      (SELECT count(*) FROM "OutboundMessage" o WHERE o."identityId" = i.id AND o.kind = 'REPLY') AS replies,
      (SELECT count(*) FROM "OutboundMessage" o WHERE o."identityId" = i.id AND o.kind = 'REPLY' AND o.status = 'SENT') AS sent,
      (SELECT count(*) FROM "OutboundMessage" o WHERE o."identityId" = i.id AND o.status IN ('QUEUED', 'SENDING')) AS open
    FROM "ChatIdentity" i WHERE i.channel = 'TELEGRAM'`);
  const byChat = new Map(rows.map((r) => [r.chat, r]));
  let messages = 0;
  let lost = 0;
  let duplicates = 0;
  let apologies = 0;
  let notFinal = 0;
  const perChat = new Map<string, number>();
  for (const u of updates) perChat.set(String(u.chatId), (perChat.get(String(u.chatId)) ?? 0) + 1);
  for (const [chat, count] of perChat) {
    messages += count;
    const r = byChat.get(chat);
    const received = fake.sentMessages(chat);
    if (!r) {
      lost += count;
      continue;
    }
    const n = (k: keyof ChatRow) => Number(r[k]);
    apologies += n("apologies");
    notFinal += n("open");
    // A message is lost when it was never stored, never processed, or a reply to it never arrived.
    const unanswered = count - n("inbound") + n("unprocessed");
    const missingReplies = n("replies") === 0 || received.length < n("replies") ? 1 : 0;
    lost += Math.min(count, Math.max(unanswered, missingReplies));
    duplicates += Math.max(0, received.length - n("replies"));
  }
  return { messages, lost, duplicates, apologies, notFinal };
}

/** One line per scenario, for the benchmark and the test logs. */
export function figuresTable(all: Figures[]): string {
  const s = (ms: number | null) => (ms === null ? "-" : `${(ms / 1000).toFixed(1)} s`);
  const head = [
    "scenario",
    "messages",
    "lost",
    "duplicates",
    "interrupted",
    "apologies",
    "not final",
    "recovery",
    "all answered",
  ];
  const lines = all.map((f) =>
    [
      f.scenario,
      f.messages,
      f.lost,
      f.duplicates,
      f.interrupted,
      f.apologies,
      f.notFinal,
      s(f.recoveryMs),
      s(f.drainMs),
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const notes = all.filter((f) => f.note).map((f) => `  ${f.scenario}: ${f.note}`);
  return [row(head), ...lines.map(row), ...notes].join("\n");
}
