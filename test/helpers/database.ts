// A fresh, migrated database for one test file: PGlite by default, PostgreSQL when
// TEST_DATABASE_URL is set (CI runs the suite both ways).
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { createDatabase, type Database } from "../../src/db/database.ts";
import type { DataKeys } from "../../src/db/fieldCipher.ts";
import { adminQuery, withDatabase } from "../setup/global.ts";

export interface TestDatabase extends Database {
  /** Connection URL when on PostgreSQL (for tests that start a second process). */
  url?: string;
  /** Another client on the same data with other keys (as after a restart with a new key set). */
  withKeys?(keys: DataKeys): Promise<Database>;
  /** Closes and drops the database. */
  destroy(): Promise<void>;
}

/** Without `keys`, the fixed test keys every test client shares. */
export async function createTestDatabase(keys?: DataKeys): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `ansinh_t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    await cloneTemplate(adminUrl, name, inject("pgTemplate"));
    const url = withDatabase(adminUrl, name);
    const db = await createDatabase({ kind: "postgres", url, poolSize: 5 }, undefined, keys);
    const others: Database[] = [];
    return {
      ...db,
      url,
      async withKeys(other) {
        const opened = await createDatabase({ kind: "postgres", url, poolSize: 2 }, undefined, other);
        others.push(opened);
        return opened;
      },
      async destroy() {
        await Promise.all(others.map((o) => o.close()));
        await db.close();
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const tar = await readFile(inject("pgliteTemplate"));
  const pglite = await PGlite.create({ loadDataDir: new Blob([tar]) });
  const db = await createDatabase({ kind: "pglite-instance", db: pglite }, undefined, keys);
  return {
    ...db,
    // One PGlite handle serves every client; closing a client leaves it open.
    withKeys: (other) => createDatabase({ kind: "pglite-instance", db: pglite }, undefined, other),
    async destroy() {
      await db.close();
      await pglite.close();
    },
  };
}

// PostgreSQL refuses to copy a template while another copy of it is being made, so test files
// starting together take turns.
async function cloneTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (err) {
      const busy = err instanceof Error && /being accessed by other users/.test(err.message);
      if (!busy || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** An empty database with no migrations applied, for tests of the migrations themselves. */
export async function createEmptyTestDatabase(): Promise<{ open(): Promise<Database>; destroy(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const opened: Database[] = [];
  if (adminUrl) {
    const name = `ansinh_e_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    const url = withDatabase(adminUrl, name);
    return {
      async open() {
        const db = await createDatabase({ kind: "postgres", url, poolSize: 2 });
        opened.push(db);
        return db;
      },
      async destroy() {
        await Promise.all(opened.map((d) => d.close()));
        await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  // One PGlite database can only be opened by one process, and by one handle in it.
  const pglite = await PGlite.create();
  const shared = await createDatabase({ kind: "pglite-instance", db: pglite });
  return {
    open: async () => shared,
    async destroy() {
      await shared.close();
      await pglite.close();
    },
  };
}
