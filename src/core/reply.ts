// What the bot says, as data: i18n keys and parameters. Channels translate and format them in the
// person's language; flows and tests only ever deal with keys (architecture rule 4).
import { z } from "zod";

/** A parameter is plain text, a number, or a value the renderer formats for the locale. */
export const textParam = z.union([
  z.string(),
  z.number(),
  z.object({ vnd: z.number().int() }),
  z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  /** A number with decimals (a coefficient): "1,5" in Vietnamese, "1.5" in English. */
  z.object({ decimal: z.number() }),
  /** A nested text, e.g. a category name that is itself translated. */
  z.object({ key: z.string() }),
]);
export type TextParam = z.infer<typeof textParam>;

export const textRef = z.object({ key: z.string().min(1), params: z.record(z.string(), textParam).optional() });
export type TextRef = z.infer<typeof textRef>;

/**
 * A choice. `data` comes back when it is pressed (at most 64 bytes on Telegram). With `url` it is a
 * link the channel opens itself where it can (a Telegram URL button, a link on the web chat): an
 * absolute address, or on the web chat a path of the service it is served from. Where a channel
 * cannot open links, pressing it sends `data`, and the bot answers with the address as text.
 */
export const button = z.object({
  label: textRef,
  data: z.string().min(1).max(64),
  url: z.string().min(1).max(2000).optional(),
});
export type Button = z.infer<typeof button>;

export const reply = z.object({
  /** One or more paragraphs, sent as one message. */
  text: z.array(textRef).min(1),
  /** Rows of buttons; every choice is a button. */
  buttons: z.array(z.array(button)).optional(),
});
export type Reply = z.infer<typeof reply>;

export function say(key: string, params?: TextRef["params"]): TextRef {
  return params ? { key, params } : { key };
}

export function btn(key: string, data: string, params?: TextRef["params"]): Button {
  return { label: say(key, params), data };
}

/** A link button (see `button`); `data` is what a channel without links sends instead. */
export function linkBtn(key: string, url: string, data: string): Button {
  return { label: say(key), data, url };
}

/** A reply of one paragraph with optional button rows. */
export function message(key: string, params?: TextRef["params"], buttons?: Button[][]): Reply {
  return buttons?.length ? { text: [say(key, params)], buttons } : { text: [say(key, params)] };
}
