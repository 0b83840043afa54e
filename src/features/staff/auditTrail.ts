// The audit log as staff may read it: admins see everything; everyone else sees their own
// actions and what was done to people in their area (Law 91/2025: access to personal data is
// itself personal data, so the log is area-scoped too).
import { z } from "zod";
import { queryRows, sqlInt } from "../../db/queryRows.ts";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { DAY_MS, startOfVietnamDay } from "../../lib/vietnamTime.ts";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  actor?: string;
  /** Exact action, or a prefix such as "login." */
  action?: string;
  /** Vietnam calendar days, inclusive. */
  from?: CalendarDate;
  to?: CalendarDate;
  page?: number;
}

export interface AuditViewer {
  staffId: string;
  /** null = admin, sees every entry. */
  communeIds: string[] | null;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  /** The beneficiary's name when the entry is about one. */
  subject: string | null;
  detail: unknown;
  ip: string | null;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
}

export async function listAuditEntries(
  db: Pick<PrismaClient, "auditLog" | "beneficiary" | "$queryRaw">,
  viewer: AuditViewer,
  filter: AuditFilter,
): Promise<AuditPage> {
  const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (viewer.communeIds !== null) {
    conds.push(
      viewer.communeIds.length > 0
        ? Prisma.sql`(a."staffId" = ${viewer.staffId} OR (a."entity" = 'beneficiary' AND b."communeId" IN (${Prisma.join(viewer.communeIds)})))`
        : Prisma.sql`a."staffId" = ${viewer.staffId}`,
    );
  }
  if (filter.actor) conds.push(Prisma.sql`a."actor" ILIKE ${`%${escapeLike(filter.actor)}%`}`);
  if (filter.action)
    conds.push(Prisma.sql`(a."action" = ${filter.action} OR a."action" LIKE ${`${escapeLike(filter.action)}%`})`);
  // Days are Vietnam days (UTC+7, no daylight saving).
  if (filter.from) conds.push(Prisma.sql`a."at" >= ${startOfVietnamDay(filter.from)}`);
  if (filter.to) conds.push(Prisma.sql`a."at" < ${new Date(startOfVietnamDay(filter.to).getTime() + DAY_MS)}`);
  const where = Prisma.join(conds, " AND ");
  const from = Prisma.sql`FROM "AuditLog" a LEFT JOIN "Beneficiary" b ON a."entity" = 'beneficiary' AND b."id" = a."entityId"`;

  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const [ids, counts] = await Promise.all([
    queryRows(
      db,
      z.object({ id: z.string() }),
      Prisma.sql`SELECT a."id" ${from} WHERE ${where} ORDER BY a."at" DESC, a."id" DESC LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`,
    ),
    queryRows(db, z.object({ n: sqlInt }), Prisma.sql`SELECT count(*)::int AS n ${from} WHERE ${where}`),
  ]);
  const pageIds = ids.map((r) => r.id);
  const total = counts[0]?.n ?? 0;

  const entries = await db.auditLog.findMany({
    where: { id: { in: pageIds } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  const subjectIds = [
    ...new Set(entries.flatMap((e) => (e.entity === "beneficiary" && e.entityId ? [e.entityId] : []))),
  ];
  const subjects = subjectIds.length
    ? await db.beneficiary.findMany({ where: { id: { in: subjectIds } }, select: { id: true, fullName: true } })
    : [];
  const names = new Map(subjects.map((s) => [s.id, s.fullName]));
  return {
    rows: entries.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      subject: e.entityId ? (names.get(e.entityId) ?? null) : null,
      detail: e.detail,
      ip: e.ip,
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
