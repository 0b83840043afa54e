// The real service (src/main.ts) as a process of its own, for tests and benchmarks that kill it,
// restart it or run two of it. Its output is read all the time (a full pipe would stall it);
// errors are kept to explain an early exit.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";

export interface ServiceProcess {
  child: ChildProcess;
  /** The port it listens on (chosen free unless PORT was given). */
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Resolves once it logged that it is ready; rejects when it exits first or takes too long. */
  ready: Promise<void>;
  /** Log lines at error level or above, and anything on stderr. */
  errors: string[];
  /** Resolves when the process has exited (at once if it has). */
  exited(): Promise<void>;
  /** Sends the signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServiceProcessOptions {
  readyTimeoutMs?: number;
  /** The compiled build (`<appDir>/dist/src/main.js`, as in production) instead of the TypeScript sources through tsx. */
  compiled?: boolean;
  /** The application folder (default: this checkout). */
  appDir?: string;
  /** The working directory of the process (default: the application folder). */
  cwd?: string;
}

export async function startServiceProcess(
  env: Record<string, string>,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcess> {
  const port = env.PORT && env.PORT !== "0" ? Number(env.PORT) : await freePort();
  const appDir = options.appDir ?? process.cwd();
  const args = options.compiled
    ? [path.join(appDir, "dist", "src", "main.js")]
    : ["--import", "tsx", path.join(appDir, "src", "main.ts")];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? appDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errors: string[] = [];
  const exited = () =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
    );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the service was not ready in time")),
      options.readyTimeoutMs ?? 120_000,
    );
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code ?? signal}):\n${errors.slice(-20).join("\n")}`));
    });
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (/"level":"(error|fatal)"/.test(line)) errors.push(line);
      if (line.includes("An Sinh Bot is ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    createInterface({ input: child.stderr! }).on("line", (line) => errors.push(line));
  });
  // Nobody need wait for `ready` to avoid an unhandled rejection when the process is killed early.
  ready.catch(() => undefined);
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    ready,
    errors,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited();
    },
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
