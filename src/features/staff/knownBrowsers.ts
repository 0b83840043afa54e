// Browsers that signed in to an account before carry a tag for it in a cookie (at most a few
// accounts per browser, for a computer shared at the commune office). Their wrong passwords are
// counted on their own, so a stranger guessing at the name never slows the owner down there. The
// tag is an HMAC under the service's key: a browser cannot make one up for an account.
import { randomBytes } from "node:crypto";
import type { FieldCipher } from "../../db/fieldCipher.ts";

export interface BrowserTag {
  id: string;
  tag: string;
}

const LABEL = "staff-browser";
const ENTRY = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{32})$/;
/** Accounts remembered per browser. */
export const MAX_ACCOUNTS = 5;

export function readBrowserTags(cookie: string | undefined): BrowserTag[] {
  if (!cookie || cookie.length > 400) return [];
  return cookie.split("~").flatMap((entry) => {
    const m = ENTRY.exec(entry);
    return m?.[1] && m[2] ? [{ id: m[1], tag: m[2] }] : [];
  });
}

/** The browser's id for this account, when one of its tags was made for it. */
export function recognise(cipher: FieldCipher, staffId: string, tags: BrowserTag[]): string | null {
  return tags.find((t) => cipher.tagMatches(LABEL, `${staffId}\0${t.id}`, t.tag))?.id ?? null;
}

/** The cookie after a sign-in: this account's tag first (new or renewed), then the others. */
export function rememberAccount(
  cipher: FieldCipher,
  staffId: string,
  tags: BrowserTag[],
  known: string | null,
): string {
  const id = known ?? randomBytes(16).toString("base64url");
  const mine = { id, tag: cipher.tag(LABEL, `${staffId}\0${id}`) };
  const others = tags.filter((t) => t.id !== id);
  return [mine, ...others]
    .slice(0, MAX_ACCOUNTS)
    .map((t) => `${t.id}.${t.tag}`)
    .join("~");
}
