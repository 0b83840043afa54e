// Opening a hotline ticket, whoever asks: the chat (a person asks for a human, or the bot decides
// they need one), a post-office worker at the person's door, or "Tôi chưa nhận được" from any
// channel. The priority follows the topic and the person (ticketPriority), and the first answer is
// due after the configured working minutes.
import type { Prisma } from "../../generated/prisma/client.ts";
import type { TicketAuthor } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { redactString } from "../../lib/redact.ts";
import type { HotlineTopic } from "./protocol.ts";
import { ticketPriority } from "./priority.ts";
import { addWorkingMinutes, workingHours } from "./workingHours.ts";

export const DEFAULT_HOURS = "Mon-Fri 07:30-17:00";
export const DEFAULT_FIRST_MINUTES = 60;

export interface HotlineTimes {
  /** "Mon-Fri 07:30-17:00" (HOTLINE_WORKING_HOURS). */
  workingHours?: string;
  /** HOTLINE_FIRST_RESPONSE_MINUTES. */
  firstResponseMinutes?: number;
}

export interface NewTicket {
  /** The chat the answer goes back to; null when the person is to be called back. */
  identityId: string | null;
  beneficiaryId: string | null;
  topic: HotlineTopic;
  now: Date;
  today: CalendarDate;
  times: HotlineTimes;
  /** The first message in the ticket, with who wrote it (a person's words, or a note for agents). */
  message?: { author: TicketAuthor; text: string; staffId?: string };
}

export async function openTicket(
  tx: Prisma.TransactionClient,
  t: NewTicket,
): Promise<{ id: string; number: number; firstResponseDueAt: Date }> {
  const hours = workingHours(t.times.workingHours ?? DEFAULT_HOURS);
  const dueAt = addWorkingMinutes(hours, t.now, t.times.firstResponseMinutes ?? DEFAULT_FIRST_MINUTES);
  const beneficiary = t.beneficiaryId
    ? await tx.beneficiary.findUnique({
        where: { id: t.beneficiaryId },
        select: {
          id: true,
          communeId: true,
          dateOfBirth: true,
          categories: { select: { category: { select: { code: true } } } },
        },
      })
    : null;
  const ticket = await tx.hotlineTicket.create({
    data: {
      identityId: t.identityId,
      beneficiaryId: beneficiary?.id ?? null,
      communeId: beneficiary?.communeId ?? null,
      topic: t.topic,
      priority: ticketPriority(t.topic, beneficiary, t.today),
      firstResponseDueAt: dueAt,
      createdAt: t.now,
    },
  });
  if (t.message)
    await tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        author: t.message.author,
        staffId: t.message.staffId ?? null,
        // Kept like the chat keeps what people typed: an ID, phone or account number masked.
        text: redactString(t.message.text),
        createdAt: t.now,
      },
    });
  return { id: ticket.id, number: ticket.number, firstResponseDueAt: dueAt };
}
