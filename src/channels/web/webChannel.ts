// The built-in web chat: a page at /chat that talks to the same conversation engine as Telegram
// and Zalo. A reply is "sent" once it is stored and pushed to the pages open in this process;
// a page that is closed (or served by another instance) picks it up from the database.
import { randomUUID } from "node:crypto";
import type { ChannelAdapter, ChannelDeps } from "../channel.ts";
import { createChatHub } from "./chatHub.ts";
import { createChatRouter } from "./chatRouter.ts";

export interface WebChannelDeps extends ChannelDeps {
  /** How often an open page's stream looks in the database for replies sent elsewhere (ms). */
  eventsPollMs?: number;
}

export function createWebChannel(deps: WebChannelDeps): ChannelAdapter {
  const hub = createChatHub();
  const router = createChatRouter({ ...deps, hub, pollMs: deps.eventsPollMs ?? 1000 });
  return {
    name: "WEB",
    http: { path: "/chat", router },
    async send(chat, rendered) {
      // The id names this message everywhere: the live push, the stored row (as its
      // platformMessageId), the history and the database poll, so the page shows it once.
      const id = randomUUID();
      hub.publish(chat.platformUserId, {
        id,
        from: "bot",
        text: rendered.text,
        buttons: rendered.buttons,
        at: deps.clock.now().toISOString(),
        ...(rendered.standalone ? { standalone: true } : {}),
      });
      return { ok: true, platformMessageId: id };
    },
    async start() {},
    async stop() {
      hub.closeAll();
    },
  };
}
