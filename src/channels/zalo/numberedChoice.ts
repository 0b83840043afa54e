// Zalo shows at most a few buttons under a message; further choices are listed in the text as
// "6. English". A person answering with just that number means that choice, so the number is
// turned into the button press it stands for, looked up in the last message the chat was sent.
import type { InboundEvent } from "../../core/events.ts";
import { reply as replySchema } from "../../core/reply.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

const LONE_NUMBER = /^\s*(\d{1,2})\s*\.?\s*$/;

export async function numberedChoice(
  prisma: Pick<PrismaClient, "outboundMessage">,
  event: InboundEvent,
  maxButtons: number,
): Promise<InboundEvent> {
  if (event.kind !== "text") return event;
  const match = LONE_NUMBER.exec(event.text);
  if (!match) return event;
  const last = await prisma.outboundMessage.findFirst({
    where: { channel: "ZALO", status: "SENT", identity: { channel: "ZALO", platformUserId: event.chat.platformUserId } },
    orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }],
    select: { reply: true },
  });
  const parsed = last ? replySchema.safeParse(last.reply) : null;
  const choices = parsed?.success ? (parsed.data.buttons ?? []).flat() : [];
  // Only a message whose choices did not all fit as buttons was numbered; elsewhere a number is an answer.
  if (choices.length <= maxButtons) return event;
  const choice = choices[Number(match[1]) - 1];
  if (!choice) return event;
  const { text: _text, ...rest } = event;
  return { ...rest, kind: "button", data: choice.data };
}
