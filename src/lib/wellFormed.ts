// Text that no database stores: a lone UTF-16 surrogate (JSON allows "\ud800", UTF-8 has no
// encoding for it, PostgreSQL refuses it) and NUL (PostgreSQL text cannot hold it). Such input is
// never something a person typed; it is refused at the door with 400 instead of failing inside.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** A NUL or a lone surrogate anywhere in a string, or in any string (key or value) of a parsed body. */
export function hasHostileText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000") || hasLoneSurrogate(value);
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([k, v]) => hasHostileText(k) || hasHostileText(v, depth + 1));
}

/**
 * A JSON.parse reviver that makes a lone surrogate a syntax error, so JSON parsers (and
 * express.json, which then answers 400) refuse the body as malformed. NUL is left to the edges
 * that strip it from chat texts.
 */
export function wellFormedReviver(this: unknown, key: string, value: unknown): unknown {
  if (hasLoneSurrogate(key) || (typeof value === "string" && hasLoneSurrogate(value)))
    throw new SyntaxError("lone surrogate in JSON text");
  return value;
}
