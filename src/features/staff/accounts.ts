// Creating staff accounts and changing passwords (used by the staff CLI and by tests).
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { StaffRole } from "../../generated/prisma/enums.ts";
import { normaliseUsername } from "./login.ts";
import { hashPassword } from "./password.ts";
import { ROLES } from "./roles.ts";

export const MIN_PASSWORD_LENGTH = 10;

export const newStaffSchema = z.object({
  username: z
    .string()
    .transform(normaliseUsername)
    .pipe(z.string().regex(/^[a-z0-9._-]{3,64}$/, "3-64 letters, digits, '.', '_' or '-'")),
  fullName: z.string().trim().min(1).max(120),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
  role: z.enum(StaffRole),
  communeCodes: z.array(z.string().trim().min(1)).default([]),
  provinceCodes: z.array(z.string().trim().min(1)).default([]),
  locale: z.enum(["vi", "en"]).default("vi"),
  /** Receives the hotline's SLA alerts for their area. */
  hotlineSupervisor: z.boolean().default(false),
});

export type NewStaff = z.input<typeof newStaffSchema>;

export interface StaffSummary {
  id: string;
  username: string;
  fullName: string;
  role: StaffRole;
  active: boolean;
  locked: boolean;
  lastLoginAt: Date | null;
  areas: string[];
}

type AccountStore = Pick<PrismaClient, "staffUser" | "commune" | "province">;

/** Creates a staff user with their areas; area codes must exist. */
export async function createStaffUser(db: AccountStore, input: NewStaff): Promise<{ id: string; username: string }> {
  const s = newStaffSchema.parse(input);
  if (ROLES[s.role].area !== "everywhere" && s.communeCodes.length === 0 && s.provinceCodes.length === 0) {
    throw new AppError("bad_request", "A non-admin staff member needs at least one commune or province");
  }
  // A post-office worker serves named communes; a province on file would give them none.
  if (s.role === "POST_OFFICE" && s.communeCodes.length === 0) {
    throw new AppError("bad_request", "A post-office worker needs the communes they serve (--commune)");
  }
  const communes = await db.commune.findMany({
    where: { code: { in: s.communeCodes } },
    select: { id: true, code: true },
  });
  const provinces = await db.province.findMany({
    where: { code: { in: s.provinceCodes } },
    select: { id: true, code: true },
  });
  const missing = [
    ...s.communeCodes.filter((c) => !communes.some((x) => x.code === c)).map((c) => `commune ${c}`),
    ...s.provinceCodes.filter((c) => !provinces.some((x) => x.code === c)).map((c) => `province ${c}`),
  ];
  if (missing.length > 0) throw new AppError("bad_request", `Unknown area code(s): ${missing.join(", ")}`);
  if (await db.staffUser.findUnique({ where: { username: s.username }, select: { id: true } })) {
    throw new AppError("conflict", `Username ${s.username} is taken`);
  }
  const passwordHash = await hashPassword(s.password);
  const user = await db.staffUser.create({
    data: {
      username: s.username,
      fullName: s.fullName,
      passwordHash,
      role: s.role,
      locale: s.locale,
      hotlineSupervisor: s.hotlineSupervisor,
      scopes: {
        create: [...communes.map((c) => ({ communeId: c.id })), ...provinces.map((p) => ({ provinceId: p.id }))],
      },
    },
    select: { id: true, username: true },
  });
  return user;
}

/** Sets a new password and lifts any lock; existing sessions are ended. */
export async function setStaffPassword(
  db: Pick<PrismaClient, "staffUser" | "staffSession">,
  username: string,
  password: string,
): Promise<void> {
  const pw = z.string().min(MIN_PASSWORD_LENGTH).max(256).parse(password);
  const user = await db.staffUser.findUnique({
    where: { username: normaliseUsername(username) },
    select: { id: true },
  });
  if (!user) throw new AppError("not_found", `No staff user ${username}`);
  await db.staffUser.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(pw), failedLogins: 0, lockedUntil: null },
  });
  await db.staffSession.deleteMany({ where: { staffId: user.id } });
}

export async function listStaffUsers(db: Pick<PrismaClient, "staffUser">, now: Date): Promise<StaffSummary[]> {
  const users = await db.staffUser.findMany({
    orderBy: { username: "asc" },
    include: { scopes: { include: { commune: { select: { code: true } }, province: { select: { code: true } } } } },
  });
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    active: u.active,
    locked: u.lockedUntil !== null && u.lockedUntil > now,
    lastLoginAt: u.lastLoginAt,
    areas: u.scopes.map((s) =>
      s.commune ? `commune ${s.commune.code}` : s.province ? `province ${s.province.code}` : "?",
    ),
  }));
}

/** Keeps the console language a staff member chose on their account, for their next sign-in. */
export async function setStaffLocale(
  db: Pick<PrismaClient, "staffUser">,
  staffId: string,
  locale: string,
): Promise<void> {
  await db.staffUser.update({ where: { id: staffId }, data: { locale } });
}
