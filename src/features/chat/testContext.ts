// A chat context for decision tests: no database, every field explicit and overridable.
import type { Reply } from "../../core/reply.ts";
import type { ChatContext, LinkedPerson } from "../../conversation/brain.ts";
import type { Decision as ChatDecision } from "../../conversation/flow.ts";

export const DAO: LinkedPerson = {
  beneficiaryId: "b-dao",
  fullName: "Nguyễn Thị Đào",
  role: "SELF",
  communeName: "Xã Hòa An",
  sex: "FEMALE",
};
export const BA: LinkedPerson = {
  beneficiaryId: "b-ba",
  fullName: "Trần Văn Ba",
  role: "REPRESENTATIVE",
  communeName: "Xã Hòa An",
  sex: "MALE",
};

export function testContext(overrides: Partial<ChatContext> = {}): ChatContext {
  const links = overrides.links ?? [];
  return {
    identityId: "chat-1",
    channel: "WEB",
    locale: "vi",
    now: new Date("2026-07-15T03:00:00Z"),
    today: "2026-07-15",
    consentGiven: links.length > 0,
    notificationsOff: false,
    links,
    activeBeneficiaryId: links[0]?.beneficiaryId ?? null,
    idleMs: 1000,
    settings: {
      identityMaxFailures: 5,
      identityWindowHours: 24,
      idleMinutes: 30,
      hotlinePhone: "1900 1234",
      hotlineHours: "7:30-17:00",
    },
    ...overrides,
  };
}

/** The text keys of each reply, in order. */
export function replyKeys(d: ChatDecision): string[][] {
  return d.replies.map((r) => r.text.map((t) => t.key));
}

/** Every button's data of one reply, row after row. */
export function buttonData(reply: Reply | undefined): string[] {
  return (reply?.buttons ?? []).flat().map((b) => b.data);
}

export function lastReply(d: ChatDecision): Reply | undefined {
  return d.replies[d.replies.length - 1];
}
