// A fresh PostgreSQL database beside BENCH_DATABASE_URL (default: the local test server) for one
// benchmark run, dropped afterwards. Loopback only.
import { adminQuery, withDatabase } from "../src/db/admin.ts";

export async function scratchDatabase(
  prefix: string,
  admin = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test",
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  await adminQuery(admin, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(admin, name),
    drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
