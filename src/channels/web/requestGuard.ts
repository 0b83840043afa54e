// Only the chat page itself may post messages. A custom header cannot be sent cross-site without a
// CORS preflight (which this service never grants), and a browser always names the page's origin
// on a cross-site POST, so both together stop another site from talking in someone's chat.
import type { NextFunction, Request, Response } from "express";

export const CHAT_HEADER = "x-requested-with";
export const CHAT_HEADER_VALUE = "asb-chat";

export function requestGuard(publicUrl: string | undefined) {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.get(CHAT_HEADER) !== CHAT_HEADER_VALUE) {
      res.status(403).json({ error: "forbidden" });
      return;
    }
    const origin = req.get("origin");
    // No Origin: not a browser's cross-site request (browsers always send it on a cross-site POST).
    if (origin !== undefined && origin !== publicOrigin && origin !== ownOrigin(req)) {
      res.status(403).json({ error: "forbidden" });
      return;
    }
    next();
  };
}

function ownOrigin(req: Request): string | null {
  const host = req.get("host");
  return host ? `${req.protocol}://${host}` : null;
}
