// Input no browser or platform sends and no database stores — broken percent-encoding, a NUL or
// a lone UTF-16 surrogate — answered 400 at the door, before any route or query reads it.
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../core/errors.ts";
import { hasHostileText, wellFormedReviver } from "../lib/wellFormed.ts";

/** The path and every query name and value, decoded, for every request. */
export function refuseHostileAddress(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl;
  const mark = url.indexOf("?");
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? "" : url.slice(mark + 1);
  for (const part of [path, ...query.split("&").flatMap((pair) => pair.split("="))]) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return next(new AppError("bad_request", "Malformed address"));
    }
    if (hasHostileText(decoded)) return next(new AppError("bad_request", "Malformed address"));
  }
  next();
}

/** A parsed form or JSON body (after the body parsers). */
export function refuseHostileBody(req: Request, _res: Response, next: NextFunction): void {
  if (hasHostileText(req.body)) return next(new AppError("bad_request", "Malformed request body"));
  next();
}

/** For express.json: a lone surrogate makes the body malformed (400). */
export const jsonOptions = { reviver: wellFormedReviver };
