// Zalo's v3 consultation text carries no buttons, so every choice is listed in the text as
// "1. Lịch nhận tiền" (zaloMessages.ts). A person answering with just that number means that
// choice, so the number is turned into the choice it stands for, looked up in the last message
// the chat was sent. A number beyond the list, or after a message without choices, stays text.
// An SMS conversation numbers its choices the same way (channels/sms/smsText.ts).
import type { InboundEvent } from "../../core/events.ts";
import { reply as replySchema } from "../../core/reply.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";

const LONE_NUMBER = /^\s*(\d{1,2})\s*\.?\s*$/;

export async function numberedChoice(
  prisma: Pick<PrismaClient, "outboundMessage">,
  event: InboundEvent,
): Promise<InboundEvent> {
  if (event.kind !== "text") return event;
  const match = LONE_NUMBER.exec(event.text);
  if (!match) return event;
  const last = await prisma.outboundMessage.findFirst({
    where: {
      channel: event.chat.channel,
      status: "SENT",
      identity: { channel: event.chat.channel, platformUserId: event.chat.platformUserId },
    },
    orderBy: [{ sentAt: "desc" }, { createdAt: "desc" }],
    select: { reply: true },
  });
  const parsed = last ? replySchema.safeParse(last.reply) : null;
  const choices = parsed?.success ? (parsed.data.buttons ?? []).flat() : [];
  const choice = choices[Number(match[1]) - 1];
  if (!choice) return event;
  const { text: _text, ...rest } = event;
  return { ...rest, kind: "button", data: choice.data };
}
