// The browser's chat id, the web chat's platformUserId, kept in an httpOnly cookie. There is no
// login: whoever holds the cookie is that chat, the same trust as a Telegram account. So the
// service alone makes ids: "<random>.<client>.<tag>", where <client> names the address it was
// given to (a keyed hash, not the address) and <tag> is an HMAC under the service's key. A made-up
// cookie is not a chat: it is refused by the API and replaced by the page, so inventing ids cannot
// reset a chat's limits. The format is in core/chatOrigin.ts. Ids given out before ids were signed (22 random characters) still work
// for the chats that exist; an unknown one is treated like a made-up one.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { WEB_CHAT_ID } from "../../core/chatOrigin.ts";
import { cipherOf } from "../../db/sensitiveFields.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { parseCookies } from "../../http/console/cookies.ts";
import { addressBucket } from "../../lib/clientAddress.ts";

export const CHAT_COOKIE = "asb_chat";
const OLD_ID = /^[A-Za-z0-9_-]{22}$/;
// Browsers cap cookie lifetimes at 400 days; a chat kept for a year is what people expect.
const MAX_AGE_MS = 400 * 86_400_000;

/** Chat ids checked by `verifyChatCookie`, per request. */
const verified = new WeakMap<Request, string>();

/** The chat id the browser sent, when the service gave it out (after `verifyChatCookie`). */
export function readChatId(req: Request): string | null {
  return verified.get(req) ?? null;
}

/** Checks the chat cookie of every request under /chat; an id the service never gave out is ignored. */
export function verifyChatCookie(prisma: PrismaClient) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const value = parseCookies(req.headers.cookie).get(CHAT_COOKIE);
    if (value && isSigned(prisma, value)) verified.set(req, value);
    else if (value && OLD_ID.test(value) && (await existingChat(prisma, value))) verified.set(req, value);
    next();
  };
}

/** Gives the browser a new chat id, tied to the address it was given to. */
export function issueChatId(prisma: PrismaClient, req: Request, res: Response, secure: boolean): string {
  const cipher = cipherOf(prisma);
  const body = `${randomBytes(16).toString("base64url")}.${clientTag(prisma, req.ip)}`;
  const id = `${body}.${cipher.tag(ID_LABEL, body)}`;
  res.cookie(CHAT_COOKIE, id, { httpOnly: true, sameSite: "lax", secure, path: "/chat", maxAge: MAX_AGE_MS });
  verified.set(req, id);
  return id;
}

const ID_LABEL = "web-chat-id";

function isSigned(prisma: PrismaClient, value: string): boolean {
  const m = WEB_CHAT_ID.exec(value);
  return m !== null && cipherOf(prisma).tagMatches(ID_LABEL, `${m[1]}.${m[2]}`, m[3] ?? "");
}

function clientTag(prisma: PrismaClient, ip: string | undefined): string {
  return cipherOf(prisma).tag("web-chat-client", addressBucket(ip)).slice(0, 11);
}

async function existingChat(prisma: PrismaClient, id: string): Promise<boolean> {
  const row = await prisma.chatIdentity.findUnique({
    where: { channel_platformUserId: { channel: "WEB", platformUserId: id } },
    select: { id: true },
  });
  return row !== null;
}
