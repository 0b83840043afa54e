// Runs once per test run: migrates a template database, so each test file gets a fresh copy fast.
// PGlite (default): a dumped data folder in a temp file. PostgreSQL (TEST_DATABASE_URL): a
// template database; each file clones it with CREATE DATABASE … TEMPLATE.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { adminQuery, withDatabase } from "../../src/db/admin.ts";
import { createDatabase } from "../../src/db/database.ts";

export { adminQuery, withDatabase };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = `ansinh_tpl_${process.pid}_${Date.now()}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${template}"`);
    const db = await createDatabase({ kind: "postgres", url: withDatabase(adminUrl, template) });
    await db.migrate();
    await db.close();
    project.provide("pgTemplate", template);
    return async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "ansinh-test-"));
  const pglite = await PGlite.create();
  const db = await createDatabase({ kind: "pglite-instance", db: pglite });
  await db.migrate();
  await db.close();
  const dump = await pglite.dumpDataDir("none");
  const file = path.join(dir, "template.tar");
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", file);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteTemplate: string;
  }
}
