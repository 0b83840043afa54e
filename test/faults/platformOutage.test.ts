// Telegram unreachable for minutes (502s, then cut connections): the answers to people who wrote
// just before wait in the queue and all arrive, once, when the platform is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { figuresTable } from "./figures.ts";
import { platformOutage } from "./platformScenario.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

describe("Telegram down for minutes, then back", () => {
  it("delivers every answer once after a 5-minute and a 15-minute outage", async () => {
    const figures = await platformOutage({ outageMinutes: [5, 15], replies: 10 }, db);
    process.stdout.write(`${figuresTable(figures)}\n`);
    for (const f of figures) expect(f).toMatchObject({ messages: 10, lost: 0, duplicates: 0, notFinal: 0 });
  }, 90_000);
});
