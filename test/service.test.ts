// The README's first command: a fresh machine runs `npm start` and gets a living console.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./helpers/app.ts";

describe("starting the service on a fresh machine", () => {
  let child: ChildProcess;
  let dataDir: string;
  const lines: string[] = [];
  let url = "";

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "ansinh-start-"));
    // Only the variables a newcomer would have: no database URL, no token.
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
    };
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${lines.join("\n")}`)), 110_000);
      child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${lines.join("\n")}`)));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        lines.push(line);
        const console = /^\s+Console\s+(http:\/\/\S+)\/console$/.exec(line);
        if (console?.[1]) {
          clearTimeout(timer);
          resolve(console[1].replace("localhost", "127.0.0.1"));
        }
      });
    });
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("shows, within one screen, a banner with the web chat and console addresses, the demo logins and the data folder", async () => {
    await expect.poll(() => lines.some((l) => l.startsWith("Stop it with Ctrl+C")), { timeout: 30_000 }).toBe(true);
    const end = lines.findIndex((l) => l.startsWith("Stop it with Ctrl+C"));
    expect(end).toBeLessThan(40);
    const banner = lines.slice(lines.indexOf("An Sinh Bot is running."), end + 1).join("\n");
    expect(banner).toMatch(/Web chat\s+http:\/\/localhost:\d+\/chat/);
    for (const login of [
      "admin / admin-demo-2026",
      "tinh / tinh-demo-2026",
      "xa1 / xa1-demo-2026",
      "tongdai / tongdai-demo-2026",
    ]) {
      expect(banner).toContain(login);
    }
    expect(banner).toContain(dataDir);
  });

  it("writes readable log lines, not JSON, and keeps migration names whole", () => {
    const before = lines.slice(0, lines.indexOf("An Sinh Bot is running."));
    expect(before.some((l) => l.trimStart().startsWith("{"))).toBe(false);
    const applied = before.find((l) => l.includes("database migrations applied"));
    expect(applied).toMatch(/latest=\d{14}_[a-z_]+/);
  });

  it("keeps the keys it generated for personal data in the data folder, readable by the service only", async () => {
    const info = await stat(path.join(dataDir, "data-keys.json"));
    expect(info.mode & 0o777).toBe(0o600);
  });

  it("answers its health and readiness probes", async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: true });
  });

  it("lets a demo officer sign in and find people of the demo province", async () => {
    const session = await signIn(url, "tinh", "tinh-demo-2026");
    const res = await fetch(`${url}/api/beneficiaries`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const body: { total?: number } = await res.json();
    expect(body.total).toBeGreaterThan(1000);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(lines.some((l) => / stopped$/.test(l))).toBe(true);
  });
});
