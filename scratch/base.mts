import { createDatabase } from "../src/db/database.ts";
const m = () => Math.round(process.memoryUsage().rss / 1e6);
console.log("start", m());
const db = await createDatabase({ kind: "pglite", dataDir: "/tmp/pgl/base" + Date.now() });
console.log("opened", m(), JSON.stringify(process.memoryUsage()));
await db.migrate();
console.log("migrated", m());
await db.close();
