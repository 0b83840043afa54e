// Telling both people about a request: the beneficiary's own chats and the chats of everyone who
// speaks for them, the chat that sent the request, and the relative named in an authorisation.
// Each message is queued once per chat (dedupe key), in the caller's transaction.
import { isChannelName, type ChannelName } from "../../core/events.ts";
import type { Reply } from "../../core/reply.ts";
import { enqueueOutbound, type ChatDraft } from "../../delivery/enqueue.ts";
import type { Prisma } from "../../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

export interface Recipient {
  identityId: string;
  channel: ChannelName;
  /** The chat that sent the request, the relative's own chat, or one on the beneficiary's side. */
  role: "submitter" | "relative" | "beneficiary";
  /** Whether the chat is linked to the beneficiary already (as themself or for them). */
  linked: boolean;
}

export async function requestRecipients(
  tx: Tx,
  who: { beneficiaryId: string; submittedById?: string | null; relativeId?: string | null },
): Promise<Recipient[]> {
  const [links, relatives, submitter] = await Promise.all([
    tx.chatLink.findMany({
      where: { beneficiaryId: who.beneficiaryId },
      select: { identity: { select: { id: true, channel: true } } },
    }),
    who.relativeId
      ? tx.chatIdentity.findMany({ where: { relativeId: who.relativeId }, select: { id: true, channel: true } })
      : [],
    who.submittedById
      ? tx.chatIdentity.findUnique({ where: { id: who.submittedById }, select: { id: true, channel: true } })
      : null,
  ]);
  const out = new Map<string, Recipient>();
  const linked = new Set(links.map((l) => l.identity.id));
  const add = (identity: { id: string; channel: string }, role: Recipient["role"]) => {
    if (out.has(identity.id)) return;
    if (isChannelName(identity.channel)) {
      out.set(identity.id, {
        identityId: identity.id,
        channel: identity.channel,
        role,
        linked: linked.has(identity.id),
      });
    }
  };
  if (submitter) add(submitter, "submitter");
  for (const r of relatives) add(r, "relative");
  for (const l of links) add(l.identity, "beneficiary");
  return [...out.values()];
}

/** Queues one message per recipient; `replyFor` may word it differently by role. */
export async function notifyRecipients(
  tx: Tx,
  recipients: Recipient[],
  o: { key: string; beneficiaryId: string; replyFor: (r: Recipient) => Reply | null; notBefore?: Date },
): Promise<number> {
  const drafts: ChatDraft[] = [];
  for (const r of recipients) {
    const reply = o.replyFor(r);
    if (!reply) continue;
    drafts.push({
      kind: "NOTIFICATION",
      to: { identityId: r.identityId, channel: r.channel },
      reply,
      dedupeKey: `${o.key}:${r.identityId}`,
      noticeKey: o.key,
      beneficiaryId: o.beneficiaryId,
      ...(o.notBefore ? { notBefore: o.notBefore } : {}),
    });
  }
  return enqueueOutbound(tx, drafts);
}
