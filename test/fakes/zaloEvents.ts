// Webhook events as Zalo builds and signs them, for the fake Zalo platform (zaloApi.ts).
import { createHash, randomBytes } from "node:crypto";

export interface ZaloEvents {
  text(userId: string, text: string, msgId?: string): Record<string, unknown>;
  follow(userId: string): Record<string, unknown>;
  unfollow(userId: string): Record<string, unknown>;
  image(userId: string, msgId?: string): Record<string, unknown>;
  seen(userId: string): Record<string, unknown>;
  /**
   * A press on a template's button as one third-party guide shows it (user_click_button); Zalo's
   * own documents do not say whether presses arrive so or as the person's text.
   */
  click(userId: string, payload: string, msgId?: string): Record<string, unknown>;
}

/** The signature header Zalo sends: "mac=" + SHA-256 hex of app id + body + timestamp + OA secret. */
export function signZaloEvent(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash("sha256")
    .update(appId + rawBody + timestamp + oaSecretKey, "utf8")
    .digest("hex")}`;
}

const OA_ID = "1029384756000000001";

/** Event builders for one app; `now` is Zalo's clock in ms (timestamps are strings, as Zalo sends). */
export function zaloEvents(appId: string, now: () => number): ZaloEvents {
  const msgId = () => `m${randomBytes(10).toString("hex")}`;
  const base = (event: string, extra: Record<string, unknown>) => ({
    app_id: appId,
    event_name: event,
    timestamp: String(now()),
    ...extra,
  });
  return {
    text: (userId, text, id = msgId()) =>
      base("user_send_text", {
        sender: { id: userId },
        recipient: { id: OA_ID },
        user_id_by_app: `app${userId}`,
        message: { text, msg_id: id },
      }),
    follow: (userId) =>
      base("follow", { oa_id: OA_ID, follower: { id: userId }, user_id_by_app: `app${userId}`, source: "oa_profile" }),
    unfollow: (userId) =>
      base("unfollow", {
        oa_id: OA_ID,
        follower: { id: userId },
        user_id_by_app: `app${userId}`,
        source: "oa_profile",
      }),
    image: (userId, id = msgId()) =>
      base("user_send_image", {
        sender: { id: userId },
        recipient: { id: OA_ID },
        message: { msg_id: id, attachments: [{ type: "image", payload: { url: "https://example.invalid/p.jpg" } }] },
      }),
    seen: (userId) =>
      base("user_seen_message", { sender: { id: OA_ID }, recipient: { id: userId }, message: { msg_ids: ["x"] } }),
    click: (userId, payload, id = msgId()) =>
      base("user_click_button", { sender: { id: userId }, recipient: { id: OA_ID }, message: { msg_id: id, payload } }),
  };
}
