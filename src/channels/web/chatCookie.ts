// The browser's chat id: 128 random bits in an httpOnly cookie, the web chat's platformUserId.
// There is no login: whoever holds the cookie is that chat, the same trust as a Telegram account.
import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { parseCookies } from "../../http/console/cookies.ts";

export const CHAT_COOKIE = "asb_chat";
const CHAT_ID = /^[A-Za-z0-9_-]{22}$/;
// Browsers cap cookie lifetimes at 400 days; a chat kept for a year is what people expect.
const MAX_AGE_MS = 400 * 86_400_000;

/** The chat id the browser sent, if it is one of ours. */
export function readChatId(req: Request): string | null {
  const value = parseCookies(req.headers.cookie).get(CHAT_COOKIE);
  return value && CHAT_ID.test(value) ? value : null;
}

/** Gives the browser a new chat id. */
export function issueChatId(res: Response, secure: boolean): string {
  const id = randomBytes(16).toString("base64url");
  res.cookie(CHAT_COOKIE, id, { httpOnly: true, sameSite: "lax", secure, path: "/chat", maxAge: MAX_AGE_MS });
  return id;
}
