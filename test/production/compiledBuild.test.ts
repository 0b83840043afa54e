// The service as the Docker image runs it: compiled with `npm run build`'s compiler settings, laid
// out with exactly the files the Dockerfile's runtime stage copies, started with `node
// dist/src/main.js` from another working directory. Everything it reads at run time (migrations,
// locales, page files, policy data, the intent classifier's training data) must be found there.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { scratchDatabase } from "../../bench/scratchDatabase.ts";
import { createDatabase } from "../../src/db/database.ts";
import { TEST_DATA_KEYS, TEST_DATA_KEYS_ENV } from "../../src/db/fieldCipher.ts";
import { freePort, startServiceProcess, type ServiceProcess } from "../helpers/serviceProcess.ts";
import { openChat } from "../webchat/chatClient.ts";
import { runtimeCopies } from "./dockerfileCopies.ts";

const repo = process.cwd();
const COUNTS = `SELECT (SELECT count(*) FROM "BenefitCategory") AS categories,
  (SELECT count(*) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL) AS migrations`;
const locale = (ns: string) =>
  readFile(path.join(repo, "locales", "vi", `${ns}.json`), "utf8").then(
    (t) => JSON.parse(t) as Record<string, unknown>,
  );

let work: string;
let service: ServiceProcess;
/** What the database holds after the start: benefit categories and applied migrations. */
let inspect: () => Promise<{ categories: number; migrations: number }>;
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "ansinh-image-"));
  const app = path.join(work, "app");
  await mkdir(app);
  // The image's files: the compiled build, node_modules, and what the runtime stage copies.
  for (const copy of runtimeCopies(await readFile(path.join(repo, "Dockerfile"), "utf8"))) {
    const target = path.join(app, copy.to);
    if (copy.from === "build:/app/node_modules") await symlink(path.join(repo, "node_modules"), target, "dir");
    else if (copy.from === "build:/app/dist") {
      await promisify(execFile)(
        path.join(repo, "node_modules", ".bin", "tsc"),
        ["-p", path.join(repo, "tsconfig.build.json"), "--outDir", target],
        { cwd: repo },
      );
    } else if (copy.from.startsWith("build:"))
      throw new Error(
        `the runtime stage copies ${copy.from} from the build stage; teach this test where it comes from`,
      );
    else await cp(path.join(repo, copy.from), target, { recursive: true });
  }
  const elsewhere = path.join(work, "elsewhere");
  await mkdir(elsewhere);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let database: Record<string, string>;
  if (process.env.TEST_DATABASE_URL) {
    const scratch = await scratchDatabase("ansinh_test_image", process.env.TEST_DATABASE_URL);
    database = { DATABASE_URL: scratch.url };
    inspect = async () => {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ categories: string; migrations: string }>(COUNTS);
        return { categories: Number(rows[0]?.categories), migrations: Number(rows[0]?.migrations) };
      } finally {
        await client.end();
      }
    };
    cleanup = () => scratch.drop();
  } else {
    const dataDir = path.join(work, "data");
    database = { DATA_DIR: dataDir };
    // The embedded database takes one process at a time: read once the service has stopped.
    inspect = async () => {
      await service.stop();
      const db = await createDatabase({ kind: "pglite", dataDir }, undefined, TEST_DATA_KEYS);
      try {
        const [row] = await db.prisma.$queryRawUnsafe<{ categories: number; migrations: number }[]>(COUNTS);
        return { categories: Number(row?.categories), migrations: Number(row?.migrations) };
      } finally {
        await db.close();
      }
    };
  }
  service = await startServiceProcess(
    {
      NODE_ENV: "production",
      ...TEST_DATA_KEYS_ENV,
      ...database,
      PORT: String(port),
      PUBLIC_URL: url,
      DEMO_DATA: "never",
      LOG_LEVEL: "info",
    },
    { compiled: true, appDir: app, cwd: elsewhere },
  );
  await service.ready;
}, 240_000);

afterAll(async () => {
  await service?.stop();
  await cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the compiled service in the image's layout", () => {
  it("serves the officers' sign-in page with its stylesheet, in Vietnamese", async () => {
    const page = await fetch(`${service.url}/console/login`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('lang="vi"');
    const css = /href="(\/console\/static\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    const sheet = await fetch(`${service.url}${css}`);
    expect(sheet.status).toBe(200);
    expect((await sheet.text()).length).toBeGreaterThan(100);
  });

  it("greets a newcomer in the web chat with the Vietnamese text and answers a question in words", async () => {
    const chat = await openChat(service.url);
    expect((await chat.post({ kind: "start" })).status).toBe(202);
    // A newcomer reads the greeting before typing, as on a phone.
    await waitFor(async () => ((await chat.history()).items.some((i) => i.from === "bot") ? true : null));
    expect((await chat.post({ kind: "text", text: "bao gio thi duoc nhan tien thang nay" })).status).toBe(202);
    const items = await waitFor(async () => {
      const { items } = await chat.history();
      return items.filter((i) => i.from === "bot").length >= 3 ? items : null;
    });
    const chatTexts = await locale("chat");
    expect(items[0]?.text).toBe(chatTexts.welcome);
    // Every bot message is text from the locale files, never a bare key.
    for (const item of items.filter((i) => i.from === "bot")) expect(item.text).not.toMatch(/^[a-z]+:[a-zA-Z.]+$/);
    // The question was understood (the classifier was trained): it is not the "did not understand" answer.
    const answer = items
      .slice(items.findIndex((i) => i.from === "me") + 1)
      .map((i) => i.text)
      .join("\n");
    expect(answer).not.toContain(String(chatTexts.notUnderstood));
  });

  it("applied every migration and brought the benefit categories in from the policy files", async () => {
    const policy = policyFile.parse(
      JSON.parse(await readFile(path.join(repo, "src/features/policy/data/categories.json"), "utf8")),
    );
    const migrations = (await readdir(path.join(repo, "prisma", "migrations"), { withFileTypes: true })).filter((d) =>
      d.isDirectory(),
    );
    expect(policy.categories.length).toBeGreaterThan(0);
    expect(await inspect()).toEqual({ categories: policy.categories.length, migrations: migrations.length });
  });
});

const policyFile = z.object({ categories: z.array(z.unknown()) });

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}
