import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStaffCli, type StaffCliIo } from "../../src/cli/staff.ts";
import { verifyPassword } from "../../src/features/staff/password.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { seedWorld } from "../console/fixtures.ts";

describe("the staff command line", () => {
  let db: TestDatabase;
  let printed: string[];
  const io = (password = "mot-mat-khau-dai"): StaffCliIo => ({
    prisma: db.prisma,
    print: (line) => printed.push(line),
    readPassword: async () => password,
    now: () => new Date(),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedWorld(db.prisma);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("creates a commune officer with their commune, and lists them", async () => {
    printed = [];
    const code = await runStaffCli(
      ["create", "--username", "Can.Bo.Xa", "--role", "COMMUNE_OFFICER", "--commune", "90101", "--name", "Lê Văn Tâm"],
      io(),
    );
    expect(code).toBe(0);
    const user = await db.prisma.staffUser.findUniqueOrThrow({
      where: { username: "can.bo.xa" },
      include: { scopes: { include: { commune: true } } },
    });
    expect(user.fullName).toBe("Lê Văn Tâm");
    expect(user.scopes.map((s) => s.commune?.code)).toEqual(["90101"]);
    expect(await verifyPassword("mot-mat-khau-dai", user.passwordHash)).toBe(true);

    printed = [];
    expect(await runStaffCli(["list"], io())).toBe(0);
    expect(printed).toEqual(["can.bo.xa\tCOMMUNE_OFFICER\tLê Văn Tâm\tcommune 90101"]);
  });

  it("refuses unknown areas, short passwords, taken usernames and bad roles", async () => {
    const base = ["create", "--username", "moi", "--role", "COMMUNE_OFFICER", "--name", "Mới"];
    printed = [];
    expect(await runStaffCli([...base, "--commune", "00000"], io())).toBe(1);
    expect(printed.join("\n")).toContain("commune 00000");
    expect(await runStaffCli([...base, "--commune", "90101"], io("ngan"))).toBe(2);
    expect(await runStaffCli(["create", "--username", "can.bo.xa", "--role", "ADMIN", "--name", "X"], io())).toBe(1);
    expect(await runStaffCli(["create", "--username", "x1x", "--role", "BOSS", "--name", "X"], io())).toBe(2);
    expect(await runStaffCli(["create", "--bogus"], io())).toBe(2);
    expect(await db.prisma.staffUser.count()).toBe(1);
  });

  it("creates a hotline supervisor who receives the area's SLA alerts", async () => {
    const code = await runStaffCli(
      [
        "create",
        "--username",
        "truong.ca",
        "--role",
        "HOTLINE_AGENT",
        "--commune",
        "90101",
        "--name",
        "Phạm Thu Hà",
        "--hotline-supervisor",
      ],
      io(),
    );
    expect(code).toBe(0);
    expect(await db.prisma.staffUser.findUniqueOrThrow({ where: { username: "truong.ca" } })).toMatchObject({
      hotlineSupervisor: true,
    });
  });

  it("sets a new password, lifts a lock and ends the person's sessions", async () => {
    const user = await db.prisma.staffUser.update({
      where: { username: "can.bo.xa" },
      data: { lockedUntil: new Date(Date.now() + 3_600_000), failedLogins: 2 },
    });
    await db.prisma.staffSession.create({
      data: { id: "h", staffId: user.id, csrfToken: "c", expiresAt: new Date(Date.now() + 3_600_000) },
    });
    expect(await runStaffCli(["set-password", "--username", "can.bo.xa"], io("mat-khau-moi-123"))).toBe(0);
    const after = await db.prisma.staffUser.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("mat-khau-moi-123", after.passwordHash)).toBe(true);
    expect(after.lockedUntil).toBeNull();
    expect(await db.prisma.staffSession.count({ where: { staffId: user.id } })).toBe(0);
  });
});
