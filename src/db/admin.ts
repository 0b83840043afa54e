// Server-level statements (CREATE/DROP DATABASE) run on their own short connection, outside any
// pool: PostgreSQL refuses them inside a transaction and they must not hold a pooled client.
import pg from "pg";

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
