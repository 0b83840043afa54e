// Zalo's rules for what an OA may send a person, kept by the fake Zalo platform (zaloApi.ts).
// - OA help centre, article 64000261136 ("Các loại tin của Zalo Official Account"): 8 free replies
//   within 48 h of the person's last message, the count reset by each new message; the 9th, one
//   after 48 h, or one "with only user_id and no message_id" is a proactive message, which needs a
//   verified OA and quota (1000 free a month for a verified OA).
//   A proactive message goes to a follower ("người dùng đã quan tâm OA"): following is an
//   interaction, though not a message, so it opens no free replies.
// - Refusal codes, from third-party integration guides (Zalo's own list is not public in full):
//   -230 the person has not interacted with the OA in the past 7 days, -211 out of quota.
export type Billing = "free" | "proactive";

export interface ReplyRules {
  /** The person sent a message (the fake learns it when it delivers the event). */
  personWrote(userId: string, msgId: string, atMs: number): void;
  /** The person followed the OA. */
  personFollowed(userId: string, atMs: number): void;
  /** What a consultation message would be billed as, or the refusal Zalo answers. */
  bill(
    userId: string,
    answers: string | undefined,
    nowMs: number,
  ): { billing: Billing; remain: number } | { error: number; message: string };
  setProactiveQuota(n: number): void;
  proactiveSent(): number;
}

const FREE_REPLIES = 8;
const FREE_WINDOW_MS = 48 * 3_600_000;
const INTERACTION_WINDOW_MS = 7 * 24 * 3_600_000;

export function createReplyRules(): ReplyRules {
  const last = new Map<string, { msgId: string; atMs: number; used: number; msgIds: Set<string> }>();
  const interacted = new Map<string, number>();
  const touch = (userId: string, atMs: number) => interacted.set(userId, Math.max(atMs, interacted.get(userId) ?? 0));
  let proactiveQuota = 1000;
  let proactive = 0;
  return {
    personFollowed: touch,
    personWrote(userId, msgId, atMs) {
      touch(userId, atMs);
      const now = last.get(userId);
      const ids = now?.msgIds ?? new Set<string>();
      ids.add(msgId);
      if (!now || atMs > now.atMs) last.set(userId, { msgId, atMs, used: 0, msgIds: ids });
    },
    bill(userId, answers, nowMs) {
      const w = last.get(userId);
      const inWindow = w !== undefined && nowMs - w.atMs <= FREE_WINDOW_MS && w.used < FREE_REPLIES;
      if (w && inWindow && answers !== undefined && w.msgIds.has(answers)) {
        w.used++;
        return { billing: "free", remain: FREE_REPLIES - w.used };
      }
      const lastInteraction = interacted.get(userId);
      if (lastInteraction === undefined || nowMs - lastInteraction > INTERACTION_WINDOW_MS) {
        return { error: -230, message: "User has not interacted with the OA in the past 7 days" };
      }
      if (proactive >= proactiveQuota) return { error: -211, message: "Out of quota" };
      proactive++;
      return { billing: "proactive", remain: proactiveQuota - proactive };
    },
    setProactiveQuota(n) {
      proactiveQuota = n;
      proactive = 0;
    },
    proactiveSent: () => proactive,
  };
}
