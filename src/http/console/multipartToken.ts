// The CSRF token of a file upload, read from the form itself: the upload form sends its hidden
// `_csrf` field first, and this reads just that first part of the multipart body (a few hundred
// bytes) and puts the bytes back, so the upload's own parser reads the whole body as sent. A token
// in the address would end up in logs, browser history and Referer headers.
import type { Request } from "express";

/** Bytes read at most to find the first part. */
const PEEK_LIMIT = 8 * 1024;

/** The value of the body's first part when it is the field `name`; null otherwise. */
export function firstMultipartField(req: Request, name: string): Promise<string | null> {
  const boundary = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(req.get("content-type") ?? "");
  const delimiter = boundary ? `--${boundary[1] ?? boundary[2]}` : null;
  if (!delimiter) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (found: string | null, giveBack: boolean): void => {
      req.off("readable", onReadable);
      req.off("end", onEnd);
      req.off("error", onError);
      if (giveBack && chunks.length) req.unshift(Buffer.concat(chunks));
      resolve(found);
    };
    const onReadable = (): void => {
      let chunk: unknown;
      while ((chunk = req.read()) !== null) {
        if (!Buffer.isBuffer(chunk)) continue;
        chunks.push(chunk);
        size += chunk.length;
        const outcome = readFirstPart(Buffer.concat(chunks).toString("latin1"), delimiter, name);
        if (outcome !== "more") return finish(outcome, true);
        if (size >= PEEK_LIMIT) return finish(null, true);
      }
    };
    const onEnd = (): void => {
      const outcome = readFirstPart(Buffer.concat(chunks).toString("latin1"), delimiter, name);
      // The body is used up; nothing is left to give back, and the request is refused anyway
      // unless its first (and only) part was the token.
      finish(outcome === "more" ? null : outcome, false);
    };
    const onError = (err: unknown): void => {
      req.off("readable", onReadable);
      req.off("end", onEnd);
      reject(err instanceof Error ? err : new Error("request stream failed"));
    };
    req.on("readable", onReadable);
    req.once("end", onEnd);
    req.once("error", onError);
  });
}

/** "more" until the first part is complete; then its value if it is the field, or null. */
function readFirstPart(text: string, delimiter: string, name: string): string | null | "more" {
  const start = text.indexOf(`${delimiter}\r\n`);
  if (start < 0)
    return text.length > delimiter.length + 2 && !text.startsWith(delimiter.slice(0, text.length)) ? null : "more";
  const headersEnd = text.indexOf("\r\n\r\n", start);
  if (headersEnd < 0) return "more";
  const headers = text.slice(start + delimiter.length + 2, headersEnd);
  const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(;|\r|$)/im.exec(headers);
  if (!disposition || disposition[1] !== name || /filename=/i.test(headers)) return null;
  const valueEnd = text.indexOf(`\r\n${delimiter}`, headersEnd + 4);
  if (valueEnd < 0) return "more";
  return text.slice(headersEnd + 4, valueEnd);
}
