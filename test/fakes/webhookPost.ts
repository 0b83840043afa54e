// One POST of an update to a bot's webhook, as Telegram makes it: JSON with the secret header.
// Resolves with the HTTP status once the whole answer is read; rejects on a network error.
import { request, type Agent } from "node:http";

export function postUpdate(
  agent: Agent,
  url: string,
  secret: string,
  body: string,
  timeoutMs = 30_000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        timeout: timeoutMs,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": secret,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}
