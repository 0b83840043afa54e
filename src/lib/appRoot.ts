// The folder that holds package.json, prisma/ and locales/, found from this file's location so the
// same code works from src/ (tsx) and from the compiled dist/src/.
import { existsSync } from "node:fs";
import path from "node:path";

function findAppRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "prisma"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the application folder above ${start}`);
    dir = parent;
  }
}

export const appRoot: string = findAppRoot(import.meta.dirname);
