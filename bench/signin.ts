// How long the sign-in form takes to answer a wrong password for a name that exists and for one
// that does not, interleaved, through the real app on the embedded database: the two must not be
// told apart by their time (goal: medians within 10 % of each other).
//   npm run bench -- signin [--runs 60]
import type { Server } from "node:http";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.ts";
import { createI18n } from "../src/core/i18n.ts";
import { createDatabase } from "../src/db/database.ts";
import { hashPassword } from "../src/features/staff/password.ts";
import { createApp } from "../src/http/app.ts";
import { systemClock } from "../src/lib/clock.ts";
import { createLogger } from "../src/lib/logger.ts";

export async function signinBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: "string", default: "60" } } });
  const runs = Number(values.runs);
  // Free tries high enough that the comparison measures password checks, not delays.
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    MIGRATE_ON_START: "false",
    LOGIN_MAX_FAILURES: "100",
    LOGIN_ADDRESS_MAX_FAILURES: "10000",
  });
  const db = await createDatabase({ kind: "pglite", dataDir: "memory://" });
  let server: Server | undefined;
  try {
    await db.migrate();
    await db.prisma.staffUser.create({
      data: {
        username: "known",
        fullName: "Known",
        passwordHash: await hashPassword("right-password-1"),
        role: "ADMIN",
      },
    });
    const app = createApp({
      config,
      db,
      prisma: db.prisma,
      log: createLogger({ level: "silent" }),
      i18n: await createI18n(),
      clock: systemClock,
      isReady: () => true,
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no port");
    const url = `http://127.0.0.1:${address.port}`;

    const form = await fetch(`${url}/console/login`);
    const cookie =
      form.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .find((c) => c?.startsWith("asb_login_csrf=")) ?? "";
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    let n = 0;
    const attempt = async (username: string): Promise<{ ms: number; status: number }> => {
      const start = performance.now();
      const res = await fetch(`${url}/console/login`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie,
          "x-forwarded-for": `10.0.${n >> 8}.${n++ & 255}`,
        },
        body: new URLSearchParams({ username, password: "wrong-password", _csrf: token }),
      });
      await res.text();
      return { ms: performance.now() - start, status: res.status };
    };

    for (let i = 0; i < 3; i++) await attempt(`warm-up-${i}`);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < runs; i++) {
      known.push((await attempt("known")).ms);
      unknown.push((await attempt(`nobody-${i}`)).ms);
    }
    report("wrong password, known name", known);
    report("wrong password, unknown name", unknown);
    const ratio = median(unknown) / median(known);
    console.log(
      `unknown/known median: ${ratio.toFixed(2)} (goal 0.90–1.10) ${ratio >= 0.9 && ratio <= 1.1 ? "ok" : "OUT OF RANGE"}`,
    );
  } finally {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function report(label: string, xs: number[]): void {
  const s = [...xs].sort((a, b) => a - b);
  const p = (q: number) => (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(1);
  console.log(`${label}: median ${p(0.5)} ms, p90 ${p(0.9)} ms (${xs.length} tries)`);
}
