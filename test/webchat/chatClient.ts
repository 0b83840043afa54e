// Talks to the web chat the way its page does (cookie, custom header, JSON, event stream), for
// tests that check the transport without a browser.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { cookiePair } from "../helpers/app.ts";

export const chatItem = z.object({
  id: z.string(),
  from: z.enum(["bot", "me"]),
  text: z.string(),
  buttons: z.array(z.array(z.object({ label: z.string(), data: z.string() }))),
  at: z.string(),
});
export type ChatItemSeen = z.infer<typeof chatItem>;
const historyBody = z.object({ items: z.array(chatItem), locale: z.string().nullable(), now: z.string() });

export interface ChatClient {
  cookie: string;
  post(body: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  history(): Promise<z.infer<typeof historyBody>>;
  /** Opens the event stream; `next()` resolves with the next pushed message. */
  stream(after?: number): Promise<ChatStream>;
}

export interface ChatStream {
  next(timeoutMs?: number): Promise<ChatItemSeen>;
  close(): void;
}

/** Opens /chat like a newcomer's browser and keeps the chat cookie it is given. */
export async function openChat(url: string): Promise<ChatClient> {
  const page = await fetch(`${url}/chat`);
  const cookie = cookiePair(page.headers.getSetCookie(), "asb_chat");
  if (!cookie) throw new Error("/chat set no chat cookie");
  return {
    cookie,
    post: (body, headers = {}) =>
      fetch(`${url}/chat/api/messages`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-requested-with": "asb-chat",
          origin: url,
          cookie,
          ...headers,
        },
        body: JSON.stringify({ clientMessageId: randomUUID(), ...body }),
      }),
    async history() {
      const res = await fetch(`${url}/chat/api/history`, { headers: { cookie } });
      return historyBody.parse(await res.json());
    },
    async stream(after) {
      const controller = new AbortController();
      const res = await fetch(`${url}/chat/api/events${after === undefined ? "" : `?after=${after}`}`, {
        headers: { cookie, accept: "text/event-stream" },
        signal: controller.signal,
      });
      if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
      return readEvents(res.body, controller);
    },
  };
}

function readEvents(body: ReadableStream<Uint8Array>, controller: AbortController): ChatStream {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: ChatItemSeen[] = [];
  const waiting: ((item: ChatItemSeen) => void)[] = [];
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((l) => l.startsWith("data: "))
            .map((l) => l.slice(6))
            .join("\n");
          if (!data) continue;
          const item = chatItem.parse(JSON.parse(data));
          const w = waiting.shift();
          if (w) w(item);
          else queue.push(item);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    next(timeoutMs = 5000) {
      const ready = queue.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const take = (item: ChatItemSeen): void => {
          clearTimeout(timer);
          resolve(item);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(take), 1);
          reject(new Error("no message on the event stream"));
        }, timeoutMs);
        waiting.push(take);
      });
    },
    close: () => controller.abort(),
  };
}
