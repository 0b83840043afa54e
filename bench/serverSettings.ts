// The PostgreSQL settings a figure depends on most, printed with it: the same code measures
// differently with 128 MB of shared buffers (the server's default) and with a few gigabytes (the
// production advice in docs/scaling.md), and a figure without them cannot be compared.
import pg from "pg";

const SETTINGS = ["shared_buffers", "max_wal_size", "work_mem", "effective_cache_size", "random_page_cost"];

export async function serverSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; value: string }>(
      `SELECT name, current_setting(name) AS value FROM unnest($1::text[]) AS name`,
      [SETTINGS],
    );
    return rows.map((r) => `${r.name} ${r.value}`).join(", ");
  } finally {
    await client.end();
  }
}
