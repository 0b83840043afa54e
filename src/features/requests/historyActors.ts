// Who a request's history entries name, as officers know them. The audit log keeps staff by
// username and chats as "chat:<identity id>"; a chat is named by the person or relative it is
// linked to and its channel, never by its id.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Channel } from "../../generated/prisma/enums.ts";

export interface ChatActor {
  channel: Channel;
  /** The linked person, when the chat is the person's own. */
  personName: string | null;
  /** The linked relative and whose relative they are. */
  relative: { name: string; personName: string } | null;
}

export interface HistoryActors {
  /** Staff full names by username. */
  staff: Map<string, string>;
  /** Chats by the log's actor string ("chat:<id>"). */
  chats: Map<string, ChatActor>;
}

export async function loadHistoryActors(
  db: Pick<PrismaClient, "chatIdentity" | "staffUser">,
  actors: readonly string[],
): Promise<HistoryActors> {
  const chatIds = actors.flatMap((a) => (a.startsWith("chat:") ? [a.slice(5)] : []));
  const usernames = actors.filter((a) => !a.startsWith("chat:") && a !== "form-link");
  const [chats, staff] = await Promise.all([
    db.chatIdentity.findMany({
      where: { id: { in: chatIds } },
      select: {
        id: true,
        channel: true,
        beneficiary: { select: { fullName: true } },
        relative: { select: { fullName: true, beneficiary: { select: { fullName: true } } } },
      },
    }),
    db.staffUser.findMany({ where: { username: { in: usernames } }, select: { username: true, fullName: true } }),
  ]);
  return {
    staff: new Map(staff.map((s) => [s.username, s.fullName])),
    chats: new Map(
      chats.map((c) => [
        `chat:${c.id}`,
        {
          channel: c.channel,
          personName: c.beneficiary?.fullName ?? null,
          relative: c.relative ? { name: c.relative.fullName, personName: c.relative.beneficiary.fullName } : null,
        },
      ]),
    ),
  };
}
