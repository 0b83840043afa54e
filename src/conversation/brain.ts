// The contract between the conversation engine and what the bot knows how to do. `decide` is pure
// (architecture rule 1); `perform` runs the effects a decision asked for, inside the same
// transaction, and may hand a result back to `decide` as a follow-up event.
import type { ChannelName, InboundBody } from "../core/events.ts";
import type { Locale } from "../core/i18n.ts";
import type { Reply } from "../core/reply.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { CalendarDate } from "../lib/calendarDate.ts";

export interface LinkedPerson {
  beneficiaryId: string;
  fullName: string;
  role: "SELF" | "REPRESENTATIVE";
  communeName: string;
  /** For addressing them politely ("ông"/"bà"); absent when the loader does not know it. */
  sex?: "MALE" | "FEMALE";
  /** Which programme pays them: what a family receives after a death depends on it. */
  programme?: "BTXH" | "NCC";
}

export interface ChatContext {
  identityId: string;
  channel: ChannelName;
  locale: Locale;
  now: Date;
  today: CalendarDate;
  consentGiven: boolean;
  notificationsOff: boolean;
  links: LinkedPerson[];
  /** The person currently selected (a relative may represent several people). */
  activeBeneficiaryId: string | null;
  /** Time since the conversation state last changed, or null when there is none. */
  idleMs: number | null;
  settings: ChatSettings;
  /** The chat's hotline ticket still open, if any: the person's messages go into it. */
  openTicket?: { id: string; number: number } | null;
}

export interface ChatSettings {
  identityMaxFailures: number;
  identityWindowHours: number;
  idleMinutes: number;
  hotlinePhone?: string;
  hotlineHours?: string;
  /** "Mon-Fri 07:30-17:00": when agents answer, for the expected answer time of a ticket. */
  hotlineWorkingHours?: string;
  hotlineFirstResponseMinutes?: number;
  /** "https://t.me/<bot>" when Telegram is configured, for telling people where else to chat. */
  telegramLink?: string;
  /** The service's public address, for links to its pages (the printable authorisation form). */
  publicUrl?: string;
}

/** What `decide` reacts to: a person's message, or the result of an effect it asked for. */
export type FlowEvent<R> = InboundBody | { kind: "result"; result: R };

export interface Decision<S, E> {
  /** The new state; null when no flow is active. */
  state: S | null;
  replies: Reply[];
  effects: E[];
}

export type Tx = Prisma.TransactionClient;

export interface Brain<S, E, R> {
  /** The version of the stored state's envelope, written with every state. */
  stateVersion: number;
  /** A stored state written under envelope `version`, migrated to today's shape; null when unreadable. */
  restore(raw: unknown, version: number): S | null;
  decide(state: S | null, event: FlowEvent<R>, ctx: ChatContext): Decision<S, E>;
  perform(tx: Tx, effect: E, ctx: ChatContext): Promise<R | null>;
  /** Said when a stored state could not be read at all: an apology and the menu. */
  resetReplies(ctx: ChatContext): Reply[];
  /** Said when processing a message failed unexpectedly. */
  failureReplies(ctx: ChatContext): Reply[];
}
